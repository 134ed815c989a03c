/**
 * The outcomes report: what `--format json` writes (schema/outcomes.schema.json), and what
 * the text and HTML reports show. Counts are recipients; rates are shares of the recipients
 * whose results measured that outcome; intervals are 95% unless said otherwise.
 */
import type { Band } from '../model/vocabulary.js';
import type { Interval } from './statistics/wilson.js';
import type { BinaryOutcome, NegativeOutcome } from './vocabulary.js';

export interface Proportion {
  count: number;
  /** The recipients whose results measured this outcome: the rate's denominator. */
  recipients: number;
  rate: number | null;
  interval: Interval | null;
}

export interface Revenue {
  recipients: number;
  perRecipient: number | null;
  interval: Interval | null;
}

export interface Stats {
  recipients: number;
  outcomes: Partial<Record<BinaryOutcome, Proportion>>;
  revenue?: Revenue;
}

export interface LiftEntry {
  difference: number | null;
  interval: Interval | null;
  excludesZero: boolean | null;
}

export type Lift = Partial<Record<BinaryOutcome | 'revenue', LiftEntry>>;

export interface BandStats extends Stats {
  /** Control recipients whose personalised email would have scored in this band. */
  holdout: Stats;
  /** Personalised − control within the band: what personalising cost or earned at this score. */
  lift: Lift;
}

export interface Trend {
  z: number;
  p: number;
}

export interface Prediction {
  auc: number;
  interval: Interval;
  positives: number;
  negatives: number;
}

export interface SuggestionEvidence {
  outcome: NegativeOutcome;
  scores: readonly [from: number, to: number];
  recipients: number;
  rate: number;
  baseline: { name: 'control group' | 'helpful band'; recipients: number; rate: number };
  difference: number;
  interval: Interval;
  /** Each range's interval is at this level, so that all the ranges tested hold together at 95%. */
  confidence: number;
  rangesTested: number;
}

export interface Suggestion {
  maxScore: number | null;
  text: string;
  evidence?: SuggestionEvidence;
}

export interface CampaignSummary {
  name: string;
  verdicts: number;
  results: number;
  joined: number;
  unmatched: { verdicts: number; results: number };
  meanScore: number | null;
  all: Stats;
  groups: { control: Stats; personalised: Stats };
  lift: Lift;
}

export interface OutcomesReport {
  version: 1;
  verdicts: number;
  results: number;
  joined: number;
  unmatched: { verdicts: number; results: number; heldVerdicts: number };
  invalid: { verdicts: number; results: number };
  /** Joined recipients whose verdict has no group (a campaign sent without a holdout). */
  ungrouped: number;
  /** The outcomes some results measured, in the order reports show them. */
  outcomes: (BinaryOutcome | 'revenue')[];
  groups: { control: Stats; personalised: Stats };
  /** Recipients who got the scored email (every group but control), by the band of their score. */
  bands: Record<Band, BandStats>;
  lift: Lift;
  trend: Partial<Record<NegativeOutcome, Trend | null>>;
  prediction: Partial<Record<NegativeOutcome, Prediction | null>>;
  suggestion: Suggestion;
  campaigns: CampaignSummary[];
  methods: typeof METHODS;
}

/** The statistical method behind each kind of number, named wherever the number is shown. */
export const METHODS = {
  rate: 'Wilson score interval, 95% (Wilson 1927)',
  revenue: "Student's t interval for a mean, 95%",
  lift: "Newcombe's hybrid score interval for a difference of proportions, 95% (Newcombe 1998, method 10)",
  revenueLift: "Welch's interval for a difference of means, 95% (Welch 1947)",
  trend: 'Cochran–Armitage test for a linear trend across the four bands, weights 0–3, two-sided (Cochran 1954; Armitage 1955)',
  prediction: "AUC of the score (Mann–Whitney, ties count ½) with DeLong's 95% interval (DeLong et al. 1988)",
  suggestion:
    'the lowest 5-point score range whose rate exceeds the baseline (the control group, else the helpful band) by a Newcombe interval that excludes zero, Bonferroni-adjusted so that all ranges tested hold together at 95%',
} as const;
