import type { Band } from '../model/vocabulary.js';
import { BAND_FLOORS } from './weights.js';

/**
 * The score from the findings' points: their sum, since each finding's points are its
 * share of the score (score/aggregate.ts gives them). Kept within 0–100 for points that
 * were edited by hand.
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
