import type { Baseline, BaselineEntry, BaselineResult } from '../model/baseline.js';
import type { Finding, LintResult } from '../model/finding.js';
import { verdictOf } from './verdict.js';

export const BASELINE_FILE = '.creeplint-baseline.json';

function entryKey(entry: { ruleId: string; field?: string | null | undefined; placement?: string | null | undefined }): string {
  return [entry.ruleId, entry.field ?? '', entry.placement ?? ''].join('\u0000');
}

function resultKey(result: { template: string; profile: string | null }): string {
  return `${result.template}\u0000${result.profile ?? ''}`;
}

/** Today's unsuppressed findings, as a baseline. */
export function buildBaseline(results: readonly LintResult[]): Baseline {
  return {
    version: 1,
    results: results.map((result) => {
      const counts = new Map<string, BaselineEntry>();
      for (const finding of result.findings) {
        if (finding.suppressed) continue;
        const key = entryKey(finding);
        const entry = counts.get(key) ?? { ruleId: finding.ruleId, field: finding.field ?? null, placement: finding.placement ?? null, count: 0 };
        entry.count += 1;
        counts.set(key, entry);
      }
      return { template: result.template, profile: result.profile, score: result.score, findings: [...counts.values()] };
    }),
  };
}

export interface StaleEntry {
  template: string;
  profile: string | null;
  ruleId: string;
  field: string | null;
  placement: string | null;
  count: number;
}

/**
 * Mark findings the baseline accepted (as many of each as it counted) as suppressed by
 * it; they keep their points, so the score stays honest, but do not fail the run, and
 * settle the verdict again: a score above the maximum holds only if it rose above the
 * accepted one. Also returns the entries that no longer occur, for the emails checked in
 * this run.
 */
export function applyBaseline(results: readonly LintResult[], baseline: Baseline, maxScore: number): { results: LintResult[]; stale: StaleEntry[] } {
  const byResult = new Map<string, BaselineResult>(baseline.results.map((result) => [resultKey(result), result]));
  const stale: StaleEntry[] = [];
  const applied = results.map((result) => {
    const accepted = byResult.get(resultKey(result));
    if (!accepted) return result;
    const remaining = new Map(accepted.findings.map((entry) => [entryKey(entry), { ...entry }]));
    const findings = result.findings.map((finding): Finding => {
      if (finding.suppressed) return finding;
      const entry = remaining.get(entryKey(finding));
      if (!entry || entry.count === 0) return finding;
      entry.count -= 1;
      return { ...finding, suppressed: { kind: 'external', justification: `accepted in ${BASELINE_FILE}` } };
    });
    for (const entry of remaining.values()) {
      if (entry.count > 0) stale.push({ template: result.template, profile: result.profile, ...entry });
    }
    // An accepted error no longer holds the email; a score above the maximum holds it only if it rose.
    const { verdict, reasons } = verdictOf({ score: result.score, findings }, maxScore, accepted.score);
    return { ...result, verdict, holdReasons: reasons, findings };
  });
  return { results: applied, stale };
}
