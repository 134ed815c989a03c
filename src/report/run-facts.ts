import { SCORE_REASON } from '../engine/verdict.js';
import type { LintResult } from '../model/finding.js';

/**
 * What a run decided beyond its findings, for the formats that say it: the exit code,
 * the maximum score, and whether the warnings went past `--max-warnings` (ESLint passes
 * its formatters `maxWarningsExceeded` the same way). The CLI gives it; a library caller
 * may leave it out, and formats then say only what the results say.
 */
export interface RunFacts {
  /** 0 clean, 1 findings or a held email, 2 an input error. */
  exitCode: number;
  /** The score above which an email is held (`--max-score`). */
  maxScore?: number | undefined;
  /** Present when the run's warnings are more than `--max-warnings` allows. */
  maxWarningsExceeded?: { maxWarnings: number; foundWarnings: number } | undefined;
}

/** The id every format gives a hold for the score alone (the verdict's own reason). */
export const MAX_SCORE_ID = SCORE_REASON;

/** The id formats give a run with more warnings than `--max-warnings` allows. */
export const MAX_WARNINGS_ID = 'max-warnings';

/** The email is held because its score is above the maximum (whatever its errors). */
export function heldForScore(result: Pick<LintResult, 'holdReasons'>): boolean {
  return result.holdReasons.includes(SCORE_REASON);
}

/** "the score 77 is above the maximum, 74": why an email is held for its score. */
export function scoreHoldMessage(result: Pick<LintResult, 'score'>, run: RunFacts | undefined): string {
  return `the score ${result.score} is above ${maximumOf(run)}`;
}

/** What annotations and SARIF say of an email held for its score, and what to do. */
export function heldEmailMessage(result: Pick<LintResult, 'profile' | 'score' | 'band'>, run: RunFacts | undefined): string {
  return `The email${result.profile === null ? '' : ` for ${result.profile}`} is held: the score ${result.score} (${result.band}) is above ${maximumOf(run)}. Soften or remove the findings that carry the most points.`;
}

/** "the maximum, 74", or "the maximum score" when the run did not say. */
export function maximumOf(run: RunFacts | undefined): string {
  return run?.maxScore === undefined ? 'the maximum score' : `the maximum, ${run.maxScore}`;
}

/** "14 warnings, more than --max-warnings 10 allows". */
export function maxWarningsMessage(exceeded: NonNullable<RunFacts['maxWarningsExceeded']>): string {
  return `${exceeded.foundWarnings} warning${exceeded.foundWarnings === 1 ? '' : 's'}, more than --max-warnings ${exceeded.maxWarnings} allows`;
}

/** How many emails are held for their score. */
export function heldForScoreCount(results: readonly Pick<LintResult, 'holdReasons'>[]): number {
  return results.filter(heldForScore).length;
}
