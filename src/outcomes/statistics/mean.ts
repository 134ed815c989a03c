import { tQuantile } from './student-t.js';
import type { Interval } from './wilson.js';
import type { Difference } from './newcombe.js';

/** A sample's size, mean and sum of squared deviations from the mean (M2). */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
}

export const NO_MOMENTS: Moments = { n: 0, mean: 0, m2: 0 };

/**
 * Two samples' moments as one (Chan, Golub & LeVeque 1979): exact, and free of the
 * cancellation that Σx² − (Σx)²/n suffers when the mean is large beside the spread.
 */
export function combineMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

function variance(moments: Moments): number {
  return moments.m2 / (moments.n - 1);
}

/** The mean with Student's t interval, x̄ ± t(n − 1)·s/√n. Null below two observations. */
export function meanInterval(moments: Moments, confidence = 0.95): Interval | null {
  if (moments.n < 2) return null;
  const half = tQuantile(1 - (1 - confidence) / 2, moments.n - 1) * Math.sqrt(variance(moments) / moments.n);
  return [moments.mean - half, moments.mean + half];
}

/**
 * The difference of two means with Welch's interval (Welch 1947): unequal variances,
 * degrees of freedom by the Welch–Satterthwaite equation. Null below two observations a side.
 */
export function welchDifference(first: Moments, second: Moments, confidence = 0.95): Difference | null {
  if (first.n < 2 || second.n < 2) return null;
  const difference = first.mean - second.mean;
  const a = variance(first) / first.n;
  const b = variance(second) / second.n;
  const se = Math.sqrt(a + b);
  // No spread on either side (nobody bought anything): the difference is exact.
  if (se === 0) return { difference, interval: [difference, difference] };
  const df = (a + b) ** 2 / (a ** 2 / (first.n - 1) + b ** 2 / (second.n - 1));
  const half = tQuantile(1 - (1 - confidence) / 2, df) * se;
  return { difference, interval: [difference - half, difference + half] };
}
