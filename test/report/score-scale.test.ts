import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'cheerio/slim';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { BANDS } from '../../src/model/vocabulary.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { emptySummary } from '../../src/presend/audit-summary.js';
import { formatAuditHtml } from '../../src/report/audit-html.js';
import { formatHtml } from '../../src/report/html/index.js';
import { BAND_LOOKS, scaleStyles, SEVERITY_LOOKS, signedPoints } from '../../src/report/score-scale.js';
import { bandOf } from '../../src/score/score.js';
import { loadAssets } from '../../src/server/static-assets.js';
import { FIXED_NOW } from '../support.js';
import { OPTIONS } from './fixtures.js';

interface StudioScale {
  BAND_LOOKS: unknown;
  SEVERITY_LOOKS: unknown;
  signedPoints: (points: number) => string;
}

/** The module the studio imports, exactly as the server serves it. */
async function studioScale(): Promise<StudioScale> {
  const assets = await loadAssets();
  const body = assets.get('/score-scale.js')?.body ?? '';
  return (await import(`data:text/javascript;base64,${Buffer.from(body).toString('base64')}`)) as StudioScale;
}

describe('one scale for every page: band limits, colours, severity order, points', () => {
  it('puts each band where the score puts it, lowest first, arcs meeting half-way between whole scores', () => {
    expect(BAND_LOOKS.map((look) => look.band)).toEqual([...BANDS]);
    expect(BAND_LOOKS.map((look) => [look.from, look.to])).toEqual([
      [0, 24.5],
      [24.5, 49.5],
      [49.5, 74.5],
      [74.5, 100],
    ]);
    for (const look of BAND_LOOKS) {
      expect(bandOf(look.floor)).toBe(look.band);
      if (look.floor > 0) expect(bandOf(look.floor - 1)).not.toBe(look.band);
    }
    expect(SEVERITY_LOOKS.map((look) => look.severity)).toEqual([...SEVERITIES]);
  });

  it('writes a credit with a minus sign (U+2212), never "+-"', () => {
    expect(signedPoints(-5)).toBe('\u22125');
    expect(signedPoints(7)).toBe('+7');
    expect(signedPoints(0)).toBe('0');
  });

  it('serves the studio the same values and the same points function', async () => {
    const studio = await studioScale();
    expect(studio.BAND_LOOKS).toEqual(BAND_LOOKS);
    expect(studio.SEVERITY_LOOKS).toEqual(SEVERITY_LOOKS);
    for (let points = -30; points <= 30; points += 1) expect(studio.signedPoints(points)).toBe(signedPoints(points));
    const css = (await loadAssets()).get('/studio.css')?.body ?? '';
    expect(css).toContain(scaleStyles());
  });

  it('draws the HTML report’s gauge with the same limits and colours', async () => {
    const outcome = await lint({
      templates: ['templates/browse-abandon.hbs'],
      dataMap: 'fixtures/datamap.yaml',
      profiles: ['fixtures/profiles/full-consent.json'],
      now: FIXED_NOW,
    });
    const page = load(formatHtml(outcome, OPTIONS));
    expect(
      page('.gauge svg path')
        .map((_, arc) => arc.attribs['stroke'])
        .get(),
    ).toEqual(BAND_LOOKS.map((look) => look.colour));
    expect(page('style').text()).toContain(scaleStyles());
  });

  it('colours the audit report’s histogram by the same bands: 20–24 helpful, 25–29 familiar, 100 creepy', () => {
    const summary = { ...emptySummary(false), scoreHistogram: Array.from({ length: 21 }, () => 1) };
    const page = load(formatAuditHtml(summary, 'welcome.hbs'));
    const fills = page('svg rect')
      .map((_, bar) => bar.attribs['fill'])
      .get();
    const colourOf = (band: string): string | undefined => BAND_LOOKS.find((look) => look.band === band)?.colour;
    expect(fills[4]).toBe(colourOf('helpful'));
    expect(fills[5]).toBe(colourOf('familiar'));
    expect(fills[10]).toBe(colourOf('intrusive'));
    expect(fills[15]).toBe(colourOf('creepy'));
    expect(fills[20]).toBe(colourOf('creepy'));
  });

  it('spells band colours and limits in no page’s own code, so none can drift', () => {
    const files = [
      ...readdirSync('studio').map((name) => `studio/${name}`),
      'src/report/html/index.ts',
      'src/report/html/page-assets.ts',
      'src/report/audit-html.ts',
      'src/outcomes/dashboard.ts',
    ];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').toLowerCase();
      for (const look of BAND_LOOKS) expect(text.includes(look.colour), `${file} spells ${look.band}'s colour`).toBe(false);
      expect(text.includes('24.5') || text.includes('74.5'), `${file} spells a band limit`).toBe(false);
      expect(/score >= \d/u.test(text), `${file} decides a band itself`).toBe(false);
    }
  });
});
