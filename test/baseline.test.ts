import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn } from './cli-runner.js';

const ROOT = resolve(import.meta.dirname, '..');

const cli = cliIn;

const HEAD = '---\npurpose: [marketing, personalisation]\n---\n';
const FOOT = '\n<p><a href="{{preferences_url}}">Email preferences</a> <a href="{{unsubscribe_url}}">Unsubscribe</a> You are receiving this because you asked.</p>';
const ARGS = ['check', 'email.hbs', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/full-consent.json', '--format', 'json'];

describe('the baseline', () => {
  it('records today’s findings; later runs fail only on new ones, survive edits above, and report entries that no longer occur', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-baseline-'));
    cpSync(join(ROOT, 'fixtures'), join(dir, 'fixtures'), { recursive: true });
    writeFileSync(join(dir, 'email.hbs'), `${HEAD}<p>{{income_band}}</p>${FOOT}`);
    expect((await cli(dir, ...ARGS)).code).toBe(1);

    const update = await cli(dir, ...ARGS, '--update-baseline');
    expect(update.code).toBe(0);
    expect(update.stderr).toBe('.creeplint-baseline.json: recorded 3 accepted findings for 1 email\n');
    const baseline = JSON.parse(readFileSync(join(dir, '.creeplint-baseline.json'), 'utf8')) as {
      results: { findings: { ruleId: string; field: string | null }[] }[];
      templates: { template: string; findings: { ruleId: string; field: string | null }[] }[];
    };
    // What the recipient's email adds, per recipient; what the template says whatever the recipient, once.
    expect(baseline.results[0]?.findings.map((f) => `${f.ruleId} ${f.field ?? ''}`)).toEqual(['require-explanation ']);
    expect(baseline.templates.map((t) => [t.template, t.findings.map((f) => `${f.ruleId} ${f.field ?? ''}`)])).toEqual([
      ['email.hbs', ['no-undeclared-source income_band', 'no-sensitive-data income_band']],
    ]);
    expect(readFileSync(join(dir, '.creeplint-baseline.json'), 'utf8')).not.toContain('£');

    // Lines added above move every finding; the baseline still holds.
    writeFileSync(join(dir, 'email.hbs'), `${HEAD}<h1>New heading</h1>\n<p>Intro</p>\n<p>{{income_band}}</p>${FOOT}`);
    const later = await cli(dir, ...ARGS);
    expect(later.code).toBe(0);
    const findings = (JSON.parse(later.stdout) as { results: { findings: { ruleId: string; suppressed?: { kind: string } }[] }[] }).results[0]?.findings ?? [];
    expect(findings.filter((f) => f.ruleId === 'no-undeclared-source').map((f) => f.suppressed?.kind)).toEqual(['external']);

    // A new problem fails the run; the accepted ones still do not.
    writeFileSync(join(dir, 'email.hbs'), `${HEAD}<p>{{income_band}} {{last_seen_store}} at {{last_seen_at}}</p>${FOOT}`);
    const added = await cli(dir, ...ARGS);
    expect(added.code).toBe(1);
    const report = JSON.parse(added.stdout) as { errorCount: number; results: { findings: { ruleId: string; field?: string; severity: string; suppressed?: unknown }[] }[] };
    // Only the new fields' findings are live (where they were, and when), and they push the score past the limit the baseline had.
    expect(report.results[0]?.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.severity} ${f.field ?? ''}`)).toEqual([
      'no-data-mosaic warning ',
      'no-undeclared-source warning last_seen_store',
      'no-sensitive-data warning last_seen_store',
      'no-undeclared-source warning last_seen_at',
      'no-exact-timing warning last_seen_at',
    ]);
    expect(report.results[0]?.findings.some((f) => f.severity === 'error' && !f.suppressed)).toBe(false);

    // Fixed: the accepted entries no longer occur, and the run says so.
    writeFileSync(join(dir, 'email.hbs'), `${HEAD}<p>Our range</p>${FOOT}`);
    const fixed = await cli(dir, ...ARGS);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr.split('\n').filter(Boolean)).toEqual([
      '.creeplint-baseline.json: no longer occurs: email.hbs (every branch) no-undeclared-source income_band in body (×1)',
      '.creeplint-baseline.json: no longer occurs: email.hbs (every branch) no-sensitive-data income_band in body (×1)',
      '.creeplint-baseline.json: no longer occurs: email.hbs × cust-1001 require-explanation (×1)',
    ]);
  });
});
