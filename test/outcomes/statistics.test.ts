import { describe, expect, it } from 'vitest';
import { aucFromCounts } from '../../src/outcomes/statistics/auc.js';
import { cochranArmitage } from '../../src/outcomes/statistics/cochran-armitage.js';
import { combineMoments, meanInterval, welchDifference, type Moments } from '../../src/outcomes/statistics/mean.js';
import { newcombeDifference } from '../../src/outcomes/statistics/newcombe.js';
import { normalQuantile, normalUpperTail } from '../../src/outcomes/statistics/normal.js';
import { tQuantile } from '../../src/outcomes/statistics/student-t.js';
import { wilsonInterval } from '../../src/outcomes/statistics/wilson.js';

const rounded = (values: readonly number[] | null | undefined, digits = 4) => values?.map((value) => Number(value.toFixed(digits)));

function momentsOf(values: readonly number[]): Moments {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return { n: values.length, mean, m2: values.reduce((sum, value) => sum + (value - mean) ** 2, 0) };
}

describe('distributions', () => {
  it('gives normal quantiles to many digits, in the middle and the tails', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 9);
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(-1)).toBeCloseTo(0.8413447, 6);
  });

  it("gives Student's t quantiles as the tables do", () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062047, 5);
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.2281389, 6);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0422725, 6);
    expect(tQuantile(0.975, 2.5)).toBeGreaterThan(tQuantile(0.975, 3));
    expect(tQuantile(0.975, 5e6)).toBeCloseTo(1.959964, 5);
  });
});

describe('Wilson score interval', () => {
  // Newcombe (1998a), Table I, method 3.
  it.each([
    [81, 263, [0.2553, 0.3662]],
    [15, 148, [0.0624, 0.1605]],
    [0, 20, [0, 0.1611]],
    [1, 29, [0.0061, 0.1718]],
  ])('%i of %i', (count, n, expected) => {
    expect(rounded(wilsonInterval(count, n))).toEqual(expected);
  });

  it('is exactly 0 or 1 at the edges, and undefined without recipients', () => {
    expect(wilsonInterval(0, 5)?.[0]).toBe(0);
    expect(wilsonInterval(5, 5)?.[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("Newcombe's hybrid score interval for a difference of proportions", () => {
  // Newcombe (1998b), Table II, method 10 (6/7 − 2/7 worked by hand from the Wilson limits).
  it.each([
    [56, 70, 48, 80, [0.0524, 0.3339]],
    [9, 10, 3, 10, [0.1705, 0.809]],
    [6, 7, 2, 7, [0.0582, 0.8062]],
    [5, 56, 0, 29, [-0.0381, 0.1926]],
    [0, 10, 0, 20, [-0.1611, 0.2775]],
    [10, 10, 0, 20, [0.6791, 1]],
  ])('%i/%i − %i/%i', (a, n, b, m, expected) => {
    expect(rounded(newcombeDifference({ count: a, n }, { count: b, n: m })?.interval)).toEqual(expected);
  });

  it('is undefined when a group is empty', () => {
    expect(newcombeDifference({ count: 0, n: 0 }, { count: 1, n: 3 })).toBeNull();
  });
});

describe('means', () => {
  const a = [3, 7, 7, 19, 24, 0, 0, 12];
  const b = [1, 2, 0, 0, 5, 0];

  it("combines moments exactly (Chan et al.) and gives Student's t interval", () => {
    const combined = combineMoments(momentsOf(a.slice(0, 3)), momentsOf(a.slice(3)));
    expect(combined.n).toBe(8);
    expect(combined.mean).toBeCloseTo(momentsOf(a).mean, 12);
    expect(combined.m2).toBeCloseTo(momentsOf(a).m2, 9);
    // mean 9, s² = 540/7, t(7) = 2.364624: 9 ± 7.34290
    expect(rounded(meanInterval(momentsOf(a)), 3)).toEqual([1.657, 16.343]);
    expect(meanInterval({ n: 1, mean: 3, m2: 0 })).toBeNull();
  });

  it("gives Welch's interval for a difference of means", () => {
    // By hand: d = 7.6667, se = √(77.1429/8 + 3.8667/6) = 3.20738, df = 7.9175, t = 2.3100: d ± 7.409
    expect(rounded(welchDifference(momentsOf(a), momentsOf(b))?.interval, 2)).toEqual([0.26, 15.08]);
    expect(welchDifference({ n: 5, mean: 0, m2: 0 }, { n: 9, mean: 0, m2: 0 })).toEqual({ difference: 0, interval: [0, 0] });
  });
});

describe('Cochran–Armitage trend test', () => {
  it("finds Agresti's trend of malformations with alcohol consumption (z² = 6.57, p = 0.01)", () => {
    const test = cochranArmitage([
      { weight: 0, count: 48, n: 17114 },
      { weight: 0.5, count: 38, n: 14502 },
      { weight: 1.5, count: 5, n: 793 },
      { weight: 4, count: 1, n: 127 },
      { weight: 7, count: 1, n: 38 },
    ]);
    expect((test?.z ?? 0) ** 2).toBeCloseTo(6.57, 2);
    expect(test?.p).toBeCloseTo(0.0104, 3);
  });

  it('has no answer when nobody had the outcome', () => {
    expect(
      cochranArmitage([
        { weight: 0, count: 0, n: 10 },
        { weight: 1, count: 0, n: 10 },
      ]),
    ).toBeNull();
  });
});

describe('AUC with DeLong interval', () => {
  it('matches the pairwise definition and placement variances on scores with ties', () => {
    const positives = [80, 80, 55, 30, 90, 55, 55];
    const negatives = [10, 30, 55, 20, 80, 5, 12, 30, 0, 55, 40];
    const pair = (p: number, n: number) => (p > n ? 1 : p === n ? 0.5 : 0);
    const v10 = positives.map((p) => negatives.reduce((sum, n) => sum + pair(p, n), 0) / negatives.length);
    const v01 = negatives.map((n) => positives.reduce((sum, p) => sum + pair(p, n), 0) / positives.length);
    const auc = v10.reduce((sum, v) => sum + v, 0) / positives.length;
    const variance = (values: number[]) => values.reduce((sum, v) => sum + (v - auc) ** 2, 0) / (values.length - 1);
    const se = Math.sqrt(variance(v10) / positives.length + variance(v01) / negatives.length);
    const scores = [...new Set([...positives, ...negatives])];
    const result = aucFromCounts(
      scores.map((score) => ({ score, positives: positives.filter((s) => s === score).length, negatives: negatives.filter((s) => s === score).length })),
    );
    expect(result?.auc).toBeCloseTo(auc, 12);
    expect(result?.interval[0]).toBeCloseTo(auc - 1.959963984540054 * se, 10);
    expect(result?.interval[1]).toBeCloseTo(Math.min(1, auc + 1.959963984540054 * se), 10);
    expect(result?.positives).toBe(7);
  });

  it('is one half when the score does not separate, and undefined without both kinds', () => {
    expect(aucFromCounts([{ score: 10, positives: 5, negatives: 50 }])?.auc).toBe(0.5);
    expect(aucFromCounts([{ score: 10, positives: 1, negatives: 50 }])).toBeNull();
  });
});
