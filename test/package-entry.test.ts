import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
// Only the package entry: what an integrator can import.
import {
  checkTemplate,
  createChecker,
  DEFAULT_REPORTER_OPTIONS,
  DEFAULT_SETTINGS,
  fileSystemPartials,
  lint,
  loadConfig,
  loadDataMap,
  parseProfile,
  registerCreeplintHelpers,
  renderOptionsFor,
  reporterFor,
  type EngineSettings,
  type Finding,
  type LintReport,
  type LintResult,
  type TemplateReport,
} from '../src/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const NOW = new Date('2026-11-28T12:00:00Z');
const WITHDRAWN = readFileSync(join(ROOT, 'fixtures/profiles/withdrawn-consent.json'), 'utf8');

/** A project as the README's library section assumes one: emails/ with partials, a data map, a profile and a configuration. */
function readmeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-entry-'));
  mkdirSync(join(dir, 'emails/partials'), { recursive: true });
  mkdirSync(join(dir, 'profiles'));
  cpSync(join(ROOT, 'templates/browse-abandon.hbs'), join(dir, 'emails/promo.hbs'));
  cpSync(join(ROOT, 'templates/partials/footer.hbs'), join(dir, 'emails/partials/footer.hbs'));
  cpSync(join(ROOT, 'fixtures/datamap.yaml'), join(dir, 'datamap.yaml'));
  writeFileSync(join(dir, 'profiles/cust-42.json'), WITHDRAWN);
  // The README's own example of the runtime helpers.
  const welcome = /```handlebars\n(\{\{!-- emails\/welcome\.hbs --\}\}[\s\S]*?)```/u.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1];
  writeFileSync(join(dir, 'emails/welcome.hbs'), welcome ?? '');
  writeFileSync(
    join(dir, 'creeplint.config.yaml'),
    'datamap: datamap.yaml\ntemplates: [emails]\npartials: [emails/partials]\nrules:\n  no-sensitive-data: [warning, { threshold: 0.6 }]\n',
  );
  return dir;
}

describe('the package entry gives an integrator everything the README uses', () => {
  it('loads the configuration, lints files and profile objects with partials from disk, and reports', async () => {
    const dir = readmeProject();
    const config = await loadConfig('creeplint.config.yaml', dir);
    const settings: EngineSettings = { ...DEFAULT_SETTINGS, ...config.settings };
    expect(settings.rules.get('no-sensitive-data')).toEqual({ level: 'warning', options: { threshold: 0.6 } });
    const outcome = await lint({
      templates: ['emails/**/*.hbs'],
      dataMap: config.datamap,
      profiles: ['profiles/cust-42.json', JSON.parse(WITHDRAWN.replace('cust-1002', 'cust-43')) as object],
      partials: config.partials,
      settings,
      cwd: dir,
      now: NOW,
    });
    expect(outcome.problems).toEqual([]);
    const results: LintResult[] = outcome.results;
    const templates: TemplateReport[] = outcome.templates;
    expect(results.map((result) => [result.template, result.profile, result.verdict])).toEqual([
      ['emails/promo.hbs', 'cust-1002', 'hold'],
      ['emails/promo.hbs', 'cust-43', 'hold'],
      ['emails/welcome.hbs', 'cust-1002', 'send'],
      ['emails/welcome.hbs', 'cust-43', 'send'],
    ]);
    expect(results[1]?.findings).toEqual(results[0]?.findings);
    // The partial was found: no missing-partial finding anywhere.
    const findings: Finding[] = [...templates.flatMap((template) => template.findings), ...results.flatMap((result) => result.findings)];
    expect(findings.map((finding) => finding.ruleId)).not.toContain('no-missing-partial');
    const report = JSON.parse(reporterFor('json')(outcome, { ...DEFAULT_REPORTER_OPTIONS, cwd: dir })) as LintReport;
    expect(report.results).toHaveLength(4);
  });

  it('checks recipients before sending with the same answer as lint(), and renders with their consent', async () => {
    const dir = readmeProject();
    const file = join(dir, 'emails/promo.hbs');
    const config = await loadConfig('creeplint.config.yaml', dir);
    const dataMap = await loadDataMap('datamap.yaml', dir);
    const partials = fileSystemPartials({ templateFile: file, partialDirs: config.partials, cwd: dir, partialNames: config.settings.partialNames });
    const checker = createChecker({ template: readFileSync(file, 'utf8'), file, dataMap, partials, config: config.settings, now: () => NOW });
    const loaded = parseProfile(WITHDRAWN, 'cust-42.json');
    const checked = await checker.check(JSON.parse(WITHDRAWN));
    const linted = await checkTemplate({ file, text: readFileSync(file, 'utf8'), dataMap, profiles: [loaded], partials, now: NOW, settings: config.settings });
    expect([checked.verdict, checked.score, checked.holdReasons]).toEqual([linted.results[0]?.verdict, linted.results[0]?.score, linted.results[0]?.holdReasons]);
    expect(checked.holdReasons).toContain('no-unconsented-field');

    const handlebars = Handlebars.create();
    registerCreeplintHelpers(handlebars);
    const guarded = handlebars.compile('{{#ifConsent "personalisation"}}{{last_viewed_product}}{{else}}New this week{{/ifConsent}}');
    const profile = JSON.parse(WITHDRAWN) as { data: object };
    expect(guarded(profile.data, renderOptionsFor(profile))).toBe('New this week');
  });
});

/** The ```ts blocks of a README section, as written. */
function snippets(readme: string, heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  const rest = readme.slice(start + heading.length + 2);
  const section = rest.slice(0, rest.search(/\n#{2,3} /u));
  return [...section.matchAll(/```ts\n([\s\S]*?)```/gu)].map((match) => match[1] ?? '');
}

describe("the README's library code runs as written against the built package", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  /** Run a snippet as a module of a project that installed creeplint (a link to this package, with its dist/). */
  const runSnippet = (code: string, before = '', after = ''): string => {
    const dir = readmeProject();
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/creeplint'), 'dir');
    symlinkSync(join(ROOT, 'node_modules/handlebars'), join(dir, 'node_modules/handlebars'), 'dir');
    writeFileSync(join(dir, 'snippet.mjs'), `${before}\n${code}\n${after}\n`);
    return execFileSync(process.execPath, ['snippet.mjs'], { cwd: dir, encoding: 'utf8' });
  };

  it('## Library: lint() with files and objects, the configuration and the JSON reporter', () => {
    const [code] = snippets(readme, '## Library');
    expect(code).toContain("from 'creeplint'");
    const [first = '', ...json] = runSnippet(code ?? '').split('\n');
    expect(first).toMatch(/^\d+ (helpful|familiar|intrusive|creepy)$/u);
    const report = JSON.parse(json.join('\n')) as LintReport;
    expect(report.results.map((result) => `${result.template} ${result.profile}`)).toEqual([
      'emails/promo.hbs cust-1002',
      'emails/promo.hbs cust-43',
      'emails/welcome.hbs cust-1002',
      'emails/welcome.hbs cust-43',
    ]);
  });

  it('## Pre-send checks: createChecker with partials from disk and the configuration', () => {
    const [code] = snippets(readme, '## Pre-send checks');
    const audience = `const audience = [${WITHDRAWN.trim()}];\nconst held = [];\nconst hold = (id, reasons) => held.push([id, reasons]);`;
    const held = JSON.parse(runSnippet(code ?? '', audience, 'console.log(JSON.stringify(held));')) as [string, string[]][];
    expect(held.map(([id]) => id)).toEqual(['cust-1002']);
    expect(held[0]?.[1]).toContain('no-unconsented-field');
    expect(held[0]?.[1]).not.toContain('no-missing-partial');
  });

  it('### Safe by construction: renderOptionsFor(JSON.parse(text))', () => {
    const [code] = snippets(readme, '### Safe by construction: `ifConsent` and `fallback`');
    // Consent to personalisation was withdrawn: the guarded block gives way to its else.
    const html = runSnippet(code ?? '', '', 'console.log(html);');
    expect(html).toContain('<p>Hi Tomasz,</p>');
    expect(html).toContain('<p>New this week</p>');
    expect(html).not.toContain('Back in stock');
  });
});
