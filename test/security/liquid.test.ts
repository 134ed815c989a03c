import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { prepareTemplate } from '../../src/engine/prepare.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import type { PartialSource } from '../../src/template/partial-source.js';
import { RenderBudget } from '../../src/template/render-budget.js';
import { cliIn } from '../cli-runner.js';
import { DATA_MAP, FIXED_NOW, profile } from '../support.js';
import { loadTemplateLanguage } from '../../src/template/languages.js';

// prepareTemplate is synchronous: Liquid is imported first, as the library's entry and lint() do.
await loadTemplateLanguage('liquid');

/**
 * Issue 11's guarantees hold for Liquid: a render stops at the time and size limits,
 * Liquid reads only a value's own properties, no file is read but through the partials
 * gate, and no value can change what the trace says.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const items = Array.from({ length: 3000 }, (_, index) => ({ name: `Item ${index}` }));

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-liquid-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'datamap.yaml'), readFileSync(join(ROOT, 'fixtures/datamap.yaml')));
  writeFileSync(join(dir, 'big.json'), JSON.stringify({ id: 'big', data: { order: { items } }, consent: {} }));
  return dir;
}

async function renderError(files: Record<string, string>, ...options: string[]): Promise<string[]> {
  const dir = project(files);
  const result = await cliIn(dir, 'check', Object.keys(files)[0] ?? '', '--datamap', 'datamap.yaml', '--profile', 'big.json', '--format', 'json', ...options);
  expect(result.code).toBe(1);
  const findings = (JSON.parse(result.stdout) as { results: { findings: { ruleId: string; message: string }[] }[] }).results[0]?.findings ?? [];
  return findings.filter((finding) => finding.ruleId === 'render-error').map((finding) => finding.message);
}

describe('Liquid render limits', () => {
  const nested = '---\npurpose: transactional\n---\n{% for a in order.items %}{% for b in order.items %}<p>{{ b.name }}</p>{% endfor %}{% endfor %}';

  it('stops a loop inside a loop at --timeout, naming the time limit', async () => {
    expect(await renderError({ 'nested.liquid': nested }, '--timeout', '200')).toEqual(['the template failed to render: the render was stopped after 200 ms (the time limit)']);
  });

  it('stops it at --max-render, naming the memory limit', async () => {
    expect(await renderError({ 'nested.liquid': nested }, '--max-render', '1mb')).toEqual([
      'the template failed to render: the render was stopped: it printed more than 1 MB (the memory limit)',
    ]);
  });

  it('stops loops that print nothing, and a range too large to make', async () => {
    expect(
      await renderError(
        { 'quiet.liquid': '{% for a in order.items %}{% for b in order.items %}{% for c in order.items %}{% endfor %}{% endfor %}{% endfor %}' },
        '--timeout',
        '200',
      ),
    ).toEqual(['the template failed to render: the render was stopped after 200 ms (the time limit)']);
    expect(await renderError({ 'range.liquid': '{% for i in (1..1000000000) %}x{% endfor %}' })).toEqual([
      'the template failed to render: the render was stopped: Liquid made more than 10,000,000 items (the memory limit)',
    ]);
  });

  it('lint() stops at its limits, and holds the recipient', async () => {
    const dir = project({ 'nested.liquid': nested });
    const outcome = await lint({
      templates: ['nested.liquid'],
      dataMap: DATA_MAP,
      profiles: [profile({ data: { order: { items } } })],
      cwd: dir,
      now: FIXED_NOW,
      limits: { timeMs: 100, maxOutputBytes: 1 << 30 },
    });
    expect(outcome.results[0]?.findings.find((finding) => finding.ruleId === 'render-error')?.message).toBe(
      'the template failed to render: the render was stopped after 100 ms (the time limit)',
    );
    expect(outcome.results[0]?.verdict).toBe('hold');
  }, 30_000);
});

describe('Liquid reads only what the data holds', () => {
  it('never reads prototype properties: constructor, __proto__, methods', () => {
    const template = prepareTemplate({
      file: 'proto.liquid',
      text: '[{{ constructor }}][{{ __proto__ }}][{{ first_name.constructor }}][{{ order.items.__proto__ }}][{{ first_name.toString }}][{{ order.hasOwnProperty }}][{% for k in __proto__ %}{{ k }}{% endfor %}]',
      dataMap: DATA_MAP,
      partials: { byName: () => undefined, byInclude: () => undefined },
    });
    const outcome = template.renderer.render({ first_name: 'Ana', order: { items: [] } }, {}, { hollow: false, budget: RenderBudget.unlimited() });
    expect(outcome.ok && outcome.render.sections.body?.replace(/[\uF8E0-\uF8F3]/gu, '')).toBe('[][][][][][][]');
  });

  it('reads no file but through the partials gate: paths out of the folder are partials that were not found', () => {
    const asked: string[] = [];
    const dir = project({ 'email.liquid': "{% render '/etc/passwd' %}{% include '../../package.json' %}{% layout 'x' %}{% render 'footer' %}" });
    writeFileSync(join(dir, 'footer.liquid'), 'ok');
    const gate = fileSystemPartials({ templateFile: 'email.liquid', partialDirs: [], cwd: dir });
    const spy: PartialSource = {
      byName: (name) => (asked.push(name), gate.byName(name)),
      byInclude: (from, path) => (asked.push(path), gate.byInclude(from, path)),
    };
    const template = prepareTemplate({ file: 'email.liquid', text: readFileSync(join(dir, 'email.liquid'), 'utf8'), dataMap: DATA_MAP, partials: spy });
    expect(template.analysis.problems.map((problem) => problem.message)).toEqual([
      'partial `/etc/passwd` was not found',
      'partial `../../package.json` was not found',
      'the `layout` tag is not followed: the layout file is not checked',
      'partial `footer` was not found',
    ]);
    expect(asked).toEqual(['/etc/passwd.liquid', '/etc/passwd', '../../package.json.liquid', '../../package.json', 'footer.liquid', 'footer']);
    const outcome = template.renderer.render({}, {}, { hollow: false, budget: RenderBudget.unlimited() });
    expect(outcome.ok && outcome.render.sections.body).toBe('');
  });
});

describe('no value changes the trace', () => {
  const text =
    '---\nsubject: "Hi {{ first_name }}"\n---\n<p>{{ first_name }} {{ first_name | upcase }}</p>{% capture c %}{{ first_name }}{% endcapture %}<b>{{ c }}</b>{% if first_name %}<i>{{ last_name }}</i>{% endif %}';
  const template = prepareTemplate({ file: 'email.liquid', text, dataMap: DATA_MAP, partials: { byName: () => undefined, byInclude: () => undefined } });
  const trace = (first: string) => {
    const outcome = template.renderer.render({ first_name: first, last_name: 'X' }, {}, { hollow: true, budget: RenderBudget.unlimited() });
    if (!outcome.ok) throw new Error(outcome.message);
    return { ids: outcome.render.slots.map((slot) => slot.ids.join(',')), flags: [...outcome.render.flags], values: outcome.render.slots.map((slot) => slot.value) };
  };

  it('markers, Liquid and HTML in a value are printed as text, never read as markup or as Liquid', () => {
    const reference = trace('Ana');
    for (const hostile of ['a\uF8F0\uF8E1\uF8F1\uF8F2b', '{{ last_name }}{% raw %}', '<script>alert(1)</script>', '}}{% endif %}', 'a\uF8F3b']) {
      const got = trace(hostile);
      expect(got.ids, hostile).toEqual(reference.ids);
      expect(got.flags, hostile).toEqual(reference.flags);
      expect(got.values.join(''), hostile).not.toMatch(/[\uF8E0-\uF8F3]/u);
    }
    expect(trace('{{ last_name }}').values[0]).toBe('{{ last_name }}');
  });
});
