/**
 * A suggested `max-score`: the score above which unsubscribes or complaints rise above the
 * audience's baseline, offered with its evidence and never applied by itself.
 */
import { newcombeDifference } from './statistics/newcombe.js';
import type { Suggestion, SuggestionEvidence } from './report-shape.js';
import type { OutcomeCount } from './tally.js';
import type { NegativeOutcome } from './vocabulary.js';

/** Scores are tested in ranges of this many points: 0–4, 5–9, … 95–100. */
const RANGE = 5;
const RANGES = 20;

export interface ScoredCounts {
  score: number;
  outcomes: Readonly<Partial<Record<NegativeOutcome, OutcomeCount>>>;
}

function rangeOf(score: number): number {
  return Math.min(RANGES - 1, Math.floor(score / RANGE));
}

const percent = (rate: number) => `${(rate * 100).toFixed(2)}%`;
const points = (difference: number) => `${difference >= 0 ? '+' : '−'}${Math.abs(difference * 100).toFixed(2)}`;

/**
 * @param scored recipients who got the scored email, by score
 * @param control the control group's counts, the baseline when it measured the outcome
 */
export function suggestMaxScore(
  scored: readonly ScoredCounts[],
  control: Readonly<Partial<Record<NegativeOutcome, OutcomeCount>>>,
  outcomes: readonly NegativeOutcome[],
): Suggestion {
  const candidates: { outcome: NegativeOutcome; range: number; counts: OutcomeCount; baseline: SuggestionEvidence['baseline'] & { count: number } }[] = [];
  for (const outcome of outcomes) {
    const byRange = Array.from({ length: RANGES }, () => ({ measured: 0, count: 0 }));
    for (const row of scored) {
      const counts = row.outcomes[outcome];
      if (!counts) continue;
      const range = byRange[rangeOf(row.score)];
      if (range) {
        range.measured += counts.measured;
        range.count += counts.count;
      }
    }
    const fromControl = control[outcome];
    const useControl = fromControl !== undefined && fromControl.measured > 0;
    const helpful = byRange.slice(0, 25 / RANGE).reduce((sum, range) => ({ measured: sum.measured + range.measured, count: sum.count + range.count }), { measured: 0, count: 0 });
    const base = useControl ? fromControl : helpful;
    if (base.measured === 0) continue;
    const baseline = { name: useControl ? ('control group' as const) : ('helpful band' as const), recipients: base.measured, rate: base.count / base.measured, count: base.count };
    byRange.forEach((counts, range) => {
      // Against the helpful band, only the ranges above it are compared.
      if (counts.measured > 0 && (useControl || range * RANGE >= 25)) candidates.push({ outcome, range, counts, baseline });
    });
  }
  const method = 'Newcombe interval for the difference from the baseline, Bonferroni-adjusted';
  if (candidates.length === 0)
    return { maxScore: null, text: 'No suggestion: unsubscribes and complaints were not measured against a baseline (a control group or the helpful band).' };
  const confidence = 1 - 0.05 / candidates.length;
  const flagged = candidates
    .map((candidate) => ({
      candidate,
      difference: newcombeDifference(
        { count: candidate.counts.count, n: candidate.counts.measured },
        { count: candidate.baseline.count, n: candidate.baseline.recipients },
        confidence,
      ),
    }))
    .filter((entry) => entry.difference !== null && entry.difference.interval[0] > 0)
    .sort((a, b) => a.candidate.range - b.candidate.range);
  const lowest = flagged[0];
  if (!lowest?.difference) {
    return { maxScore: null, text: `No suggestion: no score range has an unsubscribe or complaint rate above the baseline (${candidates.length} ranges tested, ${method}).` };
  }
  const { candidate, difference } = lowest;
  const from = candidate.range * RANGE;
  const to = candidate.range === RANGES - 1 ? 100 : from + RANGE - 1;
  const rate = candidate.counts.count / candidate.counts.measured;
  const evidence: SuggestionEvidence = {
    outcome: candidate.outcome,
    scores: [from, to],
    recipients: candidate.counts.measured,
    rate,
    baseline: { name: candidate.baseline.name, recipients: candidate.baseline.recipients, rate: candidate.baseline.rate },
    difference: difference.difference,
    interval: difference.interval,
    confidence,
    rangesTested: candidates.length,
  };
  const verb = candidate.outcome === 'unsubscribed' ? 'unsubscribed' : 'complained';
  const because = `recipients scoring ${from}–${to} ${verb} at ${percent(rate)} (${candidate.counts.measured} recipients) against ${percent(candidate.baseline.rate)} in the ${candidate.baseline.name}; the difference, ${points(difference.difference)} points, has a ${(confidence * 100).toFixed(2)}% ${method} of [${points(difference.interval[0])}, ${points(difference.interval[1])}] points (95% for all ${candidates.length} ranges together), which excludes zero`;
  if (from === 0) {
    return { maxScore: null, evidence, text: `No suggestion: even the lowest scores are above the baseline, so the score does not explain it: ${because}.` };
  }
  return { maxScore: from - 1, evidence, text: `Suggested max-score: ${from - 1} (a suggestion to weigh, not applied): ${because}.` };
}
