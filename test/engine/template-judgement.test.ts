import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/engine/check-template.js';
import { parseDataMap } from '../../src/load/datamap.js';
import type { Finding, TemplateReport } from '../../src/model/finding.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { cliIn } from '../cli-runner.js';
import { FIXED_NOW, partialsFrom, profile } from '../support.js';

const DATA_MAP_TEXT = [
  'version: 1',
  'purposes:',
  '  marketing: { basis: consent }',
  'fields:',
  '  first_name: { category: user.name.first, source: declared, purposes: [marketing] }',
  '  vip: { category: user.account, source: declared, purposes: [marketing] }',
  '  diagnosis: { category: user.health_and_medical, source: declared, purposes: [care] }',
  '  viewed[].name: { category: user.behavior.browsing_history, source: observed, purposes: [marketing] }',
  '  lapsed: { category: user.account, source: declared, purposes: [marketing] }',
  '  credit_band: { category: user.financial, source: third_party, purposes: [marketing] }',
  '  email: { category: user.contact.email, source: declared, purposes: [marketing] }',
  '  unsubscribe_url: { category: system.operations, source: system }',
  '  preferences_url: { category: system.operations, source: system }',
].join('\n');
const DATA_MAP = parseDataMap(DATA_MAP_TEXT.replace('purposes:\n', 'purposes:\n  care: { basis: consent }\n'), 'datamap.yaml');

const FOOTER = '<p><a href="{{unsubscribe_url}}">Unsubscribe</a> · <a href="{{preferences_url}}">Email preferences</a></p>';
const EMAIL = [
  '---',
  'purpose: marketing',
  '---',
  '<p>Hi {{first_name}},</p>',
  '{{#if vip}}',
  '  <p>Your VIP lounge is open.</p>',
  '{{else if diagnosis}}',
  '  <p>Support for your condition.</p>',
  '{{else}}',
  '  <p>News from us.</p>',
  '{{/if}}',
  FOOTER,
].join('\n');

const consented = { marketing: { granted: true }, care: { granted: true } };
const vip = profile({ data: { first_name: 'Ana', vip: true, unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' }, consent: consented });
const plain = profile({ data: { first_name: 'Ben', unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' }, consent: consented });

async function judged(text: string, profiles = [vip], partials: Record<string, string> = {}) {
  return checkTemplate({ file: 'email.hbs', text, dataMap: DATA_MAP, profiles, partials: partialsFrom(partials), now: FIXED_NOW, settings: DEFAULT_SETTINGS });
}

const brief = (finding: Finding) => ({
  ruleId: finding.ruleId,
  severity: finding.severity,
  field: finding.field,
  line: finding.line,
  arm: finding.branch?.arm,
  at: finding.branch && `${finding.branch.kind}@${finding.branch.line}`,
});

describe('a template is judged whole, not only along the profiles’ branches', () => {
  it('judges a branch no profile reaches, once, and says who it applies to', async () => {
    const check = await judged(EMAIL);
    expect(check.template.findings.map(brief)).toEqual([
      { ruleId: 'no-purpose-mismatch', severity: 'error', field: 'diagnosis', line: 7, arm: 'else if diagnosis', at: 'if@5' },
      { ruleId: 'no-special-category', severity: 'error', field: 'diagnosis', line: 7, arm: 'else if diagnosis', at: 'if@5' },
    ]);
    // The VIP's own email never reads the diagnosis.
    expect(check.results[0]?.findings.filter((finding) => finding.field === 'diagnosis')).toEqual([]);
    expect(check.results[0]?.verdict).toBe('send');
  });

  it('lets a branch no profile reaches decide the exit code, and says so once in every format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-whole-'));
    writeFileSync(join(dir, 'email.hbs'), EMAIL);
    writeFileSync(join(dir, 'datamap.yaml'), DATA_MAP_TEXT.replace('purposes:\n', 'purposes:\n  care: { basis: consent }\n'));
    writeFileSync(
      join(dir, 'vip.json'),
      JSON.stringify({ id: 'vip', data: { first_name: 'Ana', vip: true, unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' }, consent: consented }),
    );
    writeFileSync(
      join(dir, 'plain.json'),
      JSON.stringify({ id: 'plain', data: { first_name: 'Ben', unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' }, consent: consented }),
    );
    const args = ['check', 'email.hbs', '--datamap', 'datamap.yaml', '--profile', 'vip.json', '--profile', 'plain.json'];
    const stylish = await cliIn(dir, ...args);
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toContain(
      "email.hbs (every branch)\n  7:11  error    `diagnosis` is collected for `care`, not for this email's `marketing` (for recipients who reach `else if diagnosis` (line 5))  no-purpose-mismatch\n",
    );
    // The recipient whose email tests the diagnosis is told the template's findings apply to them.
    expect(stylish.stdout).toContain('email.hbs × plain\n  1 of the template’s findings above applies to this email\n  score 18 helpful');
    expect(stylish.stdout).toContain('  profiles reached 2 of 3 branches of the `if` at line 5 (not `else if diagnosis`)\n');
    expect(stylish.stdout.match(/no-special-category/gu)).toHaveLength(1);

    const json = JSON.parse((await cliIn(dir, ...args, '--format', 'json')).stdout) as { templates: TemplateReport[]; errorCount: number; results: { findings: Finding[] }[] };
    expect(json.templates).toHaveLength(1);
    expect(json.templates[0]?.branches).toEqual([
      {
        file: 'email.hbs',
        line: 5,
        column: 1,
        kind: 'if',
        arms: [
          { arm: 'if vip', profiles: 1 },
          { arm: 'else if diagnosis', profiles: 0 },
          { arm: 'else', profiles: 1 },
        ],
      },
    ]);
    expect(json.templates[0]?.profiles).toBe(2);
    expect(json.errorCount).toBe(2);

    const github = (await cliIn(dir, ...args, '--format', 'github')).stdout;
    expect(github.split('\n').filter((line) => line.includes('no-special-category'))).toEqual([
      expect.stringMatching(/^::error file=email.hbs,line=7,col=11,.*title=creeplint no-special-category \(every branch\)::.*for recipients who reach `else if diagnosis`/u),
    ]);
    const sarif = JSON.parse((await cliIn(dir, ...args, '--format', 'sarif')).stdout) as { runs: { results: { ruleId: string; properties: Record<string, unknown> }[] }[] };
    expect(sarif.runs[0]?.results.filter((result) => result.ruleId === 'no-special-category').map((result) => result.properties['scope'])).toEqual(['template']);
    const junit = (await cliIn(dir, ...args, '--format', 'junit')).stdout;
    expect(junit).toContain('<testcase classname="email.hbs" name="every branch">');
    const html = (await cliIn(dir, ...args, '--format', 'html')).stdout;
    expect(html).toContain('<li>profiles reached 2 of 3 branches of the `if` at line 5 (not `else if diagnosis`)</li>');
  });

  it('marks a recipient’s findings that the template judgement holds, and counts them once', async () => {
    const banded = (base: typeof vip) => profile({ data: { ...base.data, credit_band: 'B' }, consent: consented });
    const check = await judged(`---\npurpose: marketing\n---\n<p>{{credit_band}}</p>${FOOTER}`, [banded(vip), banded(plain)]);
    expect(check.template.findings.map((finding) => finding.ruleId)).toEqual(['no-undeclared-source', 'no-sensitive-data']);
    for (const result of check.results) {
      expect(result.findings.filter((finding) => finding.field === 'credit_band').map((finding) => [finding.ruleId, finding.scope])).toEqual([
        ['no-undeclared-source', 'template'],
        ['no-sensitive-data', 'template'],
      ]);
    }
  });

  it('follows loops, unless, partials and consent blocks into their branches', async () => {
    const text = [
      '---',
      'purpose: marketing',
      '---',
      '{{#each viewed}}<p>{{name}}</p>{{else}}<p>Nothing</p>{{/each}}',
      '{{#unless lapsed}}{{> offer}}{{/unless}}',
      '{{#ifConsent "care"}}<p>{{diagnosis}}</p>{{/ifConsent}}',
      FOOTER,
    ].join('\n');
    const check = await judged(text, [plain], { offer: '<p>{{credit_band}}</p>' });
    const arms = Object.fromEntries(
      check.template.findings
        .filter((finding) => finding.ruleId !== 'no-sensitive-data')
        .map((finding) => [`${finding.ruleId} ${finding.field ?? ''}`, finding.branch?.arm ?? null]),
    );
    expect(arms).toEqual({
      'no-undeclared-source viewed': null,
      'no-undeclared-source viewed[].name': 'each viewed',
      'no-undeclared-source credit_band': 'unless lapsed',
      'no-purpose-mismatch diagnosis': 'ifConsent "care"',
      'no-special-category diagnosis': 'ifConsent "care"',
    });
    expect(check.template.findings.find((finding) => finding.field === 'credit_band')?.file).toBe('partials/offer.hbs');
  });
});

describe('checking without a profile judges only what can be judged', () => {
  it('takes a link to a field as going where the field says, and a printed value as present', async () => {
    const check = await judged(`---\npurpose: marketing\n---\n<p>Hi {{first_name}}</p>${FOOTER}`, []);
    expect(check.results).toHaveLength(1);
    expect(check.results[0]?.profile).toBeNull();
    expect(check.results[0]?.findings.map((finding) => finding.ruleId)).toEqual([]);
    expect(check.template.profiles).toBe(0);
  });

  it('judges every branch, with each value where it lands', async () => {
    const check = await judged(`---\npurpose: marketing\n---\n{{#if vip}}<a href="https://x.example/?e={{email}}">Go</a>{{else}}<p>{{email}}</p>{{/if}}${FOOTER}`, []);
    const email = check.results[0]?.fields.find((field) => field.field === 'email');
    expect(email?.placements).toEqual(['body', 'link-url']);
    expect(check.template.findings.map((finding) => `${finding.ruleId} ${finding.placement ?? ''} ${finding.branch?.arm ?? ''}`)).toEqual([
      'no-personal-data-in-url link-url if vip',
    ]);
  });
});

describe('the HTML report', () => {
  it('shows a template’s own findings once, with the branches the profiles reached', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-whole-html-'));
    mkdirSync(join(dir, 'emails'));
    writeFileSync(join(dir, 'emails', 'email.hbs'), EMAIL);
    writeFileSync(join(dir, 'datamap.yaml'), DATA_MAP_TEXT.replace('purposes:\n', 'purposes:\n  care: { basis: consent }\n'));
    writeFileSync(join(dir, 'vip.json'), JSON.stringify({ id: 'vip', data: { vip: true }, consent: consented }));
    const html = (await cliIn(dir, 'check', 'emails', '--datamap', 'datamap.yaml', '--profile', 'vip.json', '--format', 'html')).stdout;
    expect(html.match(/<section class="template-whole"/gu)).toHaveLength(1);
    expect(html).toContain('<h2><code>emails/email.hbs</code> · every branch</h2>');
  });
});
