import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/engine/check-template.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { loadProfile } from '../../src/load/profile.js';
import type { LintResult } from '../../src/model/finding.js';
import { controlTwin, type ControlTwin } from '../../src/outcomes/control/control-twin.js';
import { DATA_MAP, FIXED_NOW } from '../support.js';

const ROOT = join(import.meta.dirname, '../..');
const PROFILES = await Promise.all(
  readdirSync(join(ROOT, 'fixtures/profiles'))
    .sort()
    .map((name) => loadProfile(join('fixtures/profiles', name), ROOT)),
);

async function twinOf(file: string): Promise<ControlTwin> {
  const made = await controlTwin({
    file,
    location: join(ROOT, file),
    text: readFileSync(join(ROOT, file), 'utf8'),
    dataMap: DATA_MAP,
    partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: ROOT }),
    profiles: PROFILES,
    now: FIXED_NOW,
  });
  if (!made.ok) throw new Error(`${file}: ${made.message}`);
  return made.twin;
}

/** Judge a text as the template `file` (its partials resolve from there), for every bundled profile. */
async function judge(file: string, text: string): Promise<{ results: LintResult[]; rendered: unknown[] }> {
  return checkTemplate({
    file,
    location: join(ROOT, file),
    text,
    dataMap: DATA_MAP,
    profiles: PROFILES,
    partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: ROOT }),
    now: FIXED_NOW,
  });
}

/** What keeps an email from being helpful with no error, per profile; empty when it is. */
function shortfalls(results: readonly LintResult[]): string[] {
  return results.flatMap((result) => [
    ...(result.band === 'helpful' ? [] : [`${result.profile ?? ''}: ${result.band}`]),
    ...result.findings.filter((finding) => finding.severity === 'error' && !finding.suppressed).map((finding) => `${result.profile ?? ''}: ${finding.ruleId} at ${finding.line}`),
  ]);
}

/** Each small template beside its expected twin, and the twin's lines that need a person. */
const CASES: { name: string; file: string; needsHuman: number[] }[] = [
  { name: 'a name chosen by `{{#if}}` becomes its `{{else}}`', file: 'name-branches/email.hbs', needsHuman: [] },
  { name: '`{{fallback}}` becomes its fallback (escaped as Handlebars would), or the system value it names', file: 'fallback/email.hbs', needsHuman: [] },
  { name: 'bare values: a name after a greeting, a product name where it is the whole element or after "the"; others marked', file: 'bare-values/email.hbs', needsHuman: [8, 9] },
  { name: 'a block on special-category data keeps its `{{else}}`, or goes with its lines', file: 'special-block/email.hbs', needsHuman: [] },
  {
    name: '`{{#unless}}` keeps its first branch; `{{#each}}`, `{{#ifConsent}}` and a block helper on personal data their `{{else}}`',
    file: 'unless-each-consent/email.hbs',
    needsHuman: [],
  },
  { name: '`{{else if}}` chains lose the branches on personal data and keep the others', file: 'else-if-chain/email.hbs', needsHuman: [] },
  { name: 'Mustache sections and inverted sections', file: 'sections/email.hbs', needsHuman: [] },
  { name: "sentences with surveillance phrasing become the lexicon's suggestion", file: 'surveillance/email.hbs', needsHuman: [] },
  { name: 'system fields stay as they are', file: 'system-fields/email.hbs', needsHuman: [] },
  { name: 'a partial that reads personal data is written in and made neutral; one with arguments is marked', file: 'partials/email.hbs', needsHuman: [10] },
  {
    name: 'front matter: the subject and preheader made neutral (or marked with a YAML comment), consent purposes after the first left out',
    file: 'front-matter/email.hbs',
    needsHuman: [5],
  },
  { name: 'a value in a query parameter of an address is left empty; elsewhere in an address it is marked', file: 'tracking-url/email.hbs', needsHuman: [5] },
  { name: 'MJML: title, preview, text, blocks and a button address', file: 'mjml/email.mjml', needsHuman: [] },
  { name: 'MJML: an included file that reads personal data is marked for a person, never edited', file: 'mjml-include/email.mjml', needsHuman: [8] },
  { name: 'a tag taken away takes the whitespace its `~` stripped', file: 'whitespace-control/email.hbs', needsHuman: [] },
  { name: 'a text template: all of it is words', file: 'text/email.txt', needsHuman: [] },
  // The same cases in Liquid, made with the same decisions.
  { name: 'Liquid: `{% if %}` on personal data keeps its `{% else %}`, or goes with its lines', file: 'liquid-if-else/email.liquid', needsHuman: [] },
  { name: 'Liquid: `{% elsif %}` chains lose the branches on personal data and keep the others', file: 'liquid-elsif-chain/email.liquid', needsHuman: [] },
  { name: 'Liquid: `{% unless %}` on personal data keeps its first branch; an `{% elsif %}` on it goes', file: 'liquid-unless/email.liquid', needsHuman: [] },
  { name: 'Liquid: `{% case %}` on personal data keeps its `{% else %}`; a `{% when %}` on it goes', file: 'liquid-case/email.liquid', needsHuman: [] },
  { name: 'Liquid: `{% for %}` and `{% tablerow %}` over personal data keep their `{% else %}`; a loop over a range stays', file: 'liquid-for-else/email.liquid', needsHuman: [] },
  { name: 'Liquid: `| default:` is the fallback, through the filters after it, or the system value it names', file: 'liquid-default/email.liquid', needsHuman: [] },
  {
    name: 'Liquid: `{% assign %}` takes its `| default:`; a capture is made neutral inside, an assigned value where it is printed',
    file: 'liquid-assign-capture/email.liquid',
    needsHuman: [],
  },
  { name: 'Liquid: a consent guard (`{% if consent.personalisation %}`) keeps what a reader who did not consent gets', file: 'liquid-consent/email.liquid', needsHuman: [] },
  {
    name: 'Liquid: a plain `{% include %}` that reads personal data is written in; a `{% render %}` given personal data is marked',
    file: 'liquid-partials/email.liquid',
    needsHuman: [10],
  },
  { name: 'Liquid: a tag taken away takes the whitespace its `-` stripped', file: 'liquid-whitespace-control/email.liquid', needsHuman: [] },
  { name: 'Liquid in MJML: title, preview, text, blocks and a button address', file: 'liquid-mjml/email.mjml.liquid', needsHuman: [] },
  { name: 'Liquid in a text template', file: 'liquid-text/email.txt.liquid', needsHuman: [] },
  { name: "Liquid: sentences with surveillance phrasing become the lexicon's suggestion, a filtered value with them", file: 'liquid-surveillance/email.liquid', needsHuman: [] },
  { name: 'Liquid chosen by the front matter (`language: liquid`) in an .html file: subject, preheader and purposes too', file: 'liquid-front-matter/email.html', needsHuman: [6] },
  { name: 'Braze: `{{${first_name}}}` with its default; fetched data and what a request sends are for a person', file: 'liquid-braze/email.liquid', needsHuman: [5, 6, 7] },
];

describe('creeplint control: the twin of each kind of template', () => {
  for (const { name, file, needsHuman } of CASES) {
    it(name, async () => {
      const path = `fixtures/control/${file}`;
      const twin = await twinOf(path);
      const expected = readFileSync(join(ROOT, path.replace(/email\.([\w.]+)$/u, 'expected.control.$1')), 'utf8');
      expect(twin.source).toBe(expected);
      expect(twin.needsHuman).toEqual(needsHuman);
      // It parses and renders for every profile.
      expect(twin.check.rendered.every((email) => email !== undefined)).toBe(true);
      expect(twin.check.results.flatMap((result) => result.findings.filter((finding) => finding.ruleId === 'parse-error' || finding.ruleId === 'render-error'))).toEqual([]);
      if (needsHuman.length === 0) expect(shortfalls(twin.check.results)).toEqual([]);
    });
  }

  it('says what it changed, line by line of the twin, naming fields and never values', async () => {
    const twin = await twinOf('fixtures/control/special-block/email.hbs');
    expect(twin.notes).toEqual([
      { line: 2, kind: 'purpose', message: "purpose `personalisation` is left out: it needs the reader's consent, and the twin reads no personal data" },
      {
        line: 6,
        kind: 'removed',
        message: '`{{#if predicted_pregnancy}}` reads `predicted_pregnancy` (user.health_and_medical): its block is left out, its `{{else}}` branch kept',
      },
      {
        line: 7,
        kind: 'removed',
        message: '`{{#if predicted_pregnancy}}` reads `predicted_pregnancy` (user.health_and_medical): its block is left out (it has no `{{else}}` branch)',
      },
    ]);
  });

  it("says what it changed in a Liquid template in Liquid's words, naming fields and never values", async () => {
    const twin = await twinOf('fixtures/control/liquid-consent/email.liquid');
    expect(twin.notes).toEqual([
      { line: 4, kind: 'removed', message: '`{% if consent.personalisation %}` holds what only readers who consented get: its block is left out, its `{% else %}` branch kept' },
      {
        line: 5,
        kind: 'removed',
        message: '`{% if consent.personalisation and last_viewed_product %}` holds what only readers who consented get: its block is left out (it has no `{% else %}` branch)',
      },
      {
        line: 5,
        kind: 'removed',
        message: '`{% unless consent.marketing %}` holds what only readers who did not consent get: its first branch is kept, as for a reader it says nothing about',
      },
    ]);
  });

  it('makes the twin of a twin the twin itself, comments for a person included', async () => {
    for (const { file } of CASES) {
      const path = `fixtures/control/${file}`;
      const once = await twinOf(path);
      const made = await controlTwin({
        file: path,
        text: once.source,
        dataMap: DATA_MAP,
        partials: fileSystemPartials({ templateFile: path, partialDirs: [], cwd: ROOT }),
        profiles: PROFILES,
        now: FIXED_NOW,
      });
      expect(made.ok && made.twin.source, file).toBe(once.source);
    }
  });

  it('reports a template that does not parse at its line and column in the file, front matter counted', async () => {
    const made = await controlTwin({
      file: 'broken.hbs',
      text: '---\npurpose: marketing\n---\n<p>Hi\n{{#if first_name}}\n',
      dataMap: DATA_MAP,
      partials: fileSystemPartials({ templateFile: 'broken.hbs', partialDirs: [], cwd: ROOT }),
      profiles: PROFILES,
      now: FIXED_NOW,
    });
    expect(made).toEqual({ ok: false, message: 'unexpected end of file; expected {{else}}, a closing {{/block}}', position: { line: 6, column: 1 } });
  });

  it("reports a Liquid template that does not parse in Liquid's words, as the checker does, at its line and column in the file", async () => {
    const text = '---\npurpose: marketing\n---\n<p>Hi\n  {% if first_name %}\n';
    const made = await controlTwin({
      file: 'broken.liquid',
      text,
      dataMap: DATA_MAP,
      partials: fileSystemPartials({ templateFile: 'broken.liquid', partialDirs: [], cwd: ROOT }),
      profiles: PROFILES,
      now: FIXED_NOW,
    });
    const checked = await judge('broken.liquid', text);
    const parseError = checked.results[0]?.findings.find((finding) => finding.ruleId === 'parse-error');
    expect(made).toEqual({ ok: false, message: 'tag {% if first_name %} not closed', position: { line: 5, column: 3 } });
    expect(parseError && { message: parseError.message, line: parseError.line, column: parseError.column }).toMatchObject({ line: 5, column: 3 });
    expect(parseError?.message).toContain('tag {% if first_name %} not closed');
  });

  it("reads a template as the checker does: the front matter's `language` over the extension, and the caller's over both", async () => {
    const text = '---\npurpose: marketing\n---\n<p>Hi {{ first_name | default: "there" }},</p>\n';
    const asLiquid = await controlTwin({
      file: 'email.hbs',
      text,
      language: 'liquid',
      dataMap: DATA_MAP,
      partials: fileSystemPartials({ templateFile: 'email.hbs', partialDirs: [], cwd: ROOT }),
      profiles: PROFILES,
      now: FIXED_NOW,
    });
    expect(asLiquid.ok && asLiquid.twin.source).toBe('---\npurpose: marketing\n---\n<p>Hi there,</p>\n');
    // Read as Handlebars, `|` is no Handlebars: it does not parse, and has no twin.
    const asHandlebars = await controlTwin({
      file: 'email.hbs',
      text,
      dataMap: DATA_MAP,
      partials: fileSystemPartials({ templateFile: 'email.hbs', partialDirs: [], cwd: ROOT }),
      profiles: PROFILES,
      now: FIXED_NOW,
    });
    expect(asHandlebars.ok).toBe(false);
  });
});

/** The bundled templates' twins, and the lines of each that need a person. */
const BUNDLED: { file: string; needsHuman: number[]; comments: string[] }[] = [
  { file: 'templates/back-in-stock.liquid', needsHuman: [], comments: [] },
  { file: 'templates/birthday-offer.mjml', needsHuman: [13], comments: ['`date_of_birth` (user.demographic.date_of_birth) cannot be made neutral: reword by hand'] },
  { file: 'templates/browse-abandon.hbs', needsHuman: [], comments: [] },
  { file: 'templates/creepy.hbs', needsHuman: [9], comments: ['`income_band` (user.financial) cannot be made neutral: reword by hand'] },
  { file: 'templates/newsletter.mjml', needsHuman: [], comments: [] },
  {
    file: 'templates/order-confirmation.hbs',
    needsHuman: [12, 13],
    comments: [
      '`order.total` (user.behavior.purchase_history) cannot be made neutral: reword by hand',
      '`shipping_address.street` (user.contact.address.street), `shipping_address.city` (user.contact.address.city) cannot be made neutral: reword by hand',
    ],
  },
  { file: 'templates/recommendation.hbs', needsHuman: [], comments: [] },
  // Neutral wording is English: an Arabic greeting and body line need a person.
  {
    file: 'templates/still-thinking-ar.hbs',
    needsHuman: [8, 9],
    comments: [
      '`first_name` (user.name.first) cannot be made neutral: reword by hand',
      '`last_viewed_product` (user.behavior.browsing_history) cannot be made neutral: reword by hand',
    ],
  },
];

describe('creeplint control: the bundled templates', () => {
  it('covers every bundled template', () => {
    const bundled = readdirSync(join(ROOT, 'templates'))
      .filter((name) => /\.(hbs|mjml|liquid)$/u.test(name))
      .map((name) => `templates/${name}`)
      .sort();
    expect(BUNDLED.map((entry) => entry.file)).toEqual(bundled);
  });

  for (const { file, needsHuman, comments } of BUNDLED) {
    it(`${file}: the twin parses and renders for every profile, and ${needsHuman.length === 0 ? 'is helpful with no error' : `needs a person at line ${needsHuman.join(', ')}`}`, async () => {
      const twin = await twinOf(file);
      expect(twin.needsHuman).toEqual(needsHuman);
      const lines = twin.source.split('\n');
      expect(needsHuman.map((line) => /(?:\{\{!--|\{% comment %\}) creeplint-control: (.*?) (?:--\}\}|\{% endcomment %\})/u.exec(lines[line - 1] ?? '')?.[1])).toEqual(comments);
      // Judged again from its text alone, by the same engine: it renders for every profile.
      const judged = await judge(file, twin.source);
      expect(judged.rendered.every((email) => email !== undefined)).toBe(true);
      if (needsHuman.length === 0) {
        expect(shortfalls(judged.results)).toEqual([]);
        return;
      }
      // What keeps it from helpful is on those lines, and nowhere else: without them it is.
      const reworded = lines.filter((_, index) => !needsHuman.includes(index + 1)).join('\n');
      expect(shortfalls((await judge(file, reworded)).results)).toEqual([]);
    });
  }
});
