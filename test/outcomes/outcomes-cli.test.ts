import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignRows, writeCampaign } from '../../scripts/generate-campaign.mjs';
import type { OutcomesReport } from '../../src/outcomes/report-shape.js';
import { wilsonInterval } from '../../src/outcomes/statistics/wilson.js';
import { cliIn } from '../cli-runner.js';

const ROOT = join(import.meta.dirname, '../..');
const SPEC = { campaign: 'spring', count: 3000, seed: 11, unmatchedVerdicts: 40, unmatchedResults: 25 };
let dir: string;

async function duckdb(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(sql);
  connection.closeSync();
  instance.closeSync();
}

/** Numbers to 12 significant digits: DuckDB sums revenue in parallel, so the last bits vary with the order. */
function toDigits(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_, item: unknown) => (typeof item === 'number' ? Number(item.toPrecision(12)) : item)));
}

async function json(...args: string[]): Promise<{ code: number; report: OutcomesReport; stderr: string }> {
  const run = await cliIn(dir, 'outcomes', ...args, '--format', 'json');
  if (run.stdout === '') throw new Error(`no report: ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as OutcomesReport, stderr: run.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'creeplint-outcomes-'));
  writeCampaign(SPEC, { verdicts: join(dir, 'spring.jsonl'), results: join(dir, 'spring.csv') });
  writeCampaign(SPEC, { verdicts: join(dir, 'spring-copy.jsonl'), results: join(dir, 'spring-results.jsonl') });
  writeCampaign({ ...SPEC, campaign: 'summer', seed: 12 }, { verdicts: join(dir, 'summer.jsonl'), results: join(dir, 'summer.csv') });
  await duckdb(`COPY (SELECT * FROM read_csv('${join(dir, 'spring.csv')}')) TO '${join(dir, 'spring.parquet')}' (FORMAT parquet)`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('creeplint outcomes', () => {
  it('counts every row: joined, and unmatched on either side, with the held verdicts among them', async () => {
    const rows = [...campaignRows(SPEC)];
    const heldUnmatched = rows.filter((row) => row.verdict && !row.result && row.verdict.verdict === 'hold').length;
    const { code, report } = await json('--verdicts', 'spring.jsonl', '--results', 'spring.csv');
    expect(code).toBe(0);
    expect({ verdicts: report.verdicts, results: report.results, joined: report.joined, unmatched: report.unmatched, invalid: report.invalid }).toEqual({
      verdicts: 3000,
      results: 2985,
      joined: 2960,
      unmatched: { verdicts: 40, results: 25, heldVerdicts: heldUnmatched },
      invalid: { verdicts: 0, results: 0 },
    });
    expect(report.campaigns.map((campaign) => [campaign.name, campaign.joined])).toEqual([['spring', 2960]]);
  });

  it('gives each rate as the count over the recipients measured, with its Wilson interval', async () => {
    const joined = [...campaignRows(SPEC)].filter((row) => row.verdict && row.result);
    const { report } = await json('--verdicts', 'spring.jsonl', '--results', 'spring.csv');
    for (const group of ['control', 'personalised'] as const) {
      const mine = joined.filter((row) => row.verdict?.group === group);
      const clicked = mine.filter((row) => row.result?.clicked === 1).length;
      expect(report.groups[group].outcomes.clicked).toEqual({
        count: clicked,
        recipients: mine.length,
        rate: clicked / mine.length,
        interval: wilsonInterval(clicked, mine.length),
      });
    }
    const creepy = joined.filter((row) => row.verdict?.group === 'personalised' && row.verdict.score >= 75);
    expect(report.bands.creepy.recipients).toBe(creepy.length);
    expect(report.bands.creepy.outcomes.unsubscribed?.count).toBe(creepy.filter((row) => row.result?.unsubscribed === 1).length);
  });

  it('reads results from CSV, JSON Lines and Parquet alike', async () => {
    const csv = await json('--verdicts', 'spring.jsonl', '--results', 'spring.csv');
    const jsonl = await json('--verdicts', 'spring.jsonl', '--results', 'spring-results.jsonl');
    const parquet = await json('--verdicts', 'spring.jsonl', '--results', 'spring.parquet');
    expect(toDigits(jsonl.report)).toEqual(toDigits(csv.report));
    expect(toDigits(parquet.report)).toEqual(toDigits(csv.report));
    expect(csv.report.outcomes).toEqual(['delivered', 'opened', 'clicked', 'converted', 'unsubscribed', 'complained', 'revenue']);
  });

  it('writes JSON that validates against schema/outcomes.schema.json', async () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema/outcomes.schema.json'), 'utf8')));
    for (const results of ['spring.csv', 'spring-results.jsonl']) {
      const { report } = await json('--verdicts', 'spring.jsonl', '--results', results, '--verdicts', 'summer.jsonl', '--results', 'summer.csv');
      expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      expect(report.campaigns.map((campaign) => campaign.name)).toEqual(['spring', 'summer']);
    }
  });

  it('names a campaign by its verdicts file when the verdicts carry no campaign field', async () => {
    writeCampaign({ ...SPEC, count: 50, campaignField: false }, { verdicts: join(dir, 'autumn-2026.jsonl'), results: join(dir, 'autumn.csv') });
    const { report } = await json('--verdicts', 'autumn-2026.jsonl', '--results', 'autumn.csv');
    expect(report.campaigns[0]?.name).toBe('autumn-2026');
  });

  it('reads paths with quotes and glob characters as they are', async () => {
    const odd = "it's [1]*";
    mkdirSync(join(dir, odd), { recursive: true });
    writeCampaign({ ...SPEC, count: 100 }, { verdicts: join(dir, odd, "o'v.jsonl"), results: join(dir, odd, 'r[1].csv') });
    writeFileSync(join(dir, odd, 'r1.csv'), 'id,opened\nsomeone-else,1\n');
    const { code, report } = await json('--verdicts', `${odd}/o'v.jsonl`, '--results', `${odd}/r[1].csv`);
    expect(code).toBe(0);
    expect(report.joined).toBe(100 - SPEC.unmatchedVerdicts);
    const sql = await cliIn(dir, 'outcomes', '--verdicts', `${odd}/o'v.jsonl`, '--results', `${odd}/r[1].csv`, '--sql');
    expect(sql.stdout).toContain(`read_csv('${join(dir, "it''s [[]1][*]", "o''v.jsonl")}'`);
  });

  it('tells unusable rows by file, line and column, never by value, leaves them out, counts them and exits 2', async () => {
    writeFileSync(
      join(dir, 'bad.jsonl'),
      [
        '{"id":"a","score":10,"group":"control"}',
        '{"id":"b","score":"SECRET-SCORE"}',
        '',
        '{"id":"c","score":70,"group":"personalised"}',
        '{"id":"a","score":12}',
        'SECRET-LINE',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'bad.csv'), 'id,opened,revenue\na,1,3\nc,SECRET-OPENED,2\nd,0,SECRET-REVENUE\ne,1\n');
    const run = await cliIn(dir, 'outcomes', '--verdicts', 'bad.jsonl', '--results', 'bad.csv', '--format', 'json');
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      'bad.jsonl:2: has no score (a whole number from 0 to 100)',
      'bad.jsonl:5: repeats the id of line 1 (one row per recipient)',
      'bad.jsonl:6: is not a JSON object',
      'bad.csv:3: opened is not 0, 1, true or false',
      'bad.csv:4: revenue is not a number',
      "bad.csv:5: has fewer cells than the header's columns",
    ]);
    expect(run.stderr + run.stdout).not.toContain('SECRET');
    const report = JSON.parse(run.stdout) as OutcomesReport;
    expect({ verdicts: report.verdicts, results: report.results, joined: report.joined, invalid: report.invalid }).toEqual({
      verdicts: 2,
      results: 1,
      joined: 1,
      invalid: { verdicts: 3, results: 3 },
    });
  });

  it.each([
    [['--verdicts', 'spring.jsonl', '--results', 'nope.csv'], 'nope.csv: cannot read the results file'],
    [['--verdicts', 'nope.jsonl', '--results', 'spring.csv'], 'nope.jsonl: cannot read the verdicts file'],
    [['--verdicts', 'spring.jsonl', '--results', 'spring.jsonl', '--results', 'spring.csv'], '1 --verdicts and 2 --results files'],
    [['--verdicts', 'spring.jsonl', '--results', 'spring.txt'], 'spring.txt: results must be .csv, .jsonl (JSON Lines) or .parquet'],
    [['--verdicts', 'spring.jsonl', '--results', 'spring.csv', '--verdicts', 'spring.jsonl', '--results', 'spring.csv'], 'is campaign "spring" again'],
    [[], 'give --verdicts and --results'],
  ])('exits 2 on unusable input: %j', async (args, message) => {
    writeFileSync(join(dir, 'spring.txt'), 'id,opened\n');
    const run = await cliIn(dir, 'outcomes', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('exits 2 on a results file without an id or any outcome column', async () => {
    writeFileSync(join(dir, 'no-id.csv'), 'email,opened\nx,1\n');
    writeFileSync(join(dir, 'no-outcome.csv'), 'ID,colour\nx,1\n');
    expect((await cliIn(dir, 'outcomes', '--verdicts', 'spring.jsonl', '--results', 'no-id.csv')).stderr).toBe('no-id.csv: has no id column\n');
    expect((await cliIn(dir, 'outcomes', '--verdicts', 'spring.jsonl', '--results', 'no-outcome.csv')).stderr).toContain('no-outcome.csv: has none of the columns delivered');
  });

  it('prints the analysis SQL alone without files, and the whole script with them', async () => {
    const alone = await cliIn(dir, 'outcomes', '--sql');
    expect(alone.code).toBe(0);
    expect(alone.stdout).not.toContain('read_csv');
    expect(alone.stdout).toContain('FULL OUTER JOIN results r ON r.campaign = v.campaign AND r.id = v.id');
    const whole = await cliIn(dir, 'outcomes', '--verdicts', 'spring.jsonl', '--results', 'spring.csv', '--sql');
    expect(whole.stdout).toContain(`read_csv('${join(dir, 'spring.jsonl')}'`);
    expect(whole.stdout.endsWith(alone.stdout.slice(alone.stdout.indexOf('-- 2.')))).toBe(true);
  });

  it('gives the same report from a tally counted elsewhere with the printed SQL (--tally)', async () => {
    const script = (await cliIn(dir, 'outcomes', '--verdicts', 'spring.jsonl', '--results', 'spring.csv', '--sql')).stdout;
    const [reading, analysis] = script.split('-- 2.');
    const tally = (analysis ?? '').slice((analysis ?? '').indexOf('SELECT')).replace(/;\s*$/u, '');
    await duckdb(`${reading}\nCOPY (${tally}) TO '${join(dir, 'tally.csv')}' (HEADER)`);
    const fromTally = await json('--tally', 'tally.csv');
    const fromFiles = await json('--verdicts', 'spring.jsonl', '--results', 'spring.csv');
    expect(fromTally.code).toBe(0);
    expect(toDigits(fromTally.report)).toEqual(toDigits(fromFiles.report));
  });

  it('writes a text report that names the method beside the numbers, and a report file', async () => {
    const run = await cliIn(dir, 'outcomes', '--verdicts', 'spring.jsonl', '--results', 'spring.csv', '--report', 'report.txt');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const text = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(text).toContain('3,000 verdicts, 2,985 results, 2,960 joined; unmatched: 40 verdicts');
    for (const method of ['Wilson score interval', "Newcombe's hybrid score interval", 'Cochran–Armitage', 'DeLong']) expect(text).toContain(method);
  });
});

describe('without DuckDB installed', () => {
  it('exits 2 telling how to install it, and every other command still runs', () => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
    const copy = mkdtempSync(join(tmpdir(), 'creeplint-no-duckdb-'));
    try {
      // The package as npm installs it (its `files`), beside every dependency but DuckDB.
      for (const shipped of ['dist', 'schema', 'lexicon', 'studio', 'docs']) cpSync(join(ROOT, shipped), join(copy, shipped), { recursive: true });
      writeFileSync(join(copy, 'package.json'), readFileSync(join(ROOT, 'package.json')));
      mkdirSync(join(copy, 'node_modules'));
      for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
        if (entry !== '@duckdb' && entry !== '.bin') symlinkSync(join(ROOT, 'node_modules', entry), join(copy, 'node_modules', entry));
      }
      const cli = (...args: string[]) => {
        try {
          return { code: 0, stderr: execFileSync(process.execPath, [join(copy, 'dist/bin.js'), ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
        } catch (error) {
          const failed = error as { status: number; stderr: string };
          return { code: failed.status, stderr: failed.stderr };
        }
      };
      const missing = cli('outcomes', '--verdicts', 'spring.jsonl', '--results', 'spring.csv');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('npm install @duckdb/node-api@1.5.6-r.1');
      expect(cli('rules').code).toBe(0);
      // The warehouse path needs no DuckDB.
      expect(cli('outcomes', '--sql').code).toBe(0);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
