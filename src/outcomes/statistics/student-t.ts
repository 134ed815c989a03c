/**
 * Student's t distribution, for intervals on means (revenue per recipient): the
 * regularised incomplete beta function by its continued fraction (Press et al., Numerical
 * Recipes, 2nd ed., §6.4) gives the distribution, and bisection its quantile.
 */
import { normalQuantile } from './normal.js';

/** ln Γ(x) for x > 0 (Lanczos, as in Numerical Recipes §6.1). */
function logGamma(x: number): number {
  const coefficients = [76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.001208650973866179, -0.000005395239384953];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let series = 1.000000000190015;
  for (const coefficient of coefficients) series += coefficient / ++y;
  return -tmp + Math.log((2.5066282746310007 * series) / x);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
function incompleteBeta(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T > t) for t ≥ 0 with `df` degrees of freedom. */
function upperTail(t: number, df: number): number {
  return incompleteBeta(df / 2, 0.5, df / (df + t * t)) / 2;
}

/** t such that P(T ≤ t) = p, for 0.5 ≤ p < 1 (the upper quantiles intervals need). */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0.5 && p < 1) || !(df > 0)) throw new RangeError('a probability from 0.5 to 1 and positive degrees of freedom');
  // Past a million degrees of freedom t and the normal agree to seven digits.
  if (df > 1e6) return normalQuantile(p);
  let low = 0;
  let high = 1;
  while (upperTail(high, df) > 1 - p) high *= 2;
  for (let step = 0; step < 200 && high - low > 1e-12 * high; step += 1) {
    const middle = (low + high) / 2;
    if (upperTail(middle, df) > 1 - p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
