import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn } from './cli-runner.js';
import { parseDataMap } from '../src/load/datamap.js';
import { check, profile } from './support.js';

const ROOT = resolve(import.meta.dirname, '..');

/** A scratch project: the bundled data map and profile, and the given files. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-config-'));
  cpSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const cli = cliIn;

const PROFILE = ['--profile', 'fixtures/profiles/full-consent.json'];

/** `creeplint check e.hbs` in a project: its exit code and what it said, a line a problem. */
async function checkProblems(dir: string, ...args: string[]): Promise<{ code: number; lines: string[] }> {
  const result = await cli(dir, 'check', 'e.hbs', ...args);
  return { code: result.code, lines: result.stderr.trim().split('\n') };
}
const ASKS = `---\npurpose: [marketing, personalisation]\n---\n<p>{{formatDate date_of_birth}} at {{last_seen_store}}</p>\n{{#ifVip income_band}}VIP{{/ifVip}}{{t "footer.legal"}}\n{{> mr-footer}}\n`;

describe('the configuration file', () => {
  it('is found from the working directory upward and supplies templates, data map, partials and helpers', async () => {
    const dir = project({
      'creeplint.config.yaml': [
        '# the example project',
        'datamap: fixtures/datamap.yaml',
        'templates: [emails]',
        'partials: [shared]',
        'helpers:',
        '  formatDate: format',
        '  ifVip: condition',
        '  t: no-data',
        'partial-names:',
        '  mr-footer: monthlyreport.footer',
      ].join('\n'),
      'emails/ask.hbs': ASKS,
      'shared/monthlyreport.footer.hbs': '<a href="{{unsubscribe_url}}">Unsubscribe</a>',
    });
    mkdirSync(join(dir, 'emails/deep'), { recursive: true });
    const result = await cli(join(dir, 'emails/deep'), 'check', '--format', 'json', '--profile', join(dir, 'fixtures/profiles/full-consent.json'));
    const report = JSON.parse(result.stdout) as { results: { template: string; fields: { field: string; uses: string[] }[]; findings: { ruleId: string }[] }[] };
    // Outside the working directory, paths are shown in full.
    expect(report.results.map((r) => r.template)).toEqual([join(dir, 'emails/ask.hbs')]);
    const ruleIds = report.results[0]?.findings.map((f) => f.ruleId) ?? [];
    expect(ruleIds).not.toContain('no-unknown-helper');
    expect(ruleIds).not.toContain('no-missing-partial');
    expect(report.results[0]?.fields.map((f) => `${f.field} ${f.uses.join(',')}`)).toEqual([
      'date_of_birth print',
      'income_band condition',
      'last_seen_store print',
      'unsubscribe_url print',
    ]);
  });

  it('sets rule levels, turns rules off and passes options', async () => {
    const dir = project({
      'creeplint.config.yaml':
        'datamap: fixtures/datamap.yaml\nrules:\n  require-purpose: off\n  no-undeclared-source: error\n  no-sensitive-data: [warning, { threshold: 0.95 }]\n',
      'e.hbs': '<p>{{last_seen_store}}</p>',
    });
    const result = await cli(dir, 'check', 'e.hbs', ...PROFILE, '--format', 'json');
    const findings = (JSON.parse(result.stdout) as { results: { findings: { ruleId: string; severity: string }[] }[] }).results[0]?.findings ?? [];
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['require-explanation warning', 'no-undeclared-source error']);
  });

  it('--config names the file; command-line options win over it', async () => {
    const dir = project({
      'conf/creeplint.config.json': JSON.stringify({ datamap: '../fixtures/datamap.yaml', 'max-score': 10 }),
      'e.hbs':
        '---\npurpose: [marketing, personalisation]\n---\n<p>{{last_viewed_product}}</p>\n<a href="{{preferences_url}}">Email preferences</a> <a href="{{unsubscribe_url}}">Unsubscribe</a>',
    });
    expect((await cli(dir, 'check', 'e.hbs', ...PROFILE, '--config', 'conf/creeplint.config.json')).code).toBe(1);
    expect((await cli(dir, 'check', 'e.hbs', ...PROFILE, '--config', 'conf/creeplint.config.json', '--max-score', '74')).code).toBe(0);
  });

  it('an invalid configuration exits 2 with every problem at its line', async () => {
    const dir = project({
      'creeplint.config.yaml': 'datamap: fixtures/datamap.yaml\npreset: ccpa\nrules:\n  no-such-rule: error\n  require-fallback: loud\nhelpers:\n  fmt: printer\ncolour: true\n',
      'e.hbs': 'x',
    });
    expect(await checkProblems(dir)).toEqual({
      code: 2,
      lines: [
        'creeplint.config.yaml:2:1: `preset` must be one of "gdpr", "cpra", "pdpl-sa"',
        'creeplint.config.yaml:4:3: unknown rule `no-such-rule`; `creeplint rules` lists them',
        'creeplint.config.yaml:5:3: `rules.require-fallback` must be a level (off, info, warning, error) or [level, options]',
        'creeplint.config.yaml:7:3: `helpers.fmt` must be one of "format", "condition", "link", "no-data"',
        'creeplint.config.yaml:8:1: unknown key `colour`',
      ],
    });
  });

  it("rule options are checked against each rule's own schema: unknown, mistyped or out of range, or given to a rule that takes none", async () => {
    const dir = project({
      'creeplint.config.yaml': [
        'datamap: fixtures/datamap.yaml',
        'rules:',
        '  no-sensitive-data: [warning, { treshold: 0.6 }]',
        '  no-unknown-field: [error, { threshold: 0.6 }]',
        '  no-exact-timing: [warning, { }]',
        '  no-data-mosaic: [loud, { }]',
        '  require-fallback: [warning, fallback]',
        '',
      ].join('\n'),
      'conf.json': JSON.stringify(
        { datamap: 'fixtures/datamap.yaml', rules: { 'no-sensitive-data': ['warning', { threshold: 'high' }], 'no-undeclared-source': ['error', { threshold: 1.5 }] } },
        null,
        2,
      ),
      'e.hbs': 'x',
    });
    expect((await checkProblems(dir)).lines).toEqual([
      'creeplint.config.yaml:3:34: rule `no-sensitive-data` has no option `treshold`; its options are `threshold`',
      'creeplint.config.yaml:4:31: rule `no-unknown-field` has no option `threshold`; it takes no options',
      'creeplint.config.yaml:6:20: the level of `no-data-mosaic` must be one of off, info, warning, error',
      'creeplint.config.yaml:7:31: the options of `require-fallback` must be a mapping, as in [warning, { … }]',
    ]);
    expect((await checkProblems(dir, '--config', 'conf.json')).lines).toEqual([
      'conf.json:7:9: option `threshold` of `no-sensitive-data` must be number',
      'conf.json:13:9: rule `no-undeclared-source` has no option `threshold`; it takes no options',
    ]);
    writeFileSync(join(dir, 'range.yaml'), 'rules:\n  no-sensitive-data: [warning, { threshold: 1.5 }]\n');
    expect(await checkProblems(dir, '--config', 'range.yaml')).toEqual({ code: 2, lines: ['range.yaml:2:34: option `threshold` of `no-sensitive-data` must be <= 1'] });
  });

  it('without templates anywhere, says what to do', async () => {
    const dir = project({});
    const result = await cli(dir, 'check');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('creeplint: name the templates to check, or list them under `templates` in creeplint.config.yaml\n');
  });
});

describe('regional presets', () => {
  const template = '---\npurpose: [marketing, personalisation]\n---\n<p>{{last_seen_store}}</p>';

  it('gdpr (default): precise location is sensitive, not special', async () => {
    const result = await check(template);
    expect(result.findings.map((f) => f.ruleId)).not.toContain('no-special-category');
  });

  it('cpra: precise geolocation is sensitive personal information', async () => {
    const result = await check(template, { settings: { preset: 'cpra' } });
    expect(result.findings.filter((f) => f.ruleId === 'no-special-category').map((f) => f.field)).toEqual(['last_seen_store']);
  });

  it('pdpl-sa: credit data is special', async () => {
    const result = await check('---\npurpose: [marketing, personalisation]\n---\n<p>{{income_band}}</p>', { settings: { preset: 'pdpl-sa' } });
    expect(result.findings.filter((f) => f.ruleId === 'no-special-category').map((f) => f.field)).toEqual(['income_band']);
  });

  it('pdpl-sa: a data map keeps a category ordinary, and a credit subcategory of its own stays special (docs/presets.md)', async () => {
    const dataMap = parseDataMap(
      [
        'version: 1',
        'purposes: { marketing: { basis: consent } }',
        'categories: { user.financial.bank_account: { special: false } }',
        'fields:',
        '  iban: { category: user.financial.bank_account, source: declared, purposes: [marketing] }',
        '  overdue_instalments: { category: user.financial.credit, source: declared, purposes: [marketing] }',
      ].join('\n'),
      'datamap.yaml',
    );
    const result = await check('---\npurpose: marketing\n---\n<p>{{iban}} {{overdue_instalments}}</p>', {
      settings: { preset: 'pdpl-sa' },
      dataMap,
      profiles: [profile({ data: { iban: 'SA03 8000 0000 6080 1016 7519', overdue_instalments: '2' } })],
    });
    expect(result.findings.filter((f) => f.ruleId === 'no-special-category').map((f) => f.field)).toEqual(['overdue_instalments']);
    expect(result.findings.filter((f) => f.ruleId === 'no-sensitive-data').map((f) => f.field)).toEqual(['iban']);
  });
});
