import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli.js';
import { errorsOnly } from '../../src/report/errors-only.js';
import { REPORTER_NAMES } from '../../src/report/index.js';
import { cliIn } from '../cli-runner.js';
import { bundledOutcome } from './fixtures.js';

const BROWSE = ['check', 'templates/browse-abandon.hbs', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/full-consent.json'];
const WARNINGS_ONLY = ['check', 'templates/order-confirmation.hbs', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/source-override.json'];

describe('--quiet reports errors only, as ESLint’s does', () => {
  it('keeps every email with its score and verdict, and only error findings', async () => {
    const outcome = await bundledOutcome();
    const quiet = errorsOnly(outcome);
    expect(quiet.results.map((result) => [result.template, result.score, result.verdict])).toEqual(
      outcome.results.map((result) => [result.template, result.score, result.verdict]),
    );
    const severities = new Set([...quiet.results, ...quiet.templates].flatMap((entry) => entry.findings.map((finding) => finding.severity)));
    expect([...severities]).toEqual(['error']);
    expect([quiet.errorCount, quiet.warningCount]).toEqual([outcome.errorCount, 0]);
    expect(outcome.warningCount).toBeGreaterThan(0);
  });

  it('stylish prints errors, says the rest of the score is not shown, and counts no warnings', async () => {
    const result = await cliIn(undefined, ...BROWSE, '--quiet');
    expect(result.code).toBe(EXIT.findings);
    expect(result.stdout).not.toMatch(/ (warning|info) {2}/u);
    expect(result.stdout).toContain('  score 54 intrusive: mostly no-surveillance-phrasing (+14), and +40 from warnings and info not shown\n');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 2 problems (2 errors, 0 warnings)');
  });

  it('warnings neither print nor count: a run with warnings only passes, also with --max-warnings 0', async () => {
    expect((await cliIn(undefined, ...WARNINGS_ONLY, '--max-warnings', '0')).code).toBe(EXIT.findings);
    const quiet = await cliIn(undefined, ...WARNINGS_ONLY, '--quiet', '--max-warnings', '0');
    expect(quiet.code).toBe(EXIT.ok);
    expect(quiet.stdout.trimEnd().split('\n').at(-1)).toBe('✔ 1 email checked, no problems');
    expect(quiet.stdout).toContain('score 16 helpful: +16 from warnings and info not shown');
  });

  it('an email held for its score is still held and says so', async () => {
    const result = await cliIn(undefined, ...WARNINGS_ONLY, '--quiet', '--max-score', '10');
    expect(result.code).toBe(EXIT.findings);
    expect(result.stdout).toContain('  held  the score 16 is above the maximum, 10  max-score\n');
  });

  for (const format of REPORTER_NAMES.filter((name) => name !== 'html' && name !== 'stylish')) {
    it(`${format} shows no warning or info with --quiet`, async () => {
      const loud = await cliIn(undefined, ...BROWSE, '--format', format);
      const quiet = await cliIn(undefined, ...BROWSE, '--format', format, '--quiet');
      expect(quiet.code).toBe(loud.code);
      const patterns: Record<string, RegExp> = {
        json: /"severity": "(warning|info)"/u,
        sarif: /"ruleIndex": -?\d+,\s+"level": "(warning|note)"/u,
        github: /^::(warning|notice) /mu,
        junit: / (warning|info) /u,
        markdown: /\*\*(warning|info)\*\*/u,
      };
      const pattern = patterns[format] ?? /$^/u;
      expect(loud.stdout).toMatch(pattern);
      expect(quiet.stdout).not.toMatch(pattern);
    });
  }
});
