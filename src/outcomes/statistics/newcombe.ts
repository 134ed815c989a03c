import { wilsonInterval, type Interval } from './wilson.js';

export interface Difference {
  difference: number;
  interval: Interval;
}

/**
 * The difference of two independent proportions, p₁ − p₂, with Newcombe's hybrid score
 * interval (Newcombe 1998, method 10): each proportion's Wilson limits (l, u) combine as
 * d − √((p₁ − l₁)² + (u₂ − p₂)²) … d + √((u₁ − p₁)² + (p₂ − l₂)²). It keeps its coverage
 * for small and rare counts where the Wald interval does not. Null when either group is empty.
 */
export function newcombeDifference(first: { count: number; n: number }, second: { count: number; n: number }, confidence = 0.95): Difference | null {
  const a = wilsonInterval(first.count, first.n, confidence);
  const b = wilsonInterval(second.count, second.n, confidence);
  if (!a || !b) return null;
  const p1 = first.count / first.n;
  const p2 = second.count / second.n;
  const difference = p1 - p2;
  return {
    difference,
    interval: [difference - Math.hypot(p1 - a[0], b[1] - p2), difference + Math.hypot(a[1] - p1, p2 - b[0])],
  };
}
