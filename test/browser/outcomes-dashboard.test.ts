/// <reference lib="dom" />
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCampaign, type CampaignSpec } from '../../scripts/generate-campaign.mjs';
import { run } from '../../src/cli.js';

const OUTPUT = 'test-output';
const DATA = `${OUTPUT}/outcomes`;
const REPORT = `${OUTPUT}/outcomes.html`;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

let browser: Browser;
let page: Page;
const offMachine: string[] = [];

// A history: two campaigns before personalisation (helpful scores, no holdout), then two with a 10% holdout.
const before: Partial<CampaignSpec> = { count: 20_000, groupField: false, bands: { helpful: 1, familiar: 0, intrusive: 0, creepy: 0 } };
const after: Partial<CampaignSpec> = {
  count: 40_000,
  holdout: 0.1,
  personalised: {
    helpful: { opened: 0.3, clicked: 0.06, converted: 0.014, unsubscribed: 0.003, complained: 0.001 },
    familiar: { opened: 0.31, clicked: 0.065, converted: 0.015, unsubscribed: 0.003, complained: 0.001 },
    intrusive: { opened: 0.31, clicked: 0.06, converted: 0.014, unsubscribed: 0.005, complained: 0.002 },
    creepy: { opened: 0.3, clicked: 0.05, converted: 0.011, unsubscribed: 0.02, complained: 0.008 },
  },
};
const HISTORY: Partial<CampaignSpec>[] = [
  { ...before, campaign: '2026-01 winter', seed: 1 },
  { ...before, campaign: '2026-02 valentine', seed: 2 },
  { ...after, campaign: '2026-03 spring', seed: 7 },
  { ...after, campaign: '2026-04 easter', seed: 8 },
];

beforeAll(async () => {
  mkdirSync(DATA, { recursive: true });
  const args = HISTORY.flatMap((spec, index) => {
    const files = { verdicts: join(DATA, `verdicts-${index + 1}.jsonl`), results: join(DATA, `results-${index + 1}.csv`) };
    writeCampaign(spec, files);
    return ['--verdicts', files.verdicts, '--results', files.results];
  });
  const code = await run(['outcomes', ...args, '--format', 'html', '--report', REPORT], { stdout: () => undefined, stderr: (text) => process.stderr.write(text), isTTY: false });
  expect(code).toBe(0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('about:')) offMachine.push(url);
  });
  await page.goto(pathToFileURL(REPORT).href);
});

afterAll(async () => {
  await (browser as Browser | undefined)?.close(); // unset when beforeAll failed
});

describe('the outcomes dashboard in Chromium', () => {
  it('shows the counts, the lift, the prediction, rates by band and group, and the campaigns over time', async () => {
    expect(await page.locator('h2').allInnerTexts()).toEqual([
      'What was joined',
      'Does personalisation earn its keep?',
      'Does the score predict unsubscribes and complaints?',
      'Rates by group and band',
      'Campaigns over time: before and after personalisation',
      'Methods',
    ]);
    expect(await page.locator('.counts').innerText()).toContain('120,000 verdicts');
    expect(await page.locator('#history ~ table tbody tr th').allInnerTexts()).toEqual(['2026-01 winter', '2026-02 valentine', '2026-03 spring', '2026-04 easter']);
    expect(await page.locator('.suggestion').innerText()).toMatch(/^Suggested max-score: \d+/u);
  });

  it('draws every chart as SVG with a title and description, and a table of its numbers', async () => {
    const charts = page.locator('svg.chart');
    expect(await charts.count()).toBeGreaterThanOrEqual(14);
    for (const chart of await charts.all()) {
      expect(await chart.getAttribute('role')).toBe('img');
      const [titleId, descId] = (await chart.getAttribute('aria-labelledby'))?.split(' ') ?? [];
      expect((await page.locator(`[id="${titleId}"]`).textContent())?.length).toBeGreaterThan(5);
      expect((await page.locator(`[id="${descId}"]`).textContent())?.length).toBeGreaterThan(20);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
    }
    // The lift chart's rows say in words whether the interval excludes zero, and show it with a filled or hollow marker.
    const lift = page.locator('svg.chart[aria-labelledby^="lift-"] g text:last-child');
    expect((await lift.allTextContents()).every((text) => /\((excludes|includes) zero\)$/u.test(text))).toBe(true);
    expect(await page.locator('table caption').count()).toBeGreaterThanOrEqual(8);
  });

  it('names the statistical method beside the numbers', async () => {
    const text = await page.locator('main').innerText();
    for (const method of ['Wilson score interval', "Newcombe's hybrid score interval", "Welch's interval", 'Cochran–Armitage', 'DeLong', "Student's t", 'Bonferroni'])
      expect(text).toContain(method);
  });

  it('makes no network request and saves a screenshot', async () => {
    // The lift and the prediction: the two questions the page answers.
    await page.locator('#lift-heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}/outcomes-dashboard.png`, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1500 } });
    copyFileSync(`${OUTPUT}/outcomes-dashboard.png`, 'docs/outcomes-dashboard.png');
    expect(offMachine).toEqual([]);
  });

  it('passes an automated accessibility check (axe-core: no serious or critical violations)', async () => {
    // A second page with the CSP bypassed, only so that axe-core can be injected.
    const checked = await browser.newPage({ viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    await checked.goto(pathToFileURL(REPORT).href);
    await checked.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const result = await checked.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
      return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    });
    const serious = result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
    await checked.close();
  });
});
