import type { DataMap } from '../model/datamap.js';
import type { LintResult } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import type { PartialSource } from '../template/partial-source.js';
import type { RenderLimits } from '../template/render-budget.js';
import type { TemplateLanguageName } from '../template/source.js';
import { judgeRecipient } from './judge.js';
import { prepareTemplate } from './prepare.js';
import type { RenderedEmail } from './rendered-email.js';

export interface TemplateCheckInput {
  /** The path shown in reports (relative to the working directory in the CLI). */
  file: string;
  /** Where the template is on disk (mjml reads CSS and HTML includes beside it); defaults to `file`. */
  location?: string | undefined;
  text: string;
  dataMap: DataMap | undefined;
  /** No profiles: the template is checked on its own, every token use counted. */
  profiles: readonly Profile[];
  partials: PartialSource;
  now: Date;
  /** From the configuration file: rule levels and options, custom helpers, the regional preset, the maximum score. */
  settings?: Partial<EngineSettings> | undefined;
  /** Judge for these purposes instead of those in the template's front matter. */
  purposes?: readonly string[] | undefined;
  /** How long one email may take to render, and how much it may print. */
  limits?: RenderLimits | undefined;
  /** The template's language, when the caller knows it; else its front matter's `language`, else its extension. */
  language?: TemplateLanguageName | undefined;
}

export interface TemplateCheck {
  results: LintResult[];
  rendered: (RenderedEmail | undefined)[];
}

/** Prepare a template once, then judge it for each profile (or on its own) with the one recipient pipeline. */
export async function checkTemplate(input: TemplateCheckInput): Promise<TemplateCheck> {
  const prepared = prepareTemplate(input);
  const results: LintResult[] = [];
  const rendered: (RenderedEmail | undefined)[] = [];
  const recipients: (Profile | undefined)[] = input.profiles.length > 0 ? [...input.profiles] : [undefined];
  for (const profile of recipients) {
    const judged = await judgeRecipient(prepared, profile, { now: input.now, rendered: true, limits: input.limits });
    results.push(judged.result);
    rendered.push(judged.rendered);
  }
  return { results, rendered };
}
