import type { Band } from '../model/vocabulary.js';
import { BAND_FLOORS } from './weights.js';

/**
 * The score is the sum of the findings' points, capped at 100: bounded, monotone
 * (points are never negative, so more or worse findings never lower it) and
 * reproducible by adding up the `points` of the findings.
 */
export function totalScore(points: Iterable<number>): number {
  let total = 0;
  for (const value of points) total += value;
  return Math.min(100, Math.max(0, Math.round(total)));
}

export function bandOf(score: number): Band {
  if (score >= BAND_FLOORS.creepy) return 'creepy';
  if (score >= BAND_FLOORS.intrusive) return 'intrusive';
  if (score >= BAND_FLOORS.familiar) return 'familiar';
  return 'helpful';
}
