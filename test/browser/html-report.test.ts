/// <reference lib="dom" />
import { copyFileSync, mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';

const OUTPUT = 'test-output';
const REPORT = `${OUTPUT}/report.html`;
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let browser: Browser;
let page: Page;
const offMachine: string[] = [];

function section(template: string, profile: string): Locator {
  return page.locator(`section.email[data-template="${template}"][data-profile="${profile}"]`);
}

async function previewFrame(template: string, profile: string): Promise<Frame> {
  const handle = await section(template, profile).locator('iframe.preview').elementHandle();
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no preview for ${template} × ${profile}`);
  return frame;
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const code = await run(
    [
      'check',
      'templates',
      'test/browser/fixtures/hostile.hbs',
      'test/browser/fixtures/bidi.hbs',
      '--datamap',
      'fixtures/datamap.yaml',
      '--profile',
      'fixtures/profiles/full-consent.json',
      '--profile',
      'fixtures/profiles/withdrawn-consent.json',
      '--profile',
      'test/browser/fixtures/hostile-profile.json',
      '--profile',
      'test/browser/fixtures/bidi-profile.json',
      '--format',
      'html',
      '--output',
      REPORT,
    ],
    { stdout: () => undefined, stderr: (text) => process.stderr.write(text), isTTY: false },
  );
  expect(code).toBe(1);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('dialog', (dialog) => {
    offMachine.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Anything that would leave this machine is recorded. (Request interception is not
  // used: with it, Chromium stops delivering hover to the sandboxed preview frame.)
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('about:')) offMachine.push(url);
  });
  await page.goto(pathToFileURL(REPORT).href);
});

afterAll(async () => {
  await (browser as Browser | undefined)?.close(); // unset when beforeAll failed
});

describe('the HTML report in Chromium', () => {
  it('highlights each personal value in place, coloured by its worst severity', async () => {
    const frame = await previewFrame('templates/creepy.hbs', 'cust-1001');
    const marks = await frame
      .locator('mark.creeplint-token')
      .evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-field')}:${element.getAttribute('data-severity')}`));
    expect(marks).toEqual(['first_name:ok', 'last_seen_store:error', 'last_seen_at:warning', 'last_viewed_product:warning', 'income_band:error', 'store_name:ok']);
    const subject = section('templates/creepy.hbs', 'cust-1001').locator('.subject mark.creeplint-token');
    expect(await subject.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-field')))).toEqual(['first_name', 'last_seen_store']);
    // The watching phrase between them is marked too, with the finding's severity.
    const phrase = section('templates/creepy.hbs', 'cust-1001').locator('.subject mark.creeplint-phrase');
    expect(await phrase.evaluateAll((elements) => elements.map((element) => `${element.firstChild?.textContent}:${element.getAttribute('data-severity')}`))).toEqual([
      'we saw you:error',
    ]);
    expect(
      await frame
        .locator('mark[data-field="last_seen_store"]')
        .first()
        .evaluate((element) => getComputedStyle(element).backgroundColor),
    ).toBe('rgb(254, 202, 202)');
  });

  it('shows the field, category, source, purpose check, points and suggestion on hover', async () => {
    await page.selectOption('#profile-switch', 'cust-1001');
    const frame = await previewFrame('templates/creepy.hbs', 'cust-1001');
    const mark = frame.locator('mark[data-field="last_seen_store"]').first();
    const tip = mark.locator('.creeplint-tip');
    expect(await tip.isVisible()).toBe(false);
    await section('templates/creepy.hbs', 'cust-1001').scrollIntoViewIfNeeded();
    // The frame may still move while the page settles after switching profiles: hover again until it lands.
    await expect
      .poll(
        async () => {
          await mark.hover();
          return tip.isVisible();
        },
        { timeout: 5000 },
      )
      .toBe(true);
    const text = await tip.innerText();
    for (const expected of ['last_seen_store', 'category: user.location.precise', 'source: observed', 'purpose: ✓ may serve personalisation', 'try:']) {
      expect(text).toContain(expected);
    }
    // The points its findings add here (how many is the scoring's business: docs/scoring.md).
    expect(text).toMatch(/\npoints: \+\d+\n/u);
  });

  it('shows the same details on keyboard focus, not only on hover', async () => {
    await page.selectOption('#profile-switch', 'cust-1002');
    await page.mouse.move(0, 0);
    const browse = section('templates/browse-abandon.hbs', 'cust-1002');
    // Tab from the subject line's highlights into the email preview, as a keyboard user would.
    await browse.locator('.subject mark').first().focus();
    const frame = await previewFrame('templates/browse-abandon.hbs', 'cust-1002');
    let focused: string | null | undefined;
    for (let presses = 0; presses < 6 && focused !== 'last_viewed_product'; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await frame.evaluate(() => document.activeElement?.getAttribute('data-field'));
    }
    expect(focused).toBe('last_viewed_product');
    const tip = frame.locator('mark:focus .creeplint-tip');
    await expect.poll(() => tip.isVisible(), { timeout: 3000 }).toBe(true);
    expect(await tip.innerText()).toContain('purpose: ✗ `last_viewed_product` may only serve `personalisation`');
  });

  it('lists values used only as conditions or in URLs beside the preview', async () => {
    const aside = section('templates/creepy.hbs', 'cust-1001').locator('aside');
    expect(await aside.locator('li code').allInnerTexts()).toEqual(['email', 'last_viewed_product', 'predicted_pregnancy', 'preferences_url', 'unsubscribe_url']);
  });

  it('never runs a hostile value, and shows it as text', async () => {
    await page.selectOption('#profile-switch', 'hostile<b>-1');
    const hostile = section('test/browser/fixtures/hostile.hbs', 'hostile<b>-1');
    expect(await hostile.isVisible()).toBe(true);
    expect(await hostile.locator('.subject').innerText()).toContain(`Hello <img src=x onerror="parent.document.title='pwned'">`);
    const frame = await previewFrame('test/browser/fixtures/hostile.hbs', 'hostile<b>-1');
    await frame.locator('p').first().hover();
    await page.waitForTimeout(200);
    expect(await page.title()).toBe('creeplint report');
    expect(await frame.evaluate(() => document.title)).not.toBe('pwned');
    expect(await frame.locator('p').nth(1).innerText()).toBe('" onmouseover="alert(1)');
    expect(offMachine.filter((entry) => entry.startsWith('dialog'))).toEqual([]);
  });

  it('switches between profiles and sorts findings by points', async () => {
    await page.selectOption('#profile-switch', 'cust-1002');
    const visible = await page.locator('section.email:visible').evaluateAll((elements) => [...new Set(elements.map((element) => element.getAttribute('data-profile')))]);
    expect(visible).toEqual(['cust-1002']);
    const table = section('templates/creepy.hbs', 'cust-1002').locator('table.sortable');
    await table.locator('th[data-sort="points"] button').click();
    const points = (await table.locator('tbody tr td:nth-child(2)').allInnerTexts()).map((text) => Number(text.replace('+', '')));
    expect(points).toEqual([...points].sort((a, b) => b - a));
    expect(await table.locator('th[data-sort="points"]').getAttribute('aria-sort')).toBe('descending');
  });

  it('lays out a right-to-left email right to left, inbox row included, and isolates its values', async () => {
    await page.selectOption('#profile-switch', 'bidi-1');
    const bidi = section('test/browser/fixtures/bidi.hbs', 'bidi-1');
    await bidi.scrollIntoViewIfNeeded();
    for (const line of ['.subject', '.preheader']) expect(await bidi.locator(line).evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    const frame = await previewFrame('test/browser/fixtures/bidi.hbs', 'bidi-1');
    expect(await frame.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    const marks = await frame
      .locator('mark.creeplint-token')
      .evaluateAll((elements) => elements.map((element) => `${element.parentElement?.tagName}:${getComputedStyle(element.parentElement as Element).unicodeBidi}`));
    expect(marks.length).toBeGreaterThan(1);
    for (const mark of marks) expect(mark).toBe('BDI:isolate');
    // "شاهدت Nike Pegasus 41 3 مرات": isolated, the Latin value does not pull the 3 into its own run,
    // so the 3 sits left of the value, where an Arabic reader reaches it after the value.
    const order = await frame.evaluate(() => {
      const where = (id: string) => {
        const paragraph = document.getElementById(id) as HTMLElement;
        const mark = paragraph.querySelector('mark') as HTMLElement;
        const three = Array.from(paragraph.childNodes).find((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').includes('3')) as Text;
        const range = document.createRange();
        const at = three.textContent.indexOf('3');
        range.setStart(three, at);
        range.setEnd(three, at + 1);
        const digit = range.getBoundingClientRect();
        const value = mark.getBoundingClientRect();
        return { digitLeft: digit.left, digitRight: digit.right, valueLeft: value.left, valueRight: value.right };
      };
      return { arabic: where('arabic'), english: where('english') };
    });
    expect(order.arabic.digitRight).toBeLessThanOrEqual(order.arabic.valueLeft);
    // And an Arabic value in an English sentence keeps the 3 after it, to its right.
    expect(order.english.digitLeft).toBeGreaterThanOrEqual(order.english.valueRight);
    await bidi.screenshot({ path: `${OUTPUT}/report-rtl.png` });
  });

  it('makes no network request, and saves a screenshot', async () => {
    await page.selectOption('#profile-switch', 'cust-1001');
    const creepy = section('templates/creepy.hbs', 'cust-1001');
    await creepy.scrollIntoViewIfNeeded();
    const frame = await previewFrame('templates/creepy.hbs', 'cust-1001');
    await frame.locator('mark[data-field="last_seen_store"]').first().hover();
    const box = await creepy.boundingBox();
    if (!box) throw new Error('the creepy email is not on screen');
    // The inbox row, gauge, highlighted preview with an open tooltip, and the list beside it.
    await page.screenshot({ path: `${OUTPUT}/report.png`, fullPage: true, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, 760) } });
    copyFileSync(`${OUTPUT}/report.png`, 'docs/html-report.png');
    expect(offMachine).toEqual([]);
  });
});
