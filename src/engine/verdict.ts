import type { Finding } from '../model/finding.js';

export { DEFAULT_MAX_SCORE } from '../model/settings.js';

export type Verdict = 'send' | 'hold';

/** The reason a held email gets when its score alone holds it, beside the rule ids of its errors. */
export const SCORE_REASON = 'max-score';

export interface VerdictOutcome {
  verdict: Verdict;
  /** Why it is held: the rule ids of its unsuppressed errors, then `max-score` when the score is above the maximum. */
  reasons: string[];
}

/**
 * The one verdict rule, for the CLI's exit code, the pre-send checker, the audit and the
 * API: `hold` when an unsuppressed error applies or the score is above the maximum. With
 * a baseline, a score above the maximum holds only if it rose above the accepted one.
 */
export function verdictOf(result: { score: number; findings: readonly Finding[] }, maxScore: number, acceptedScore?: number): VerdictOutcome {
  const reasons: string[] = [];
  for (const finding of result.findings) {
    if (finding.severity === 'error' && !finding.suppressed && !reasons.includes(finding.ruleId)) reasons.push(finding.ruleId);
  }
  if (result.score > maxScore && result.score > (acceptedScore ?? -1)) reasons.push(SCORE_REASON);
  return { verdict: reasons.length > 0 ? 'hold' : 'send', reasons };
}
