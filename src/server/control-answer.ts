import { fileSystemPartials } from '../load/partials.js';
import { controlTwin, type ControlNote } from '../outcomes/control/control-twin.js';
import { highlightedView } from '../report/html/highlighted-email.js';
import type { CheckJob } from './check-job.js';

/** The studio's control twin: its source, what changed, the lines for a person, and the twin as the chosen recipient gets it. */
export type ControlAnswer =
  | {
      kind: 'control';
      source: string;
      notes: ControlNote[];
      needsHuman: number[];
      /** The twin for the request's profile, values highlighted as in the studio's preview; absent without a profile. */
      preview?: { document: string | undefined; subject: string | undefined; preheader: string | undefined; score: number; band: string } | undefined;
    }
  | { kind: 'control-unparsed'; line: number; column: number };

/** Make the twin in a checking thread, with the time and memory limits every check has. */
export async function controlAnswer(job: CheckJob): Promise<ControlAnswer> {
  const made = await controlTwin({
    file: job.file,
    location: job.location,
    text: job.template,
    dataMap: job.dataMap,
    // The location is the server's choice (check-request.ts): a request's path is never joined in.
    partials: fileSystemPartials({ templateFile: job.location, partialDirs: job.partialDirs, cwd: job.templatesDir, partialNames: job.settings.partialNames }),
    settings: job.settings,
    profiles: job.profiles,
    now: new Date(job.now),
    language: job.language,
  });
  if (!made.ok) return { kind: 'control-unparsed', ...made.position };
  const { twin } = made;
  const result = twin.check.results[0];
  let preview: Extract<ControlAnswer, { kind: 'control' }>['preview'];
  if (job.profiles.length > 0 && result) {
    const view = highlightedView(result, twin.check.rendered[0]);
    preview = { document: view.document, subject: view.subject, preheader: view.preheader, score: result.score, band: result.band };
  }
  return { kind: 'control', source: twin.source, notes: twin.notes, needsHuman: twin.needsHuman, ...(preview ? { preview } : {}) };
}
