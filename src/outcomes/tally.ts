/**
 * The tally: what the analysis SQL answers, one row per campaign, side of the join, group
 * and score. Every statistic is computed from these rows, whether DuckDB counted them
 * here or a warehouse did (`--tally`).
 */
import { SIDES, type Side } from './analysis-sql.js';
import type { Moments } from './statistics/mean.js';
import { BINARY_OUTCOMES, GROUPS, type BinaryOutcome, type Group } from './vocabulary.js';
import { isOneOf } from '../model/vocabulary.js';

export interface OutcomeCount {
  /** Recipients whose results say whether it happened. */
  measured: number;
  /** Of them, how many it happened to. */
  count: number;
}

export interface TallyRow {
  campaign: string;
  side: Side;
  /** null: a verdict without a group (no holdout), or a result without a verdict. */
  group: Group | null;
  /** null for a result without a verdict. */
  score: number | null;
  recipients: number;
  held: number;
  outcomes: Readonly<Record<BinaryOutcome, OutcomeCount>>;
  revenue: Moments;
}

/** The tally's columns, as the SQL names them. */
export const TALLY_COLUMNS = [
  'campaign',
  'side',
  'recipient_group',
  'score',
  'recipients',
  'held',
  ...BINARY_OUTCOMES.flatMap((outcome) => [`${outcome}_measured`, `${outcome}_count`]),
  'revenue_measured',
  'revenue_mean',
  'revenue_m2',
] as const;

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

/**
 * A tally row from a database row or a CSV record (numbers may come as bigint or text).
 * Throws a RangeError naming the column, never the value, when a cell is unusable.
 */
export function tallyRowFrom(record: Readonly<Record<string, unknown>>): TallyRow {
  const count = (column: string): number => {
    const value = record[column];
    const number = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) throw new RangeError(`${column} is not a count`);
    return number;
  };
  const real = (column: string): number => {
    const value = record[column];
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'bigint' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number)) throw new RangeError(`${column} is not a number`);
    return number;
  };
  const campaign = record['campaign'];
  if (typeof campaign !== 'string' || campaign === '') throw new RangeError('campaign is missing');
  const side = record['side'];
  if (!isOneOf(SIDES, side)) throw new RangeError(`side is not one of ${SIDES.join(', ')}`);
  const group = record['recipient_group'];
  if (!isBlank(group) && !isOneOf(GROUPS, group)) throw new RangeError('recipient_group is not control, personalised or empty');
  const score = isBlank(record['score']) ? null : count('score');
  if (score !== null && score > 100) throw new RangeError('score is not a whole number from 0 to 100');
  const outcomes = Object.fromEntries(BINARY_OUTCOMES.map((outcome) => [outcome, { measured: count(`${outcome}_measured`), count: count(`${outcome}_count`) }])) as Record<
    BinaryOutcome,
    OutcomeCount
  >;
  const revenueMeasured = count('revenue_measured');
  return {
    campaign,
    side,
    group: isBlank(group) ? null : (group as Group),
    score,
    recipients: count('recipients'),
    held: count('held'),
    outcomes,
    revenue: { n: revenueMeasured, mean: revenueMeasured === 0 ? 0 : real('revenue_mean'), m2: revenueMeasured === 0 ? 0 : real('revenue_m2') },
  };
}
