/// <reference lib="dom" />
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataMap } from '../../src/load/datamap.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { ProjectFiles } from '../../src/server/project-files.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

const OUTPUT = 'test-output';
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let server: RunningServer;
let browser: Browser;
let page: Page;
let templatesDir: string;
const offMachine: string[] = [];
const tokenInUrls: string[] = [];
const apiWithoutToken: string[] = [];
const dialogs: string[] = [];

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

async function previewFrame(selector = '#main-view iframe.preview'): Promise<Frame> {
  const handle = await page.locator(selector).elementHandle();
  const frame = await handle.contentFrame();
  if (!frame) throw new Error(`no preview frame at ${selector}`);
  return frame;
}

async function score(view = '#main-view'): Promise<number> {
  return Number(await page.locator(`${view} .score`).innerText());
}

/** The rule ids of the findings listed, in order. */
async function findingRules(list = '#findings'): Promise<string[]> {
  return page.locator(`${list} li .where`).evaluateAll((elements) => elements.map((element) => element.textContent.split(' · ')[1] ?? ''));
}

/** Wait until the studio has answered the latest change (the status line says the score). */
async function settled(): Promise<void> {
  await page.waitForTimeout(350);
  await page.waitForFunction(() => /^Score \d+ of 100/u.test(document.getElementById('status')?.textContent ?? ''), undefined, { timeout: 10_000 });
}

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  // The studio may save templates: it works on a copy.
  const project = mkdtempSync(join(tmpdir(), 'creeplint-studio-'));
  templatesDir = join(project, 'templates');
  cpSync('templates', templatesDir, { recursive: true });
  const profilesDir = join(project, 'profiles');
  cpSync('fixtures/profiles', profilesDir, { recursive: true });
  cpSync('test/browser/fixtures/hostile-profile.json', join(profilesDir, 'zz-hostile.json'));
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
  // CSP is bypassed only so the test can inject axe-core; the page's own policy is tested in the API tests.
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, bypassCSP: true });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !url.startsWith('data:') && !url.startsWith('about:')) offMachine.push(url);
    if (url.includes(server.token)) tokenInUrls.push(url);
    if (url.startsWith(`${server.url}api/`) && request.headers()['authorization'] !== `Bearer ${server.token}`) apiWithoutToken.push(url);
  });
  // As `creeplint serve` prints it: the token in the fragment.
  await page.goto(`${server.url}#token=${server.token}`);
  await settled();
});

afterAll(async () => {
  await (browser as Browser | undefined)?.close(); // unset when beforeAll failed
  await (server as RunningServer | undefined)?.close(); // unset when beforeAll failed
});

describe('the studio in Chromium', () => {
  it('opens on the first template and profile, with the email highlighted and a score', async () => {
    expect(await page.locator('#template-select').inputValue()).toBe('back-in-stock.liquid');
    expect(await page.locator('#profile-select').inputValue()).toBe('full-consent.json');
    const frame = await previewFrame();
    const fields = await frame.locator('mark.creeplint-token').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-field')));
    expect(fields).toContain('recommended_products[].name');
    expect(await page.locator('#main-view .band').innerText()).toMatch(/^(helpful|familiar|intrusive|creepy)$/iu);
    // No second recipient until one is chosen; the subject's highlights keep their details for hover and focus.
    expect(await page.locator('#compare-pane').isVisible()).toBe(false);
    expect(await page.locator('#main-view .subject .creeplint-tip').first().isVisible()).toBe(false);
  });

  it('shows a risky line typed into the draft as a finding, and the score rises', async () => {
    await page.selectOption('#template-select', '');
    await settled();
    const before = await score();
    expect(await findingRules()).not.toContain('no-surveillance-phrasing');
    await page.locator('#draft').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('<p>We noticed you were at {{last_seen_store}} yesterday.</p>\n');
    await settled();
    expect(await score()).toBeGreaterThan(before);
    expect(await findingRules()).toContain('no-surveillance-phrasing');
    const finding = page.locator('#findings li', { hasText: 'last_seen_store' }).first();
    expect(await finding.innerText()).toMatch(/(Error|Warning)/u);
    expect(await finding.locator('.try').innerText()).toMatch(/^Try: /u);
    await page.screenshot({ path: `${OUTPUT}/studio-risky-line.png`, fullPage: true });
    // A click on the finding selects the line it is about.
    await page.locator('#findings li', { hasText: 'no-surveillance-phrasing' }).first().locator('button').click();
    const selected = await page.evaluate(() => {
      const draft = document.getElementById('draft') as HTMLTextAreaElement;
      return draft.value.slice(draft.selectionStart, draft.selectionEnd);
    });
    expect(selected).toBe('<p>We noticed you were at {{last_seen_store}} yesterday.</p>');
  });

  it('reads a draft as Liquid when the language picker says so, and shows Liquid syntax errors at their line and column', async () => {
    await page.selectOption('#template-select', '');
    await page.locator('#draft').fill('---\npurpose: marketing\n---\n<p>Hi {{ first_name | default: "there" }}</p>\n<p>{{ last_seen_store | upcase }}</p>\n');
    await settled();
    expect(await findingRules()).toContain('parse-error');
    await page.selectOption('#language-select', 'liquid');
    await settled();
    expect(await findingRules()).not.toContain('parse-error');
    expect(await findingRules()).toContain('no-undeclared-source');
    await page.locator('#draft').fill('---\npurpose: marketing\n---\n<p>Hi</p>\n{% if first_name %}\n<p>open</p>\n');
    await settled();
    const error = page.locator('#findings li', { hasText: 'not closed' }).first();
    expect(await error.innerText()).toContain('tag {% if first_name %} not closed');
    expect(await error.locator('.where').innerText()).toBe('line 5 · parse-error');
    await page.screenshot({ path: `${OUTPUT}/studio-liquid.png`, fullPage: true });
    await page.selectOption('#language-select', '');
  });

  it('shows a consent error when the recipient is switched to one who withdrew consent', async () => {
    await page.selectOption('#template-select', 'browse-abandon.hbs');
    await settled();
    expect(await findingRules()).not.toContain('require-consent');
    await page.selectOption('#profile-select', 'withdrawn-consent.json');
    await settled();
    expect(await findingRules()).toContain('require-consent');
    const consent = page.locator('#findings li.sev-error', { hasText: 'personalisation' }).first();
    // Severity is told in words and an icon, not only by colour.
    expect(await consent.locator('.label').innerText()).toBe('✖ Error');
  });

  it('shows the same draft side by side for a second recipient', async () => {
    await page.selectOption('#profile-select', 'full-consent.json');
    await page.selectOption('#compare-select', 'withdrawn-consent.json');
    await settled();
    expect(await page.locator('#compare-pane').isVisible()).toBe(true);
    await expect.poll(() => findingRules('#compare-findings')).toContain('require-consent');
    expect(await findingRules()).not.toContain('require-consent');
    expect(await score('#compare-view')).toBeGreaterThanOrEqual(await score());
    await page.screenshot({ path: `${OUTPUT}/studio-compare.png`, fullPage: true });
    await page.selectOption('#compare-select', '');
    await settled();
  });

  it("shows the draft's control twin beside it, turned on by keyboard: its source, what changed, and the twin for this recipient", async () => {
    await page.selectOption('#profile-select', 'full-consent.json');
    await page.selectOption('#template-select', 'browse-abandon.hbs');
    await settled();
    expect(await page.locator('#control-pane').isVisible()).toBe(false);
    await page.locator('#control-toggle').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#control-toggle').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('#control-status').innerText()).toBe('Ready for review: helpful with no error.');
    expect(await page.locator('#control-source').inputValue()).toBe(readFileSync('fixtures/control/cli/browse-abandon.control.hbs', 'utf8'));
    expect(await page.locator('#control-notes li').allInnerTexts()).toEqual([
      "Purpose line 2: purpose `personalisation` is left out: it needs the reader's consent, and the twin reads no personal data",
      'Replaced line 3: subject: "still thinking about" tells the reader they were watched: its sentence is replaced with the lexicon\'s suggestion "Back in stock"',
      'Replaced line 7: `first_name` (user.name.first) is replaced with "there": a name after a greeting',
      'Replaced line 8: "you were looking at" tells the reader they were watched: its sentence is replaced with the lexicon\'s suggestion "Back in stock"',
    ]);
    // Side by side: the twin's pane is beside the draft's, not below it.
    const draftBox = await page.locator('.pane.editor').boundingBox();
    const twinBox = await page.locator('#control-pane').boundingBox();
    expect(twinBox && draftBox && twinBox.x > draftBox.x + draftBox.width && Math.abs(twinBox.y - draftBox.y) < 2).toBe(true);
    // The twin as this recipient gets it: nothing of theirs but what every email carries.
    const handle = await page.locator('#control-preview').elementHandle();
    const twin = await handle.contentFrame();
    expect(await twin?.locator('body').innerText()).toMatch(/Hi there,\s+Back in stock\. It is still in stock\./u);
    expect(await twin?.locator('mark.creeplint-token').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('data-field')))).toEqual(['store_name']);
    expect(await page.locator('#control-view .subject').innerText()).toBe('Back in stock');
    // It follows the draft as it is typed.
    await page.locator('#draft').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('<p>Dear {{first_name}},</p>\n');
    await settled();
    await expect.poll(() => page.locator('#control-source').inputValue()).toContain('\n<p>Dear customer,</p>\n');
    await page.screenshot({ path: `${OUTPUT}/studio-control-twin.png`, fullPage: true });
  });

  it('names the lines of the twin that need a person, and a note takes the keyboard to that line of the twin', async () => {
    await page.selectOption('#template-select', 'creepy.hbs');
    await settled();
    await expect.poll(() => page.locator('#control-status').innerText()).toBe('Line 9 of the twin needs a person.');
    const note = page.locator('#control-notes li.note-needs-human button');
    expect(await note.innerText()).toBe('▲ Needs a person line 9: `income_band` (user.financial) cannot be made neutral: reword by hand');
    await note.focus();
    await page.keyboard.press('Enter');
    const selected = await page.evaluate(() => {
      const source = document.getElementById('control-source') as HTMLTextAreaElement;
      return { focused: document.activeElement === source, text: source.value.slice(source.selectionStart, source.selectionEnd) };
    });
    expect(selected).toEqual({
      focused: true,
      text: '  {{!-- creeplint-control: `income_band` (user.financial) cannot be made neutral: reword by hand --}}<p>People earning {{income_band}} love our premium range.</p>',
    });
    await page.selectOption('#template-select', 'browse-abandon.hbs');
    await settled();
  });

  it("makes a Liquid template's twin in Liquid, and a draft's in the language its picker says", async () => {
    await page.selectOption('#template-select', 'back-in-stock.liquid');
    await settled();
    await expect.poll(() => page.locator('#control-source').inputValue()).toBe(readFileSync('fixtures/control/cli/back-in-stock.control.liquid', 'utf8'));
    await expect.poll(() => page.locator('#control-status').innerText()).toBe('Ready for review: helpful with no error.');
    const handle = await page.locator('#control-preview').elementHandle();
    const twin = await handle.contentFrame();
    expect(await twin?.locator('body').innerText()).toMatch(/Hi there,\s+Our new arrivals are in\./u);
    await page.screenshot({ path: `${OUTPUT}/studio-control-twin-liquid.png`, fullPage: true });
    // A draft named .hbs, read as Liquid because the picker says so: its twin is Liquid's.
    await page.selectOption('#template-select', '');
    await page.selectOption('#language-select', 'liquid');
    await page.locator('#draft').fill('---\npurpose: marketing\n---\n<p>Hi {{ first_name | default: "there" }},</p>\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>\n');
    await settled();
    await expect
      .poll(() => page.locator('#control-source').inputValue())
      .toBe('---\npurpose: marketing\n---\n<p>Hi there,</p>\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>\n');
    await page.selectOption('#language-select', '');
    await page.selectOption('#template-select', 'browse-abandon.hbs');
    await settled();
  });

  it('jumps from a finding to its line in the draft and its value in the preview, by keyboard alone', async () => {
    await page.locator('#compare-select').focus();
    // Tab from the last picker through the draft and its buttons to the first finding.
    let inFindings = false;
    for (let presses = 0; presses < 15 && !inFindings; presses += 1) {
      await page.keyboard.press('Tab');
      inFindings = await page.evaluate(() => document.activeElement?.closest('#findings') !== null && document.activeElement?.closest('#findings') !== undefined);
    }
    expect(inFindings).toBe(true);
    // Move to the finding about the viewed product on line 8, then press Enter.
    const wanted = (text: string): boolean => text.includes('line 8 · no-undeclared-source');
    let text = '';
    for (let presses = 0; presses < 10 && !wanted(text); presses += 1) {
      text = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (!wanted(text)) await page.keyboard.press('Tab');
    }
    expect(text).toContain('`last_viewed_product`');
    await page.keyboard.press('Enter');
    const selection = await page.evaluate(() => {
      const draft = document.getElementById('draft') as HTMLTextAreaElement;
      return {
        focused: document.activeElement === draft,
        line: draft.value.slice(0, draft.selectionStart).split('\n').length,
        text: draft.value.slice(draft.selectionStart, draft.selectionEnd),
      };
    });
    expect(selection).toEqual({ focused: true, line: 8, text: '  <p>You were looking at the {{last_viewed_product}}. It is still in stock.</p>' });
    const frame = await previewFrame();
    expect(await frame.locator('mark.creeplint-current').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-field')))).toEqual(['last_viewed_product']);
    expect(await frame.locator('mark.creeplint-current').evaluate((element) => getComputedStyle(element).outlineWidth)).toBe('3px');
  });

  it('passes an automated accessibility check (axe-core: no serious or critical violations)', async () => {
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
      return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    });
    const serious = result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });

  it('never runs a hostile value from a profile: it shows it as text', async () => {
    const title = await page.title();
    await page.selectOption('#template-select', 'newsletter.mjml');
    await page.selectOption('#profile-select', 'zz-hostile.json');
    await settled();
    const frame = await previewFrame();
    await expect.poll(() => frame.locator('mark[data-field="first_name"]').count()).toBeGreaterThan(0);
    expect(await frame.locator('mark[data-field="first_name"]').first().innerText()).toContain('<img src=x onerror=');
    expect(await frame.locator('img[src="x"], script').count()).toBe(0);
    expect(await page.locator('#main-view .subject img, #findings img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.title()).toBe(title);
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: `${OUTPUT}/studio-hostile.png`, fullPage: true });
  });

  it('lays out a right-to-left email right to left, subject and preheader included, with its values isolated', async () => {
    await page.selectOption('#template-select', 'still-thinking-ar.hbs');
    await page.selectOption('#profile-select', 'saudi-customer.json');
    await settled();
    for (const line of ['.subject', '.preheader']) {
      const element = page.locator(`#main-view .inbox ${line}`);
      expect(await element.getAttribute('dir')).toBe('rtl');
      expect(await element.getAttribute('lang')).toBe('ar');
      expect(await element.evaluate((node) => getComputedStyle(node).direction)).toBe('rtl');
    }
    const frame = await previewFrame();
    expect(await frame.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    const isolated = async (scope: Frame | Page, selector: string) =>
      scope
        .locator(selector)
        .evaluateAll((elements) => elements.map((element) => `${element.parentElement?.tagName}:${getComputedStyle(element.parentElement as Element).unicodeBidi}`));
    const inPreview = await isolated(frame, 'mark.creeplint-token');
    const inInbox = await isolated(page, '#main-view .inbox mark.creeplint-token');
    expect(inPreview.length).toBeGreaterThan(2);
    expect(inInbox.length).toBe(3);
    for (const mark of [...inPreview, ...inInbox]) expect(mark).toBe('BDI:isolate');
    // The Arabic surveillance phrases are found, and the Arabic unsubscribe words count as the link.
    expect(await findingRules()).toContain('no-surveillance-phrasing');
    expect(await findingRules()).not.toContain('require-unsubscribe-link');
    await page.screenshot({ path: `${OUTPUT}/studio-rtl.png`, fullPage: true });
  });

  it('saves the draft to its file only when asked, by keyboard', async () => {
    await page.selectOption('#profile-select', 'full-consent.json');
    await page.selectOption('#template-select', 'order-confirmation.hbs');
    await settled();
    const file = join(templatesDir, 'order-confirmation.hbs');
    const original = readFileSync(file, 'utf8');
    await page.locator('#draft').focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('<p>Thanks again.</p>\n');
    await settled();
    expect(readFileSync(file, 'utf8')).toBe(original);
    // By keyboard: Tab leaves the draft for the Save button, Enter presses it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('save');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#save-status').innerText()).toBe('Saved order-confirmation.hbs.');
    expect(readFileSync(file, 'utf8')).toBe(`${original}<p>Thanks again.</p>\n`);
  });

  it('makes no request beyond this server', () => {
    expect(offMachine).toEqual([]);
  });

  it('sends the token from the fragment with every API call, never in a URL, and drops it from the address bar', async () => {
    expect(apiWithoutToken).toEqual([]);
    expect(tokenInUrls).toEqual([]);
    expect(page.url()).toBe(server.url);
    // A reload in the same tab still works: the token is kept for the tab, not the address.
    await page.reload();
    await settled();
    expect(page.url()).toBe(server.url);
    expect(apiWithoutToken).toEqual([]);
  });

  it('says how to open the studio when it has no token', async () => {
    const stranger = await browser.newPage();
    try {
      await stranger.goto(server.url);
      await stranger.waitForFunction(() => (document.getElementById('status')?.textContent ?? '').startsWith('The studio could not start'), undefined, { timeout: 10_000 });
      expect(await stranger.locator('#status').innerText()).toBe(
        'The studio could not start: open the studio at the address `creeplint serve` printed: it carries the token after #token=',
      );
    } finally {
      await stranger.close();
    }
  });
});
