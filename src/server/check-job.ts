import type { DataMap } from '../model/datamap.js';
import type { LintResult, TemplateReport } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import type { ReporterName } from '../report/index.js';
import type { ControlAnswer } from './control-answer.js';
import type { TemplateLanguageName } from '../template/source.js';

/** One check the server runs in a worker thread (everything structured-cloneable). */
export interface CheckJob {
  /** The template's source text. */
  template: string;
  /** Its name under the templates folder, or `draft.<extension>`: decides the kind, names it in findings. */
  file: string;
  /**
   * Where the template sits, chosen by the server, never taken from a request: a named
   * template's real path, or a draft's place at the root of the templates folder. Its
   * partials and includes resolve from here, inside the configured folders.
   */
  location: string;
  /** The templates folder: report paths are relative to it. */
  templatesDir: string;
  partialDirs: string[];
  dataMap: DataMap | undefined;
  profiles: Profile[];
  purposes: string[] | undefined;
  /** The request's `language`; by default the template's front matter, else its extension. */
  language: TemplateLanguageName | undefined;
  settings: EngineSettings;
  /** Milliseconds since the epoch: the moment consent is judged at. */
  now: number;
  /** A report in a format, the studio's views, or the template's control twin. */
  answer: { kind: 'report'; format: ReporterName; showValues: boolean } | { kind: 'studio' } | { kind: 'control' };
}

/** What the studio shows for one recipient: the result and the email with its values highlighted. */
export interface StudioView {
  result: LintResult;
  /** A standalone HTML document, values highlighted, remote content removed; undefined when it did not render. */
  preview: string | undefined;
  /** HTML of the subject and preheader lines, values highlighted. */
  subject: string | undefined;
  preheader: string | undefined;
  /** The direction the email's text runs, for the subject and preheader lines; and its language. */
  direction: 'ltr' | 'rtl';
  language: string | undefined;
}

export type CheckAnswer =
  | { kind: 'report'; body: string; contentType: string; errorCount: number; warningCount: number }
  | { kind: 'studio'; views: StudioView[]; templates: TemplateReport[] }
  | ControlAnswer;
