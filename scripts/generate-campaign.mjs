// A synthetic campaign for tests and benchmarks: verdicts (as `creeplint audit --holdout`
// writes them, with `group`) and results (as an ESP exports them), drawn from known rates per
// band and group with a seeded generator, so the truth every statistic estimates is known.
// Usage:
//   node scripts/generate-campaign.mjs --count 100000 --seed 7 --verdicts v.jsonl --results r.csv [--holdout 0.1] [--campaign NAME]
// Results are CSV, or JSON Lines when the file ends in .jsonl. See generate-campaign.d.mts for the spec.
import { closeSync, openSync, writeSync } from 'node:fs';

export const BAND_RANGES = { helpful: [0, 24], familiar: [25, 49], intrusive: [50, 74], creepy: [75, 100] };
export const OUTCOMES = ['delivered', 'opened', 'clicked', 'converted', 'unsubscribed', 'complained'];

/** Rates that rise with the band for the negative outcomes, and a personalisation lift for clicks and conversions. */
export const DEFAULT_SPEC = {
  campaign: 'spring',
  count: 10_000,
  seed: 1,
  holdout: 0.1,
  bands: { helpful: 0.4, familiar: 0.3, intrusive: 0.2, creepy: 0.1 },
  control: { delivered: 0.98, opened: 0.25, clicked: 0.04, converted: 0.01, unsubscribed: 0.003, complained: 0.001 },
  personalised: {
    helpful: { delivered: 0.98, opened: 0.27, clicked: 0.05, converted: 0.012, unsubscribed: 0.003, complained: 0.001 },
    familiar: { delivered: 0.98, opened: 0.28, clicked: 0.055, converted: 0.013, unsubscribed: 0.003, complained: 0.001 },
    intrusive: { delivered: 0.98, opened: 0.28, clicked: 0.05, converted: 0.012, unsubscribed: 0.006, complained: 0.002 },
    creepy: { delivered: 0.98, opened: 0.28, clicked: 0.045, converted: 0.01, unsubscribed: 0.015, complained: 0.006 },
  },
  revenuePerConversion: 50,
  unmatchedVerdicts: 0,
  unmatchedResults: 0,
  campaignField: true,
  groupField: true,
};

/** Mulberry32: a small seeded generator, plenty for simulation (not for secrets). */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function rateOf(spec, group, band, outcome) {
  return group === 'control' ? spec.control[outcome] : (spec.personalised[band]?.[outcome] ?? spec.control[outcome]);
}

/** Each recipient's verdict and result (null when the result is missing), then results without a verdict. */
export function* campaignRows(partial = {}) {
  const spec = { ...DEFAULT_SPEC, ...partial };
  const next = random(spec.seed);
  const bands = Object.entries(spec.bands);
  for (let index = 0; index < spec.count; index += 1) {
    let pick = next();
    let band = bands[bands.length - 1][0];
    for (const [name, share] of bands) {
      if (pick < share) {
        band = name;
        break;
      }
      pick -= share;
    }
    const [low, high] = BAND_RANGES[band];
    const score = low + Math.floor(next() * (high - low + 1));
    // Without a group field (a campaign sent before holdouts), everyone got the scored email.
    const group = next() < spec.holdout && spec.groupField ? 'control' : 'personalised';
    const id = `r-${index}`;
    const verdict = {
      id,
      verdict: score > 74 ? 'hold' : 'send',
      score,
      band,
      rules: [],
      ...(spec.groupField ? { group } : {}),
      ...(spec.campaignField ? { campaign: spec.campaign } : {}),
    };
    const result = { id };
    for (const outcome of OUTCOMES) result[outcome] = next() < rateOf(spec, group, band, outcome) ? 1 : 0;
    const amount = Math.round(spec.revenuePerConversion * (0.5 + next()) * 100) / 100;
    result.revenue = result.converted ? amount : 0;
    yield { verdict, result: index >= spec.count - spec.unmatchedVerdicts ? null : result };
  }
  for (let index = 0; index < spec.unmatchedResults; index += 1) {
    yield { verdict: null, result: { id: `unknown-${index}`, ...Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])), revenue: 0 } };
  }
}

/** The rates every statistic estimates, from the spec alone. */
export function truth(partial = {}) {
  const spec = { ...DEFAULT_SPEC, ...partial };
  const bands = Object.keys(spec.bands);
  const personalised = Object.fromEntries(
    OUTCOMES.map((outcome) => [outcome, bands.reduce((sum, band) => sum + spec.bands[band] * rateOf(spec, 'personalised', band, outcome), 0)]),
  );
  const control = { ...spec.control };
  const byBand = Object.fromEntries(bands.map((band) => [band, Object.fromEntries(OUTCOMES.map((outcome) => [outcome, rateOf(spec, 'personalised', band, outcome)]))]));
  const auc = Object.fromEntries(
    ['unsubscribed', 'complained'].map((outcome) => {
      // Scores are uniform within a band: the chance a recipient with the outcome outscores one without, ties ½.
      const positive = new Array(101).fill(0);
      const negative = new Array(101).fill(0);
      for (const band of bands) {
        const [low, high] = BAND_RANGES[band];
        const rate = byBand[band][outcome];
        for (let score = low; score <= high; score += 1) {
          positive[score] += (spec.bands[band] / (high - low + 1)) * rate;
          negative[score] += (spec.bands[band] / (high - low + 1)) * (1 - rate);
        }
      }
      const totalPositive = positive.reduce((a, b) => a + b, 0);
      const totalNegative = negative.reduce((a, b) => a + b, 0);
      let below = 0;
      let area = 0;
      for (let score = 0; score <= 100; score += 1) {
        area += (positive[score] / totalPositive) * ((below + negative[score] / 2) / totalNegative);
        below += negative[score];
      }
      return [outcome, area];
    }),
  );
  return {
    groups: { control, personalised },
    bands: byBand,
    revenuePerRecipient: { control: control.converted * spec.revenuePerConversion, personalised: personalised.converted * spec.revenuePerConversion },
    auc,
  };
}

/** Write the campaign's verdicts (JSON Lines) and results (CSV, or JSON Lines for .jsonl). */
export function writeCampaign(partial, files) {
  const jsonResults = /\.(jsonl|ndjson|json)$/u.test(files.results);
  const verdicts = openSync(files.verdicts, 'w');
  const results = openSync(files.results, 'w');
  let verdictBuffer = '';
  let resultBuffer = jsonResults ? '' : `id,${OUTCOMES.join(',')},revenue\n`;
  const flush = (force) => {
    if (force || verdictBuffer.length > 1 << 16) {
      writeSync(verdicts, verdictBuffer);
      verdictBuffer = '';
    }
    if (force || resultBuffer.length > 1 << 16) {
      writeSync(results, resultBuffer);
      resultBuffer = '';
    }
  };
  for (const { verdict, result } of campaignRows(partial)) {
    if (verdict) verdictBuffer += `${JSON.stringify(verdict)}\n`;
    if (result) {
      resultBuffer += jsonResults
        ? `${JSON.stringify({ ...result, ...Object.fromEntries(OUTCOMES.map((outcome) => [outcome, result[outcome] === 1])) })}\n`
        : `${result.id},${OUTCOMES.map((outcome) => result[outcome]).join(',')},${result.revenue}\n`;
    }
    flush(false);
  }
  flush(true);
  closeSync(verdicts);
  closeSync(results);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const option = (name, fallback) => {
    const index = process.argv.indexOf(`--${name}`);
    return index === -1 ? fallback : process.argv[index + 1];
  };
  const verdicts = option('verdicts');
  const results = option('results');
  if (!verdicts || !results) {
    process.stderr.write('usage: node scripts/generate-campaign.mjs --count N --seed S --verdicts FILE.jsonl --results FILE.csv|FILE.jsonl [--holdout 0.1] [--campaign NAME]\n');
    process.exit(2);
  }
  writeCampaign(
    {
      count: Number(option('count', DEFAULT_SPEC.count)),
      seed: Number(option('seed', DEFAULT_SPEC.seed)),
      holdout: Number(option('holdout', DEFAULT_SPEC.holdout)),
      campaign: option('campaign', DEFAULT_SPEC.campaign),
    },
    { verdicts, results },
  );
}
