/// <reference lib="dom" />
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataMap } from '../../src/load/datamap.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { BAND_LOOKS } from '../../src/report/score-scale.js';
import { ProjectFiles } from '../../src/server/project-files.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

/** How the studio shows what a check found: current or out of date, where in the draft, the partial and the preview, and the keyboard kept. */

const OUTPUT = 'test-output';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const M = '---\npurpose: [marketing, personalisation]\n---\n';
const SPY_PARTIAL = '<p>We noticed you browsing. <a href="{{preferences_url}}">Email preferences</a> · <a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n';

let server: RunningServer;
let browser: Browser;
let page: Page;

async function previewFrame(): Promise<Frame> {
  const frame = await (await page.locator('#main-view iframe.preview').elementHandle()).contentFrame();
  if (!frame) throw new Error('no preview frame');
  return frame;
}

/** Wait until the studio has answered the latest change with a current score. */
async function settled(): Promise<void> {
  await page.waitForTimeout(350);
  await page.waitForFunction(() => /^Score \d+ of 100/u.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 10_000 });
}

/** Wait until the studio says its answer is out of date. */
async function outOfDate(): Promise<void> {
  await page.waitForTimeout(350);
  await page.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('Out of date:'), undefined, { timeout: 10_000 });
}

async function draft(text: string): Promise<void> {
  await page.locator('#draft').fill(text);
}

async function findingTexts(): Promise<string[]> {
  return page.locator('#findings li').allInnerTexts();
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  const project = mkdtempSync(join(tmpdir(), 'creeplint-studio-findings-'));
  const templatesDir = join(project, 'templates');
  cpSync('templates', templatesDir, { recursive: true });
  writeFileSync(join(templatesDir, 'partials', 'spy-footer.hbs'), SPY_PARTIAL);
  writeFileSync(join(templatesDir, 'with-spy-footer.hbs'), `${M}<p>Hi {{first_name}},</p>\n{{> spy-footer}}\n`);
  const profilesDir = join(project, 'profiles');
  cpSync('fixtures/profiles', profilesDir, { recursive: true });
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    token: undefined,
    maxBodyBytes: 5 * 1024 * 1024,
    timeLimitMs: 5000,
    workers: 2,
    project: {
      files: new ProjectFiles(templatesDir, profilesDir),
      dataMap: parseDataMap(readFileSync('fixtures/datamap.yaml', 'utf8'), 'fixtures/datamap.yaml'),
      settings: DEFAULT_SETTINGS,
      partialDirs: [],
    },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  await page.goto(`${server.url}#token=${server.token}`);
  await settled();
  await page.selectOption('#profile-select', 'full-consent.json');
  await page.selectOption('#template-select', '');
  await settled();
});

afterAll(async () => {
  await (browser as Browser | undefined)?.close(); // unset when beforeAll failed
  await (server as RunningServer | undefined)?.close(); // unset when beforeAll failed
});

describe('the studio never passes an old answer off as current', () => {
  it('says the score and preview are out of date while the profile is not JSON, and announces that once, not on every key', async () => {
    await draft(`${M}<p>Hi {{first_name}}, {{last_viewed_product}} is back.</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n`);
    await settled();
    const score = await page.locator('#main-view .score').innerText();
    await page.locator('#profile-details summary').click();
    // Count what the alert region is told while the profile is typed into, broken.
    await page.evaluate(() => {
      const region = document.getElementById('profile-error') as HTMLElement;
      (window as unknown as { alerts: string[] }).alerts = [];
      new MutationObserver(() => (window as unknown as { alerts: string[] }).alerts.push(region.textContent)).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const editor = page.locator('#profile-editor');
    await editor.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('{{{', { delay: 120 });
    await outOfDate();
    await page.keyboard.type('xyz', { delay: 400 });
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => (window as unknown as { alerts: string[] }).alerts)).toEqual([
      'The recipient profile is not valid JSON: the score and preview are out of date until it is.',
    ]);
    expect(await page.locator('#status').innerText()).toBe('Out of date: the recipient profile is not valid JSON.');
    expect(await page.locator('#stale-notice').innerText()).toBe(
      'Out of date: the recipient profile is not valid JSON. The score, preview and findings are for the last profile that could be read.',
    );
    // Seen and heard: the old score is badged, dimmed, and its gauge and view say so to a screen reader.
    expect(await page.locator('#main-view .score').innerText()).toBe(score);
    expect(await page.locator('#main-view .stale-badge').textContent()).toBe('Out of date');
    expect(await page.locator('#main-view').getAttribute('aria-describedby')).toBe('stale-notice');
    expect(await page.locator('#main-view .verdict svg').getAttribute('aria-label')).toMatch(/^Score \d+ of 100: \w+ \(out of date\)$/u);
    expect(await page.locator('#main-view').evaluate((view) => Number(getComputedStyle(view).opacity))).toBeLessThan(1);
    await page.screenshot({ path: `${OUTPUT}/studio-stale-profile.png`, fullPage: true });
    // Fixed, the answer is current again and says nothing of the old problem.
    await editor.fill(JSON.stringify(JSON.parse(readFileSync('fixtures/profiles/full-consent.json', 'utf8')), null, 2));
    await settled();
    expect(await page.locator('#stale-notice').isVisible()).toBe(false);
    expect(await page.locator('#main-view .stale-badge').count()).toBe(0);
    expect(await page.locator('#profile-error').innerText()).toBe('');
    expect(await page.locator('#main-view').getAttribute('aria-describedby')).toBeNull();
    await page.locator('#profile-details summary').click();
  });

  it('keeps the last good score, marked out of date, while the front matter is not YAML, and gives a front-matter hint', async () => {
    await draft(`${M}<p>Hi {{first_name}}, we noticed you liked {{last_viewed_product}}.</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n`);
    await settled();
    const score = await page.locator('#main-view .score').innerText();
    await draft('---\npurpose: [marketing, personalisation]\nsubject: {{first_name}}, hi\n---\n<p>Hi {{first_name}}.</p>\n');
    await outOfDate();
    expect(await page.locator('#stale-notice').innerText()).toBe(
      'Out of date: the front matter (the YAML between the --- lines at the top) has an error on line 3; see the findings. The score and preview are for the last draft whose front matter could be read.',
    );
    expect(await page.locator('#main-view .score').innerText()).toBe(score);
    expect(await page.locator('#main-view .stale-badge').textContent()).toBe('Out of date');
    // The findings are current: they say what is wrong, in front matter's words.
    const error = page.locator('#findings li', { hasText: 'parse-error' }).first();
    expect(await error.locator('.try').innerText()).toBe(
      'Try: Fix the front matter: it is YAML between the --- lines at the top, one `key: value` a line (purpose, subject, preheader, language, headers); quote a value that holds a colon or braces, as in subject: "{{first_name}}, something new".',
    );
    expect(await page.locator('#findings').getAttribute('class')).not.toContain('stale');
    await page.screenshot({ path: `${OUTPUT}/studio-stale-front-matter.png`, fullPage: true });
    await draft('---\npurpose: [marketing, personalisation]\nsubject: "{{first_name}}, hi"\n---\n<p>Hi {{first_name}}.</p>\n');
    await settled();
    expect(await page.locator('#stale-notice').isVisible()).toBe(false);
  });
});

describe('the studio shows where each finding is', () => {
  it('marks a risky phrase in the preview and underlines it at its range in the draft', async () => {
    const text = `${M}<p>Hi {{first_name}},</p>\n<p>Hello again: we noticed you liked {{last_viewed_product}}.</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n`;
    await draft(text);
    await settled();
    const frame = await previewFrame();
    const phrase = frame.locator('mark.creeplint-phrase').first();
    expect(await phrase.evaluate((mark) => mark.firstChild?.textContent)).toBe('we noticed you');
    // Beside data the reader did not give (the viewed product), watching is an error.
    expect(await phrase.getAttribute('data-severity')).toBe('error');
    expect(await phrase.getAttribute('data-at')).toBe('draft.hbs:5:17');
    // In the draft: underlined from its first letter to its last, wavy, in the error colour.
    const squiggles = await page.locator('#draft-marks mark').evaluateAll((marks) =>
      marks.map((mark) => {
        let before = '';
        for (let node = mark.previousSibling; node; node = node.previousSibling) before = (node.textContent ?? '') + before;
        return { text: mark.textContent, offset: before.length, style: getComputedStyle(mark).textDecorationStyle, colour: getComputedStyle(mark).textDecorationColor };
      }),
    );
    const surveillance = squiggles.find((squiggle) => squiggle.text === 'we noticed you');
    expect(surveillance).toEqual({ text: 'we noticed you', offset: text.indexOf('we noticed you'), style: 'wavy', colour: 'rgb(185, 28, 28)' });
    // The finding takes the keyboard to its line, and the preview to the phrase.
    await page.locator('#findings li', { hasText: 'we noticed you' }).first().locator('button').click();
    expect(await frame.locator('mark.creeplint-current').evaluate((mark) => mark.firstChild?.textContent)).toBe('we noticed you');
    await page.screenshot({ path: `${OUTPUT}/studio-phrase-marked.png`, fullPage: true });
  });

  it('opens the partial a finding is in, at its line', async () => {
    await page.selectOption('#template-select', 'with-spy-footer.hbs');
    await settled();
    const finding = page.locator('#findings li', { hasText: 'no-surveillance-phrasing' }).first();
    expect(await finding.locator('.where').innerText()).toBe('partials/spy-footer.hbs line 1 · no-surveillance-phrasing');
    expect(await page.locator('#partial-pane').isVisible()).toBe(false);
    await finding.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#partial-pane').isVisible()).toBe(true);
    expect(await page.locator('#partial-name').textContent()).toBe('partials/spy-footer.hbs');
    const shown = await page.evaluate(() => {
      const source = document.getElementById('partial-source') as HTMLTextAreaElement;
      return {
        focused: document.activeElement === source,
        readOnly: source.readOnly,
        value: source.value,
        selected: source.value.slice(source.selectionStart, source.selectionEnd),
      };
    });
    expect(shown).toEqual({ focused: true, readOnly: true, value: SPY_PARTIAL, selected: SPY_PARTIAL.trimEnd() });
    // The draft is left as it was: the partial is shown, not opened in its place.
    expect(await page.locator('#draft').inputValue()).toBe(`${M}<p>Hi {{first_name}},</p>\n{{> spy-footer}}\n`);
    const frame = await previewFrame();
    expect(await frame.locator('mark.creeplint-current').evaluate((mark) => mark.firstChild?.textContent)).toBe('We noticed you');
    await page.screenshot({ path: `${OUTPUT}/studio-partial.png`, fullPage: true });
    await page.locator('#partial-close').click();
    expect(await page.locator('#partial-pane').isVisible()).toBe(false);
  });
});

describe('the studio keeps the keyboard where it was and says things once, in the reports’ words', () => {
  it('gives focus back to the same finding when the list is redrawn', async () => {
    await page.selectOption('#template-select', 'browse-abandon.hbs');
    await settled();
    const buttons = page.locator('#findings li button');
    expect(await buttons.count()).toBeGreaterThan(2);
    const wanted = await page.locator('#findings li').nth(2).getAttribute('data-key');
    // A change the studio checks, made without moving the keyboard; then the keyboard moves into the list.
    await page.evaluate(() => {
      const box = document.getElementById('draft') as HTMLTextAreaElement;
      box.value += '<p>Thanks.</p>\n';
      box.dispatchEvent(new Event('input'));
    });
    await buttons.nth(2).focus();
    await page.evaluate(() => ((document.activeElement?.closest('li') as HTMLElement & { old?: boolean }).old = true));
    await settled();
    const after = await page.evaluate(() => {
      const item = document.activeElement?.closest('li') as (HTMLElement & { old?: boolean }) | null | undefined;
      return { tag: document.activeElement?.tagName, key: item?.dataset['key'], redrawn: item?.old !== true };
    });
    expect(after).toEqual({ tag: 'BUTTON', key: wanted, redrawn: true });
  });

  it('writes the credit for an explanation as −4 (a minus sign), never +-4', async () => {
    const source = readFileSync('templates/browse-abandon.hbs', 'utf8').replace(
      'It is still in stock.</p>',
      'It is still in stock.</p>\n  <p>You are receiving this because you turned on recommendations.</p>',
    );
    await draft(source);
    await settled();
    const credit = page.locator('#findings li', { hasText: 'require-explanation' }).first();
    expect(await credit.innerText()).toContain('covering `last_viewed_product` (\u22124)');
    expect((await findingTexts()).join('\n')).not.toContain('+-');
  });

  it('does not offer words the draft already says', async () => {
    await draft(`${M}<h1>Picked for you</h1>\n<p>We noticed you liked {{last_viewed_product}}.</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n`);
    await settled();
    const finding = page.locator('#findings li', { hasText: 'no-surveillance-phrasing' }).first();
    expect(await finding.locator('.try').innerText()).toBe(
      'Try: Keep the offer and drop the watching. (Kim, Barasz & John (2019), Why Am I Seeing This Ad?, J. Consumer Research 45(5))',
    );
  });

  it('draws its gauge and bands with the reports’ limits and colours', async () => {
    const arcs = await page.locator('#main-view .verdict svg path[stroke-width="12"]').evaluateAll((paths) => paths.map((path) => path.getAttribute('stroke')));
    expect(arcs).toEqual(BAND_LOOKS.map((look) => look.colour));
    const band = await page.locator('#main-view .band').innerText();
    const look = BAND_LOOKS.find((candidate) => candidate.band === band.toLowerCase());
    const hex = (rgb: string): string => `#${(rgb.match(/\d+/gu) ?? []).map((part) => Number(part).toString(16).padStart(2, '0')).join('')}`;
    expect(hex(await page.locator('#main-view .band').evaluate((element) => getComputedStyle(element).color))).toBe(look?.colour);
  });
});
