import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { cliIn } from '../cli-runner.js';
import { DATA_MAP, FIXED_NOW, profile } from '../support.js';

/**
 * One template cannot hang CI or exhaust a machine: `check`, `render`, `audit` and lint()
 * stop a render at a time and a size limit, with a render-error that says which; copy is
 * read in time linear in its length. (How fast is for the bench; these say what happens.)
 */
const ROOT = resolve(import.meta.dirname, '../..');
const NESTED = '---\npurpose: transactional\n---\n{{#each order.items}}{{#each ../order.items}}<p>{{name}}</p>{{/each}}{{/each}}';
const items = Array.from({ length: 3000 }, (_, index) => ({ name: `Item ${index}` }));

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-limits-'));
  writeFileSync(join(dir, 'nested.hbs'), NESTED);
  writeFileSync(join(dir, 'datamap.yaml'), readFileSync(join(ROOT, 'fixtures/datamap.yaml')));
  writeFileSync(join(dir, 'big.json'), JSON.stringify({ id: 'big', data: { order: { items } }, consent: {} }));
  writeFileSync(
    join(dir, 'audience.jsonl'),
    `${JSON.stringify({ id: 'big', data: { order: { items } }, consent: {} })}\n${JSON.stringify({ id: 'small', data: { order: { items: items.slice(0, 2) } }, consent: {} })}\n`,
  );
  return dir;
}

describe('render limits', () => {
  it('check stops a loop inside a loop at --timeout with a render-error naming the time limit', async () => {
    const dir = project();
    const result = await cliIn(dir, 'check', 'nested.hbs', '--datamap', 'datamap.yaml', '--profile', 'big.json', '--format', 'json', '--timeout', '200');
    expect(result.code).toBe(1);
    const findings = (JSON.parse(result.stdout) as { results: { findings: { ruleId: string; message: string }[] }[] }).results[0]?.findings ?? [];
    expect(findings.filter((finding) => finding.ruleId === 'render-error').map((finding) => finding.message)).toEqual([
      'the template failed to render: the render was stopped after 200 ms (the time limit)',
    ]);
  });

  it('check stops it at --max-render with a render-error naming the memory limit', async () => {
    const dir = project();
    const result = await cliIn(dir, 'check', 'nested.hbs', '--datamap', 'datamap.yaml', '--profile', 'big.json', '--format', 'json', '--max-render', '1mb');
    const findings = (JSON.parse(result.stdout) as { results: { findings: { ruleId: string; message: string }[] }[] }).results[0]?.findings ?? [];
    expect(findings.filter((finding) => finding.ruleId === 'render-error').map((finding) => finding.message)).toEqual([
      'the template failed to render: the render was stopped: it printed more than 1 MB (the memory limit)',
    ]);
  });

  it('lint() takes the same limits, and stops at its defaults without them', async () => {
    const dir = project();
    const outcome = await lint({
      templates: ['nested.hbs'],
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

  it('the audit holds a recipient whose render runs away, and checks the others', async () => {
    const dir = project();
    const result = await cliIn(dir, 'audit', 'nested.hbs', '--datamap', 'datamap.yaml', '--profiles', 'audience.jsonl', '--timeout', '100', '--workers', '1', '--format', 'json');
    const verdicts = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; verdict: string; rules: string[] });
    expect(verdicts.map((verdict) => [verdict.id, verdict.verdict, verdict.rules.includes('render-error')])).toEqual([
      ['big', 'hold', true],
      ['small', 'send', false],
    ]);
  });
});

describe('copy is read in time linear in its length', () => {
  const template =
    '---\npurpose: [marketing, personalisation]\n---\n<p>{{last_viewed_product}}</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="{{preferences_url}}">Email preferences</a></p>';
  const consent = { marketing: { granted: true, at: '2026-01-01T00:00:00Z' }, personalisation: { granted: true, at: '2026-01-01T00:00:00Z' } };
  const judge = async (value: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-copy-'));
    writeFileSync(join(dir, 'email.hbs'), template);
    const outcome = await lint({
      templates: ['email.hbs'],
      dataMap: DATA_MAP,
      profiles: [profile({ data: { last_viewed_product: value, unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' }, consent })],
      cwd: dir,
      now: FIXED_NOW,
    });
    return outcome.results[0]?.findings.map((finding) => finding.ruleId) ?? [];
  };

  it('reads 120 KB of "a-" in one value (which used to take seconds) as the words it is', async () => {
    expect(await judge('a-'.repeat(60_000))).not.toContain('no-surveillance-phrasing');
  });

  it('finds the phrases in 4 MB of repeated copy (which used to take minutes)', async () => {
    const findings = await judge('we noticed you were browsing. '.repeat(140_000));
    expect(findings.filter((ruleId) => ruleId === 'no-surveillance-phrasing')).toHaveLength(280_000);
  }, 60_000);
});
