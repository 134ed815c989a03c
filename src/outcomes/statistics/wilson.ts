import { zFor } from './normal.js';

export type Interval = readonly [low: number, high: number];

/**
 * The Wilson score interval for a proportion (Wilson 1927): the proportions p whose score
 * test does not reject, |p̂ − p| ≤ z·√(p(1 − p)/n). Unlike p̂ ± z·√(p̂(1 − p̂)/n) it stays
 * within [0, 1] and keeps close to its stated coverage for rare outcomes such as complaints.
 * Undefined (null) for n = 0.
 */
export function wilsonInterval(count: number, n: number, confidence = 0.95): Interval | null {
  if (n <= 0) return null;
  const z = zFor(confidence);
  const p = count / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // At p̂ = 0 or 1 the bound is exactly 0 or 1; rounding would leave 1e-17.
  return [count === 0 ? 0 : Math.max(0, centre - half), count === n ? 1 : Math.min(1, centre + half)];
}
