import type { LintReport } from '../model/finding.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

export interface ReporterOptions {
  color: boolean;
}

/** A reporter is a plain function from results to text. */
export type Reporter = (report: LintReport, options: ReporterOptions) => string;

/** Every output format, in one place; the CLI's --format choices come from here. */
export const REPORTERS = {
  stylish: (report, options) => formatStylish(report, options),
  json: (report) => formatJson(report),
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof REPORTERS;

export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];

export function reporterFor(name: ReporterName): Reporter {
  return REPORTERS[name];
}
