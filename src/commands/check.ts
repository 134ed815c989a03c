import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyBaseline, BASELINE_FILE, buildBaseline } from '../engine/baseline.js';
import { countFindings, type LintOutcome } from '../engine/lint.js';
import { loadBaseline } from '../load/baseline.js';
import type { LintReport } from '../model/finding.js';
import { InputError } from '../model/input-error.js';
import { errorsOnly } from '../report/errors-only.js';
import { loadReporter } from '../report/load-reporter.js';
import type { ReporterName } from '../report/names.js';
import type { RunFacts } from '../report/run-facts.js';
import { DEFAULT_MAX_SCORE } from '../model/settings.js';
import { EXIT, type CliIo } from './io.js';
import { emit, limitsOf, lintOrReport, projectFor, type ProjectOptions } from './project.js';

export interface CheckOptions extends ProjectOptions {
  profile: string[];
  format: ReporterName;
  output?: string;
  maxScore?: number;
  color?: boolean;
  showValues?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  /** Report errors only: warnings and info are neither printed nor counted (ESLint's --quiet). */
  quiet?: boolean;
  /** Fail the run when there are more warnings than this (ESLint's --max-warnings). */
  maxWarnings?: number;
}

/** `creeplint check`: lint, apply the baseline, report, and choose the exit code. */
export async function check(templates: string[], options: CheckOptions, io: CliIo): Promise<number> {
  const project = await projectFor(templates, options, io);
  if (typeof project === 'number') return project;
  const maxScore = options.maxScore ?? project.config?.settings.maxScore ?? DEFAULT_MAX_SCORE;
  const linted = await lintOrReport({ ...project, profiles: options.profile, maxScore, limits: limitsOf(options) }, io);
  if (typeof linted === 'number') return linted;
  const cwd = io.cwd ?? process.cwd();
  const baselineFile = options.baseline ?? BASELINE_FILE;
  if (options.updateBaseline) {
    const baseline = buildBaseline(linted.results, linted.templates);
    await writeFile(resolve(cwd, baselineFile), `${JSON.stringify(baseline, null, 2)}\n`);
    const entries = [...baseline.results, ...(baseline.templates ?? [])].reduce((count, result) => count + result.findings.length, 0);
    io.stderr(`${baselineFile}: recorded ${entries} accepted finding${entries === 1 ? '' : 's'} for ${baseline.results.length} email${baseline.results.length === 1 ? '' : 's'}\n`);
  }
  const accepted = await baselineFor(
    options.baseline !== undefined || options.updateBaseline === true || existsSync(resolve(cwd, baselineFile)) ? baselineFile : undefined,
    linted,
    io,
    maxScore,
  );
  if (typeof accepted === 'number') return accepted;
  const outcome = options.quiet ? errorsOnly(accepted.outcome) : accepted.outcome;
  const run = runFactsOf(outcome, maxScore, options.maxWarnings);
  const color = options.color !== false && options.output === undefined && io.isTTY;
  const text = (await loadReporter(options.format))({ ...outcome, run }, { color, showValues: options.showValues === true, cwd });
  await emit(text, options.output, io);
  return run.exitCode;
}

/**
 * The exit code, decided before the report is written so that every format can say it:
 * 1 when an unsuppressed error applies in any branch (whether or not a profile reached
 * it), an email is held (an error, or a score above the maximum), or the warnings are more
 * than --max-warnings allows; else 0.
 */
function runFactsOf(report: LintReport, maxScore: number, maxWarnings: number | undefined): RunFacts {
  const templateErrors = report.templates.some((template) => template.findings.some((finding) => finding.severity === 'error' && !finding.suppressed));
  const held = report.results.some((result) => result.verdict === 'hold');
  const exceeded = maxWarnings !== undefined && report.warningCount > maxWarnings ? { maxWarnings, foundWarnings: report.warningCount } : undefined;
  const exitCode = templateErrors || held || exceeded !== undefined ? EXIT.findings : EXIT.ok;
  return exceeded === undefined ? { exitCode, maxScore } : { exitCode, maxScore, maxWarningsExceeded: exceeded };
}

/** Apply the baseline file, if there is one, and say which accepted findings no longer occur. */
async function baselineFor(file: string | undefined, outcome: LintOutcome, io: CliIo, maxScore: number): Promise<{ outcome: LintOutcome } | number> {
  if (file === undefined) return { outcome };
  let baseline;
  try {
    baseline = await loadBaseline(file, io.cwd);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.toString()}\n`);
      return EXIT.input;
    }
    throw error;
  }
  const applied = applyBaseline(outcome.results, outcome.templates, baseline, maxScore);
  for (const entry of applied.stale) {
    const whom = entry.wholeTemplate ? ' (every branch)' : entry.profile === null ? '' : ` × ${entry.profile}`;
    io.stderr(
      `${file}: no longer occurs: ${entry.template}${whom} ${entry.ruleId}${entry.field ? ` ${entry.field}` : ''}${entry.placement ? ` in ${entry.placement}` : ''} (×${entry.count})\n`,
    );
  }
  return { outcome: { ...outcome, ...countFindings(applied.results, applied.templates) } };
}
