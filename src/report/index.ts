import { formatGithub } from './github.js';
import { formatHtml } from './html/index.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import type { ReporterOptions, ReportInput } from './report-input.js';
import { formatSarif } from './sarif.js';
import type { ReporterName } from './names.js';
import { formatStylish } from './stylish.js';

export type { ReporterOptions, ReportInput } from './report-input.js';
export { DEFAULT_REPORTER_OPTIONS } from './report-input.js';

/** A reporter is a plain function from results to text. */
export type Reporter = (input: ReportInput, options: ReporterOptions) => string;

/** Every output format, in one place; the CLI's --format choices come from here. */
export const REPORTERS = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  markdown: formatMarkdown,
  html: formatHtml,
} as const satisfies Record<ReporterName, Reporter>;

export { REPORTER_NAMES, type ReporterName } from './names.js';

export function reporterFor(name: ReporterName): Reporter {
  return REPORTERS[name];
}
