import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli.js';
import type { Finding, LintResult } from '../../src/model/finding.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import type { ReportInput } from '../../src/report/report-input.js';
import { formatStylish } from '../../src/report/stylish.js';
import { cliIn } from '../cli-runner.js';
import { OPTIONS } from './fixtures.js';

const WARNING: Finding = {
  ruleId: 'no-undeclared-source',
  severity: 'warning',
  message: '`last_viewed_product` (user.behavior.browsing_history) was observed from their behaviour, not shared by them',
  why: 'why',
  suggestion: 'Say it differently.',
  field: 'last_viewed_product',
  file: 'emails/promo.hbs',
  line: 4,
  column: 9,
  endLine: 4,
  endColumn: 32,
  weight: 45,
  intrusion: 'no-undeclared-source:last_viewed_product',
  points: 45,
  docsUrl: 'https://example.invalid/rule',
};

/** An email with warnings only, held because its score is above the maximum, in a run with too many warnings. */
const HELD: LintResult = {
  template: 'emails/promo.hbs',
  profile: 'cust-7',
  purposes: ['marketing'],
  score: 45,
  band: 'familiar',
  verdict: 'hold',
  holdReasons: ['max-score'],
  fields: [],
  findings: [WARNING],
};
const SENT: LintResult = {
  template: 'emails/ok.hbs',
  profile: 'cust-7',
  purposes: ['marketing'],
  score: 0,
  band: 'helpful',
  verdict: 'send',
  holdReasons: [],
  fields: [],
  findings: [],
};
const REPORT: ReportInput = {
  results: [HELD, SENT],
  templates: [],
  errorCount: 0,
  warningCount: 1,
  run: { exitCode: 1, maxScore: 40, maxWarningsExceeded: { maxWarnings: 0, foundWarnings: 1 } },
};

describe('a score above --max-score, and more warnings than --max-warnings, fail the run and every format says so', () => {
  it('stylish: a held line under the email, and footer lines instead of "no problems"', () => {
    expect(formatStylish(REPORT, OPTIONS).split('\n')).toEqual([
      'emails/promo.hbs × cust-7',
      '  4:9  warning  `last_viewed_product` (user.behavior.browsing_history) was observed from their behaviour, not shared by them  no-undeclared-source',
      '  score 45 familiar: mostly last_viewed_product (+45)',
      '  held  the score 45 is above the maximum, 40  max-score',
      '',
      'emails/ok.hbs × cust-7',
      '  score 0 helpful: nothing here should surprise the recipient',
      '',
      '✖ 1 problem (0 errors, 1 warning)',
      '✖ 1 of 2 emails held: its score is above the maximum, 40 (max-score)',
      '✖ 1 warning, more than --max-warnings 0 allows',
      '',
    ]);
  });

  it('stylish: no "✔ no problems" when an email without a single finding left is held for its score', () => {
    const quietHold: ReportInput = { results: [{ ...HELD, findings: [] }], templates: [], errorCount: 0, warningCount: 0, run: { exitCode: 1, maxScore: 40 } };
    const footer = formatStylish(quietHold, OPTIONS).trimEnd().split('\n').at(-1);
    expect(footer).toBe('✖ 1 of 1 email held: its score is above the maximum, 40 (max-score)');
  });

  it('github: an error annotation at the template’s first line, and one for the run', () => {
    expect(formatGithub(REPORT, OPTIONS).split('\n')).toEqual([
      '::warning file=emails/promo.hbs,line=4,col=9,endLine=4,endColumn=32,title=creeplint no-undeclared-source (cust-7)::`last_viewed_product` (user.behavior.browsing_history) was observed from their behaviour, not shared by them. Say it differently.',
      '::error file=emails/promo.hbs,line=1,col=1,title=creeplint max-score (cust-7)::The email for cust-7 is held: the score 45 (familiar) is above the maximum, 40. Soften or remove the findings that carry the most points.',
      '::error title=creeplint max-warnings::The run fails: 1 warning, more than --max-warnings 0 allows.',
      '',
    ]);
  });

  it('junit: a failure for the held email’s test case, and a failing max-warnings case', () => {
    expect(formatJunit(REPORT, OPTIONS)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="creeplint" tests="3" failures="2">',
        '  <testsuite name="emails/promo.hbs" tests="1" failures="1">',
        '    <testcase classname="emails/promo.hbs" name="cust-7 (score 45, familiar)">',
        '      <failure message="held: the score 45 is above the maximum, 40" type="max-score">held: the score 45 is above the maximum, 40 [max-score]</failure>',
        '      <system-out>emails/promo.hbs:4:9 warning `last_viewed_product` (user.behavior.browsing_history) was observed from their behaviour, not shared by them [no-undeclared-source]</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="emails/ok.hbs" tests="1" failures="0">',
        '    <testcase classname="emails/ok.hbs" name="cust-7 (score 0, helpful)">',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="creeplint" tests="1" failures="1">',
        '    <testcase classname="creeplint" name="max-warnings">',
        '      <failure message="1 warning, more than --max-warnings 0 allows" type="max-warnings">1 warning, more than --max-warnings 0 allows [max-warnings]</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('junit: one failure per case, its errors first, when an email with errors is also above the maximum', () => {
    const error: Finding = { ...WARNING, ruleId: 'no-unconsented-field', severity: 'error', message: 'refused' };
    const both: ReportInput = {
      results: [{ ...HELD, holdReasons: ['no-unconsented-field', 'max-score'], findings: [error] }],
      templates: [],
      errorCount: 1,
      warningCount: 0,
      run: { exitCode: 1, maxScore: 40 },
    };
    const failures = formatJunit(both, OPTIONS).match(/ {6}<failure[^]*?<\/failure>/gu);
    expect(failures).toEqual([
      '      <failure message="refused; held: the score 45 is above the maximum, 40" type="no-unconsented-field">emails/promo.hbs:4:9 error refused [no-unconsented-field]\nheld: the score 45 is above the maximum, 40 [max-score]</failure>',
    ]);
  });

  it('markdown: the held email’s row is marked, and the summary says why the run fails', () => {
    const lines = formatMarkdown(REPORT, OPTIONS).split('\n');
    expect(lines.slice(0, 11)).toEqual([
      '## creeplint',
      '',
      '2 emails checked: 0 errors, 1 warning.',
      '',
      '⛔ 1 email is held for a score above the maximum, 40.',
      '',
      '⛔ The run fails: 1 warning, more than --max-warnings 0 allows.',
      '',
      '| Template | Profile | Score | Band | Errors | Warnings |',
      '|---|---|---:|---|---:|---:|',
      '| `emails/promo.hbs` | cust-7 | ⛔ **45** (above 40) | 🔵 familiar | 0 | 1 |',
    ]);
    expect(lines[11]).toBe('| `emails/ok.hbs` | cust-7 | 0 | 🟢 helpful | 0 | 0 |');
  });

  it('formats given no run facts (a library caller) still mark the held email, without a number for the maximum', () => {
    const bare: ReportInput = { ...REPORT, run: undefined };
    expect(formatStylish(bare, OPTIONS)).toContain('  held  the score 45 is above the maximum score  max-score\n');
    expect(formatMarkdown(bare, OPTIONS)).toContain('| ⛔ **45** (above the maximum) |');
    expect(formatMarkdown(bare, OPTIONS)).not.toContain('The run fails');
  });
});

describe('the CLI: --max-score and --max-warnings decide the exit code, and the report says it', () => {
  const recommendation = ['check', 'templates/recommendation.hbs', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/full-consent.json'];

  it('a score above --max-score exits 1 in every format, each saying so (no errors, no warnings)', async () => {
    const stylish = await cliIn(undefined, ...recommendation, '--max-score', '3');
    expect(stylish.code).toBe(EXIT.findings);
    expect(stylish.stdout).toContain('  held  the score 7 is above the maximum, 3  max-score\n');
    expect(stylish.stdout).not.toContain('✔');
    expect(stylish.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 1 of 1 email held: its score is above the maximum, 3 (max-score)');
    const github = await cliIn(undefined, ...recommendation, '--max-score', '3', '--format', 'github');
    expect(github.code).toBe(EXIT.findings);
    expect(github.stdout).toContain(
      '::error file=templates/recommendation.hbs,line=1,col=1,title=creeplint max-score (cust-1001)::The email for cust-1001 is held: the score 7 (helpful) is above the maximum, 3.',
    );
    const junit = await cliIn(undefined, ...recommendation, '--max-score', '3', '--format', 'junit');
    expect(junit.stdout).toContain('<failure message="held: the score 7 is above the maximum, 3" type="max-score">');
    const markdown = await cliIn(undefined, ...recommendation, '--max-score', '3', '--format', 'markdown');
    expect(markdown.stdout).toContain('| ⛔ **7** (above 3) |');
    const within = await cliIn(undefined, ...recommendation, '--max-score', '7');
    expect(within.code).toBe(EXIT.ok);
    expect(within.stdout).not.toContain('held');
  });

  it('--max-warnings N exits 1 only with more than N warnings', async () => {
    const args = ['check', 'templates/order-confirmation.hbs', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/source-override.json'];
    expect((await cliIn(undefined, ...args)).code).toBe(EXIT.ok);
    const at = await cliIn(undefined, ...args, '--max-warnings', '6');
    expect(at.code).toBe(EXIT.ok);
    expect(at.stdout).not.toContain('--max-warnings');
    const over = await cliIn(undefined, ...args, '--max-warnings', '5');
    expect(over.code).toBe(EXIT.findings);
    expect(over.stdout.trimEnd().split('\n').slice(-2)).toEqual(['✖ 6 problems (0 errors, 6 warnings)', '✖ 6 warnings, more than --max-warnings 5 allows']);
    expect((await cliIn(undefined, ...args, '--max-warnings', '5', '--format', 'github')).stdout).toContain(
      '::error title=creeplint max-warnings::The run fails: 6 warnings, more than --max-warnings 5 allows.',
    );
    expect((await cliIn(undefined, ...args, '--max-warnings', '-1')).code).toBe(EXIT.input);
    expect((await cliIn(undefined, ...args, '--max-warnings', 'few')).code).toBe(EXIT.input);
  });
});
