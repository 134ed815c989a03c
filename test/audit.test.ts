import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn } from './cli-runner.js';

const ROOT = resolve(import.meta.dirname, '..');
const TEMPLATE = `---\npurpose: [marketing, personalisation]\n---\n<p>Hi {{first_name}},</p>\n<p>{{last_viewed_product}}</p>\n<p><a href="{{preferences_url}}">Email preferences</a> <a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n`;

/** A project with the template, the data map, and a generated audience of known mix. */
function project(csv = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-audit-'));
  writeFileSync(join(dir, 'email.hbs'), TEMPLATE);
  writeFileSync(join(dir, 'datamap.yaml'), readFileSync(join(ROOT, 'fixtures/datamap.yaml')));
  const audience = execFileSync(process.execPath, [join(ROOT, 'scripts/generate-audience.mjs'), '--count', '1000', '--withdrawn', '0.2', '--missing', '0.1', '--malformed', '0.01', ...(csv ? ['--csv'] : [])], { encoding: 'utf8' });
  writeFileSync(join(dir, csv ? 'audience.csv' : 'audience.jsonl'), audience);
  return dir;
}

const ARGS = ['audit', 'email.hbs', '--datamap', 'datamap.yaml', '--format', 'json'];

interface Summary {
  read: number;
  send: number;
  hold: number;
  malformed: number;
  holdReasons: { ruleId: string; count: number }[];
  malformedRecords: { line: number; message: string }[];
}

describe('creeplint audit', () => {
  it('gives exact verdict counts for a generated audience, and counts malformed lines with their numbers', async () => {
    const dir = project();
    const result = await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'verdicts.jsonl');
    expect(result.code).toBe(2);
    const summary = JSON.parse(result.stdout) as Summary;
    expect({ read: summary.read, send: summary.send, hold: summary.hold, malformed: summary.malformed }).toEqual({ read: 1000, send: 790, hold: 200, malformed: 10 });
    expect(summary.read).toBe(summary.send + summary.hold + summary.malformed);
    expect(summary.holdReasons.map((reason) => `${reason.ruleId} ${reason.count}`)).toEqual(['no-unconsented-field 200', 'require-consent 200']);
    expect(summary.malformedRecords.map((record) => record.line)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    const verdicts = readFileSync(join(dir, 'verdicts.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; verdict: string });
    expect(verdicts).toHaveLength(990);
    expect(verdicts[0]).toEqual({ id: 'r-0', verdict: 'hold', score: expect.any(Number) as number, band: expect.any(String) as string, rules: expect.arrayContaining(['no-unconsented-field']) as string[] });
    expect(verdicts.map((verdict) => verdict.id).slice(0, 3)).toEqual(['r-0', 'r-1', 'r-2']);
    expect(readFileSync(join(dir, 'verdicts.jsonl'), 'utf8')).not.toContain('Name1');
  });

  it('reads CSV to the same verdicts as JSON Lines', async () => {
    const jsonl = project();
    const csv = project(true);
    await cliIn(jsonl, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'verdicts.jsonl');
    const result = await cliIn(csv, ...ARGS, '--profiles', 'audience.csv', '--output', 'verdicts.jsonl');
    expect((JSON.parse(result.stdout) as Summary).malformed).toBe(10);
    expect(readFileSync(join(csv, 'verdicts.jsonl'), 'utf8')).toBe(readFileSync(join(jsonl, 'verdicts.jsonl'), 'utf8'));
  });

  it('--shard i/n partitions cover every record exactly once', async () => {
    const dir = project();
    const ids: string[] = [];
    let malformed = 0;
    for (const shard of ['0/3', '1/3', '2/3']) {
      const result = await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', `v-${shard[0] ?? ''}.jsonl`, '--shard', shard);
      malformed += (JSON.parse(result.stdout) as Summary).malformed;
      ids.push(...readFileSync(join(dir, `v-${shard[0] ?? ''}.jsonl`), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id));
    }
    expect(ids).toHaveLength(990);
    expect(new Set(ids).size).toBe(990);
    expect(malformed).toBe(10);
    expect((await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--shard', '3/3')).code).toBe(2);
  });

  it('reports duplicate ids and records of the wrong type as malformed, and goes on', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'odd.jsonl'),
      [
        JSON.stringify({ id: 'a', data: { first_name: 'A' }, consent: { marketing: { granted: true }, personalisation: { granted: true } } }),
        JSON.stringify({ id: 'a', data: {}, consent: {} }),
        JSON.stringify({ id: 'b', data: [], consent: {} }),
        '"just a string"',
        JSON.stringify({ id: 'c', data: {}, consent: { marketing: { granted: true }, personalisation: { granted: true } } }),
      ].join('\n'),
    );
    const result = await cliIn(dir, ...ARGS, '--profiles', 'odd.jsonl');
    const summary = JSON.parse(result.stderr) as Summary;
    expect(summary.malformedRecords).toEqual([
      { line: 2, message: 'duplicate id (also on an earlier line)' },
      { line: 3, message: 'expected `data`: an object of field values' },
      { line: 4, message: 'a profile must be an object with `id`, `data` and `consent`' },
    ]);
    expect(result.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['a', 'c']);
  });
});

describe('creeplint audit with worker threads', () => {
  it('writes exactly what one thread writes, in input order', async () => {
    const dir = project();
    const one = await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'one.jsonl', '--workers', '1');
    const two = await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'two.jsonl', '--workers', '2');
    expect(two.stdout).toBe(one.stdout);
    expect(readFileSync(join(dir, 'two.jsonl'), 'utf8')).toBe(readFileSync(join(dir, 'one.jsonl'), 'utf8'));
    expect((JSON.parse(two.stdout) as Summary).read).toBe(1000);
  });
});

describe('creeplint audit --format html', () => {
  it('writes a one-page audience report: score histogram, hold reasons, examples by id only', async () => {
    const dir = project();
    const result = await cliIn(dir, ...ARGS.slice(0, -2), '--format', 'html', '--profiles', 'audience.jsonl', '--output', 'v.jsonl', '--report', 'audit.html');
    expect(result.code).toBe(2);
    const html = readFileSync(join(dir, 'audit.html'), 'utf8');
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'\"");
    expect(html.match(/<rect x="\d+" y="\d+" width="24"/gu)).toHaveLength(21);
    expect(html).toContain('<text x="0" y="15" font-size="12">no-unconsented-field</text>');
    expect(html).toContain('<code>r-0</code>');
    expect(html).not.toContain('Name1');
    expect(html).not.toContain('<script');
  });
});
