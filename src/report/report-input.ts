import type { InputProblem } from '../engine/lint.js';
import type { RenderedEmail } from '../engine/rendered-email.js';
import type { Finding, LintReport } from '../model/finding.js';
import type { RunFacts } from './run-facts.js';

/** What reporters format: the results, and (for local previews) the rendered emails beside them. */
export interface ReportInput extends LintReport {
  /** In the order of `results`; only the html reporter and --show-values read it. */
  rendered?: readonly (RenderedEmail | undefined)[] | undefined;
  /** Inputs `lint()` could not read (the CLI prints no report when there are any). */
  problems?: readonly InputProblem[] | undefined;
  /** What the run decided beyond its findings: the exit code, the maximum score, too many warnings. */
  run?: RunFacts | undefined;
}

export interface ReporterOptions {
  /** ANSI colours (stylish on a terminal). */
  color: boolean;
  /** Print customers' values beside the fields they came from: for local use only. */
  showValues: boolean;
  /** Paths in CI formats are relative to this folder. */
  cwd: string;
}

export const DEFAULT_REPORTER_OPTIONS: ReporterOptions = { color: false, showValues: false, cwd: process.cwd() };

/**
 * A finding's message, with the values its field printed for this recipient only when
 * asked: values are masked in every format meant for CI or logs.
 */
export function messageOf(finding: Finding, input: ReportInput, resultIndex: number, options: Pick<ReporterOptions, 'showValues'>): string {
  if (!options.showValues || finding.field === undefined) return finding.message;
  const values = input.rendered?.[resultIndex]?.values.get(finding.field);
  if (!values || values.length === 0) return finding.message;
  return `${finding.message} (value: ${values.map((value) => JSON.stringify(value)).join(', ')})`;
}
