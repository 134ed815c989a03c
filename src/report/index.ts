import type { LintReport } from '../model/finding.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

export interface ReporterOptions {
  color: boolean;
}

/** Reporters are plain functions from results to text; the CLI's --format choices come from here. */
export const REPORTERS = {
  stylish: (report: LintReport, options: ReporterOptions) => formatStylish(report, options),
  json: (report: LintReport) => formatJson(report),
} as const satisfies Record<string, (report: LintReport, options: ReporterOptions) => string>;

export type ReporterName = keyof typeof REPORTERS;

export const REPORTER_NAMES = Object.keys(REPORTERS) as ReporterName[];
