import { zFor } from './normal.js';
import type { Interval } from './wilson.js';

export interface Auc {
  auc: number;
  interval: Interval;
  positives: number;
  negatives: number;
}

/**
 * The area under the ROC curve of a score for an outcome, from how many recipients with
 * and without the outcome had each score, with DeLong's interval (DeLong, DeLong &
 * Clarke-Pearson 1988). AUC is the chance that a recipient with the outcome scored higher
 * than one without, ties counting one half (the Mann–Whitney statistic). Each positive's
 * placement V₁₀ is the share of negatives below it (ties ½), each negative's V₀₁ the share
 * of positives above it; Var = s²(V₁₀)/m + s²(V₀₁)/n. Exact with ties, and the score has
 * only 101 values, so this needs one pass over them. Null below two of either.
 */
export function aucFromCounts(byScore: readonly { score: number; positives: number; negatives: number }[], confidence = 0.95): Auc | null {
  const rows = [...byScore].sort((a, b) => a.score - b.score);
  const m = rows.reduce((sum, row) => sum + row.positives, 0);
  const n = rows.reduce((sum, row) => sum + row.negatives, 0);
  if (m < 2 || n < 2) return null;
  const placements: { positive: number; negative: number; positives: number; negatives: number }[] = [];
  let negativesBelow = 0;
  let positivesAbove = m;
  for (const row of rows) {
    positivesAbove -= row.positives;
    placements.push({
      positive: (negativesBelow + row.negatives / 2) / n,
      negative: (positivesAbove + row.positives / 2) / m,
      positives: row.positives,
      negatives: row.negatives,
    });
    negativesBelow += row.negatives;
  }
  const auc = placements.reduce((sum, row) => sum + row.positives * row.positive, 0) / m;
  const s10 = placements.reduce((sum, row) => sum + row.positives * (row.positive - auc) ** 2, 0) / (m - 1);
  const s01 = placements.reduce((sum, row) => sum + row.negatives * (row.negative - auc) ** 2, 0) / (n - 1);
  const half = zFor(confidence) * Math.sqrt(s10 / m + s01 / n);
  return { auc, interval: [Math.max(0, auc - half), Math.min(1, auc + half)], positives: m, negatives: n };
}
