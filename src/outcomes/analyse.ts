/** From the tally to the report: counts, rates, lifts, the trend, AUC and the suggestion. */
import { BANDS, type Band } from '../model/vocabulary.js';
import { bandOf } from '../score/score.js';
import { aucFromCounts } from './statistics/auc.js';
import { cochranArmitage } from './statistics/cochran-armitage.js';
import { combineMoments, meanInterval, NO_MOMENTS, welchDifference, type Moments } from './statistics/mean.js';
import { newcombeDifference } from './statistics/newcombe.js';
import { wilsonInterval } from './statistics/wilson.js';
import { METHODS, type BandStats, type CampaignSummary, type Lift, type LiftEntry, type OutcomesReport, type Prediction, type Stats, type Trend } from './report-shape.js';
import { suggestMaxScore } from './suggest-max-score.js';
import type { OutcomeCount, TallyRow } from './tally.js';
import { BINARY_OUTCOMES, NEGATIVE_OUTCOMES, type BinaryOutcome, type NegativeOutcome } from './vocabulary.js';

interface Totals {
  recipients: number;
  held: number;
  outcomes: Record<BinaryOutcome, OutcomeCount>;
  revenue: Moments;
  scoreSum: number;
}

function totalsOf(rows: readonly TallyRow[]): Totals {
  const totals: Totals = {
    recipients: 0,
    held: 0,
    outcomes: Object.fromEntries(BINARY_OUTCOMES.map((outcome) => [outcome, { measured: 0, count: 0 }])) as Totals['outcomes'],
    revenue: NO_MOMENTS,
    scoreSum: 0,
  };
  for (const row of rows) {
    totals.recipients += row.recipients;
    totals.held += row.held;
    totals.scoreSum += (row.score ?? 0) * row.recipients;
    for (const outcome of BINARY_OUTCOMES) {
      totals.outcomes[outcome].measured += row.outcomes[outcome].measured;
      totals.outcomes[outcome].count += row.outcomes[outcome].count;
    }
    totals.revenue = combineMoments(totals.revenue, row.revenue);
  }
  return totals;
}

function statsOf(totals: Totals, measured: readonly (BinaryOutcome | 'revenue')[]): Stats {
  const outcomes: Stats['outcomes'] = {};
  for (const outcome of BINARY_OUTCOMES) {
    if (!measured.includes(outcome)) continue;
    const { measured: n, count } = totals.outcomes[outcome];
    outcomes[outcome] = { count, recipients: n, rate: n === 0 ? null : count / n, interval: wilsonInterval(count, n) };
  }
  const stats: Stats = { recipients: totals.recipients, outcomes };
  if (measured.includes('revenue')) {
    stats.revenue = { recipients: totals.revenue.n, perRecipient: totals.revenue.n === 0 ? null : totals.revenue.mean, interval: meanInterval(totals.revenue) };
  }
  return stats;
}

function liftEntry(difference: { difference: number; interval: readonly [number, number] } | null): LiftEntry {
  if (!difference) return { difference: null, interval: null, excludesZero: null };
  return { difference: difference.difference, interval: difference.interval, excludesZero: difference.interval[0] > 0 || difference.interval[1] < 0 };
}

/** Personalised − control for each outcome measured. */
function liftOf(personalised: Totals, control: Totals, measured: readonly (BinaryOutcome | 'revenue')[]): Lift {
  const lift: Lift = {};
  for (const outcome of measured) {
    if (outcome === 'revenue') {
      lift.revenue = liftEntry(welchDifference(personalised.revenue, control.revenue));
    } else {
      const a = personalised.outcomes[outcome];
      const b = control.outcomes[outcome];
      lift[outcome] = liftEntry(newcombeDifference({ count: a.count, n: a.measured }, { count: b.count, n: b.measured }));
    }
  }
  return lift;
}

const isScored = (row: TallyRow) => row.group !== 'control' && row.score !== null;

export function analyse(tally: readonly TallyRow[], campaigns: readonly string[], invalid: { verdicts: number; results: number } = { verdicts: 0, results: 0 }): OutcomesReport {
  const joined = tally.filter((row) => row.side === 'joined');
  const all = totalsOf(joined);
  const measured: (BinaryOutcome | 'revenue')[] = [...BINARY_OUTCOMES.filter((outcome) => all.outcomes[outcome].measured > 0), ...(all.revenue.n > 0 ? ['revenue' as const] : [])];
  const sumOf = (side: TallyRow['side'], key: 'recipients' | 'held') => tally.filter((row) => row.side === side).reduce((sum, row) => sum + row[key], 0);
  const control = totalsOf(joined.filter((row) => row.group === 'control'));
  const personalised = totalsOf(joined.filter((row) => row.group === 'personalised'));
  const scored = joined.filter(isScored);

  const bands = Object.fromEntries(
    BANDS.map((band): [Band, BandStats] => {
      const inBand = (row: TallyRow) => row.score !== null && bandOf(row.score) === band;
      const received = totalsOf(scored.filter(inBand));
      const heldOut = totalsOf(joined.filter((row) => row.group === 'control' && inBand(row)));
      return [band, { ...statsOf(received, measured), holdout: statsOf(heldOut, measured), lift: liftOf(received, heldOut, measured) }];
    }),
  ) as Record<Band, BandStats>;

  const negatives = NEGATIVE_OUTCOMES.filter((outcome) => measured.includes(outcome));
  const trend: Partial<Record<NegativeOutcome, Trend | null>> = {};
  const prediction: Partial<Record<NegativeOutcome, Prediction | null>> = {};
  for (const outcome of negatives) {
    trend[outcome] = cochranArmitage(
      BANDS.map((band, weight) => ({ weight, count: bands[band].outcomes[outcome]?.count ?? 0, n: bands[band].outcomes[outcome]?.recipients ?? 0 })),
    );
    const byScore = new Map<number, { score: number; positives: number; negatives: number }>();
    for (const row of scored) {
      const score = row.score ?? 0;
      const entry = byScore.get(score) ?? { score, positives: 0, negatives: 0 };
      entry.positives += row.outcomes[outcome].count;
      entry.negatives += row.outcomes[outcome].measured - row.outcomes[outcome].count;
      byScore.set(score, entry);
    }
    prediction[outcome] = aucFromCounts([...byScore.values()]);
  }
  const suggestion = suggestMaxScore(
    scored.map((row) => ({ score: row.score ?? 0, outcomes: Object.fromEntries(negatives.map((outcome) => [outcome, row.outcomes[outcome]])) })),
    Object.fromEntries(negatives.map((outcome) => [outcome, control.outcomes[outcome]])),
    negatives,
  );

  const summaries: CampaignSummary[] = campaigns.map((name) => {
    const rows = tally.filter((row) => row.campaign === name);
    const mine = rows.filter((row) => row.side === 'joined');
    const total = totalsOf(mine);
    const sideCount = (side: TallyRow['side']) => rows.filter((row) => row.side === side).reduce((sum, row) => sum + row.recipients, 0);
    const withVerdict = totalsOf(rows.filter((row) => row.side !== 'result-only'));
    const mineControl = totalsOf(mine.filter((row) => row.group === 'control'));
    const minePersonalised = totalsOf(mine.filter((row) => row.group === 'personalised'));
    return {
      name,
      verdicts: sideCount('joined') + sideCount('verdict-only'),
      results: sideCount('joined') + sideCount('result-only'),
      joined: sideCount('joined'),
      unmatched: { verdicts: sideCount('verdict-only'), results: sideCount('result-only') },
      meanScore: withVerdict.recipients === 0 ? null : withVerdict.scoreSum / withVerdict.recipients,
      all: statsOf(total, measured),
      groups: { control: statsOf(mineControl, measured), personalised: statsOf(minePersonalised, measured) },
      lift: liftOf(minePersonalised, mineControl, measured),
    };
  });

  return {
    version: 1,
    verdicts: sumOf('joined', 'recipients') + sumOf('verdict-only', 'recipients'),
    results: sumOf('joined', 'recipients') + sumOf('result-only', 'recipients'),
    joined: all.recipients,
    unmatched: { verdicts: sumOf('verdict-only', 'recipients'), results: sumOf('result-only', 'recipients'), heldVerdicts: sumOf('verdict-only', 'held') },
    invalid,
    ungrouped: joined.filter((row) => row.group === null).reduce((sum, row) => sum + row.recipients, 0),
    outcomes: measured,
    groups: { control: statsOf(control, measured), personalised: statsOf(personalised, measured) },
    bands,
    lift: liftOf(personalised, control, measured),
    trend,
    prediction,
    suggestion,
    campaigns: summaries,
    methods: METHODS,
  };
}
