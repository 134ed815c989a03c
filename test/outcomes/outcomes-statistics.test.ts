// The statistics on synthetic campaigns with known rates: intervals cover the truth at
// about their stated rate, a real lift and a real band effect are found, and neither is
// found when absent. Every campaign is seeded, so each run sees the same numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRows, DEFAULT_SPEC, truth, writeCampaign, type CampaignSpec } from '../../scripts/generate-campaign.mjs';
import type { OutcomesReport } from '../../src/outcomes/report-shape.js';
import { aucFromCounts } from '../../src/outcomes/statistics/auc.js';
import { cliIn } from '../cli-runner.js';

let dir: string;

async function analyse(specs: Partial<CampaignSpec>[]): Promise<OutcomesReport> {
  const args = specs.flatMap((spec) => {
    const name = spec.campaign ?? 'campaign';
    writeCampaign(spec, { verdicts: join(dir, `${name}.jsonl`), results: join(dir, `${name}.csv`) });
    return ['--verdicts', `${name}.jsonl`, '--results', `${name}.csv`];
  });
  const run = await cliIn(dir, 'outcomes', ...args, '--format', 'json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as OutcomesReport;
}

const covers = (interval: readonly [number, number] | null | undefined, value: number) =>
  interval !== null && interval !== undefined && interval[0] <= value && value <= interval[1];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'creeplint-outcomes-stats-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('over 200 seeded campaigns', () => {
  // Rates high enough for every interval to be used, a lift on opens and clicks, none on the rest.
  const spec = (seed: number): Partial<CampaignSpec> => ({
    campaign: `c${String(seed).padStart(3, '0')}`,
    seed,
    count: 1500,
    holdout: 0.4,
    control: { delivered: 0.9, opened: 0.3, clicked: 0.1, converted: 0.05, unsubscribed: 0.04, complained: 0.02 },
    personalised: {
      helpful: { opened: 0.4, clicked: 0.15 },
      familiar: { opened: 0.4, clicked: 0.15 },
      intrusive: { opened: 0.4, clicked: 0.15 },
      creepy: { opened: 0.4, clicked: 0.15 },
    },
  });
  let report: OutcomesReport;
  const seeds = Array.from({ length: 200 }, (_, index) => index + 1);

  beforeAll(async () => {
    report = await analyse(seeds.map(spec));
  }, 120_000);

  it('Wilson intervals cover the true rate about 95% of the time', () => {
    let covered = 0;
    let total = 0;
    for (const [index, campaign] of report.campaigns.entries()) {
      const known = truth(spec(seeds[index] ?? 0)).groups;
      for (const group of ['control', 'personalised'] as const) {
        for (const [outcome, stats] of Object.entries(campaign.groups[group].outcomes)) {
          total += 1;
          if (covers(stats.interval, known[group][outcome as keyof typeof known.control])) covered += 1;
        }
      }
    }
    expect(total).toBe(200 * 2 * 6);
    expect(covered / total).toBeGreaterThan(0.93);
    expect(covered / total).toBeLessThan(0.97);
  });

  it("Newcombe's intervals cover the true lift about 95% of the time, and find the lift that is there", () => {
    let covered = 0;
    let total = 0;
    const found: Record<string, number> = {};
    for (const [index, campaign] of report.campaigns.entries()) {
      const known = truth(spec(seeds[index] ?? 0)).groups;
      for (const [outcome, lift] of Object.entries(campaign.lift)) {
        if (outcome === 'revenue') continue;
        const key = outcome as keyof typeof known.control;
        total += 1;
        if (covers(lift.interval, known.personalised[key] - known.control[key])) covered += 1;
        if (lift.excludesZero) found[outcome] = (found[outcome] ?? 0) + 1;
      }
    }
    expect(covered / total).toBeGreaterThan(0.93);
    expect(covered / total).toBeLessThan(0.97);
    // Ten points more opens (n ≈ 600 vs 900) are found nearly always; no lift is "found" about 5% of the time.
    expect((found['opened'] ?? 0) / 200).toBeGreaterThan(0.95);
    for (const absent of ['delivered', 'converted', 'unsubscribed', 'complained']) expect((found[absent] ?? 0) / 200).toBeLessThan(0.09);
  });

  it("revenue per recipient: Student's t intervals cover the true mean, Welch's the true difference", () => {
    let covered = 0;
    let coveredLift = 0;
    for (const [index, campaign] of report.campaigns.entries()) {
      const known = truth(spec(seeds[index] ?? 0)).revenuePerRecipient;
      if (covers(campaign.groups.control.revenue?.interval, known.control)) covered += 1;
      if (covers(campaign.groups.personalised.revenue?.interval, known.personalised)) covered += 1;
      if (covers(campaign.lift.revenue?.interval, known.personalised - known.control)) coveredLift += 1;
    }
    // Revenue is skewed (most recipients buy nothing): the t interval runs a little under 95%.
    expect(covered / 400).toBeGreaterThan(0.92);
    expect(covered / 400).toBeLessThan(0.98);
    expect(coveredLift / 200).toBeGreaterThan(0.91);
    expect(coveredLift / 200).toBeLessThan(0.98);
  });
});

describe("the score's effect on unsubscribes and complaints", () => {
  const creepyCosts: Partial<CampaignSpec> = {
    campaign: 'creepy-costs',
    seed: 5,
    count: 60_000,
    holdout: 0.2,
    control: { ...DEFAULT_SPEC.control, unsubscribed: 0.004, complained: 0.001 },
    personalised: {
      helpful: { unsubscribed: 0.004, complained: 0.001 },
      familiar: { unsubscribed: 0.004, complained: 0.001 },
      intrusive: { unsubscribed: 0.004, complained: 0.001 },
      creepy: { unsubscribed: 0.02, complained: 0.006 },
    },
  };
  const flat: Partial<CampaignSpec> = {
    ...creepyCosts,
    campaign: 'flat',
    seed: 6,
    personalised: Object.fromEntries(
      ['helpful', 'familiar', 'intrusive', 'creepy'].map((band) => [band, { unsubscribed: 0.004, complained: 0.001 }]),
    ) as CampaignSpec['personalised'],
  };

  it('finds a band effect: a rising trend, an AUC above one half, and max-score 74 suggested with its evidence', async () => {
    const report = await analyse([creepyCosts]);
    const known = truth(creepyCosts);
    expect(report.trend.unsubscribed?.z).toBeGreaterThan(0);
    expect(report.trend.unsubscribed?.p).toBeLessThan(0.001);
    expect(report.prediction.unsubscribed?.interval[0]).toBeGreaterThan(0.5);
    expect(covers(report.prediction.unsubscribed?.interval, known.auc.unsubscribed)).toBe(true);
    expect(Math.abs((report.prediction.unsubscribed?.auc ?? 0) - known.auc.unsubscribed)).toBeLessThan(0.03);
    expect(report.suggestion.maxScore).toBe(74);
    expect(report.suggestion.evidence?.scores[0]).toBe(75);
    expect(report.suggestion.evidence?.baseline.name).toBe('control group');
    expect(report.suggestion.text).toMatch(/^Suggested max-score: 74 \(a suggestion to weigh, not applied\): recipients scoring 75–79/u);
    // Within the creepy band, personalising costs unsubscribes against the same recipients' control.
    expect(report.bands.creepy.lift.unsubscribed?.excludesZero).toBe(true);
    expect(report.bands.helpful.lift.unsubscribed?.excludesZero).toBe(false);
  });

  it('finds none when the rates are flat', async () => {
    const report = await analyse([flat]);
    expect(report.trend.unsubscribed?.p).toBeGreaterThan(0.05);
    expect(covers(report.prediction.unsubscribed?.interval, 0.5)).toBe(true);
    expect(report.suggestion.maxScore).toBeNull();
    expect(report.suggestion.text).toMatch(/^No suggestion: no score range has an unsubscribe or complaint rate above the baseline/u);
  });

  it("DeLong's interval covers the true AUC about 95% of the time over 200 seeds", () => {
    const spec = { ...creepyCosts, count: 4000, personalised: { ...creepyCosts.personalised, creepy: { unsubscribed: 0.05 } } } as Partial<CampaignSpec>;
    const known = truth(spec).auc.unsubscribed;
    let covered = 0;
    for (let seed = 1; seed <= 200; seed += 1) {
      const byScore = new Map<number, { score: number; positives: number; negatives: number }>();
      for (const { verdict, result } of campaignRows({ ...spec, seed })) {
        if (!verdict || !result || verdict.group === 'control') continue;
        const entry = byScore.get(verdict.score) ?? { score: verdict.score, positives: 0, negatives: 0 };
        if (result.unsubscribed) entry.positives += 1;
        else entry.negatives += 1;
        byScore.set(verdict.score, entry);
      }
      if (covers(aucFromCounts([...byScore.values()])?.interval, known)) covered += 1;
    }
    expect(covered / 200).toBeGreaterThan(0.92);
    expect(covered / 200).toBeLessThan(0.98);
  });
});
