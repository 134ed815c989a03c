import { createHash } from 'node:crypto';
import type { Group } from '../model/vocabulary.js';

/**
 * A recipient's holdout group, from the campaign name and their id alone: the same person
 * lands in the same group on every run and every shard, and a new campaign name reshuffles.
 *
 * The first 48 bits of SHA-256(campaign, NUL, id) as a fraction of 2^48 fall below `share`
 * for the control group. SHA-256 because a warehouse can compute the same groups
 * (BigQuery `SHA256`, Snowflake `SHA2`, Spark `sha2`); NUL so that ("ab", "c") and
 * ("a", "bc") differ.
 */
export function holdoutGroup(campaign: string, id: string, share: number): Group {
  const digest = createHash('sha256').update(campaign).update('\u0000').update(id).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48 < share ? 'control' : 'personalised';
}

/**
 * `10%`, `2.5%` or `0.1`: the share of recipients held out as the control group, above 0
 * and below 1. A bare number above 1 is refused rather than read as a percentage.
 */
export function parseHoldoutShare(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(%?)\s*$/u.exec(text);
  const value = match ? Number(match[1]) / (match[2] === '%' ? 100 : 1) : Number.NaN;
  if (!(value > 0 && value < 1)) throw new RangeError('expected a share above 0 and below 1, such as 10% or 0.1');
  return value;
}
