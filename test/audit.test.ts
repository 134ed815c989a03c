import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { run } from '../src/cli.js';
import { cliIn } from './cli-runner.js';
import { createChecker } from '../src/presend/checker.js';
import { defaultWorkerCount } from '../src/presend/audit-pool.js';
import { parseDataMap } from '../src/load/datamap.js';

const ROOT = resolve(import.meta.dirname, '..');
const TEMPLATE = `---\npurpose: [marketing, personalisation]\n---\n<p>Hi {{first_name}},</p>\n<p>{{last_viewed_product}}</p>\n<p><a href="{{preferences_url}}">Email preferences</a> <a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n`;

/** A project with the template, the data map, and a generated audience of known mix. */
function project(csv = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-audit-'));
  writeFileSync(join(dir, 'email.hbs'), TEMPLATE);
  writeFileSync(join(dir, 'datamap.yaml'), readFileSync(join(ROOT, 'fixtures/datamap.yaml')));
  const audience = execFileSync(
    process.execPath,
    [join(ROOT, 'scripts/generate-audience.mjs'), '--count', '1000', '--withdrawn', '0.2', '--missing', '0.1', '--malformed', '0.01', ...(csv ? ['--csv'] : [])],
    { encoding: 'utf8' },
  );
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
    const verdicts = readFileSync(join(dir, 'verdicts.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; verdict: string });
    expect(verdicts).toHaveLength(990);
    expect(verdicts[0]).toEqual({
      id: 'r-0',
      verdict: 'hold',
      score: expect.any(Number) as number,
      band: expect.any(String) as string,
      rules: expect.arrayContaining(['no-unconsented-field']) as string[],
    });
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
      ids.push(
        ...readFileSync(join(dir, `v-${shard[0] ?? ''}.jsonl`), 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { id: string }).id),
      );
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
    expect(
      result.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id),
    ).toEqual(['a', 'c']);
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

  it('uses, unless told, one fewer worker than the cores, two on two cores, and this thread alone on one', () => {
    expect([1, 2, 3, 4, 8].map((cores) => defaultWorkerCount(cores))).toEqual([1, 2, 2, 3, 7]);
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

const CSV_HEADER = 'id,first_name,last_viewed_product,unsubscribe_url,preferences_url,store_name,consent.marketing,consent.personalisation';
const csvRow = (id: string, name: string): string => `${id},${name},Trail shoes,https://shop.example/u/${id},https://shop.example/p/${id},Northern Trails,granted,granted`;
const jsonRow = (id: string): string =>
  JSON.stringify({
    id,
    data: {
      first_name: 'Layla',
      last_viewed_product: 'Trail shoes',
      unsubscribe_url: `https://shop.example/u/${id}`,
      preferences_url: `https://shop.example/p/${id}`,
      store_name: 'Northern Trails',
    },
    consent: { marketing: { granted: true }, personalisation: { granted: true } },
  });

/** Audit an audience file written as given; the summary and the ids that got a verdict. */
async function auditOf(name: string, content: string | Buffer): Promise<{ code: number; summary: Summary; ids: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-audience-'));
  writeFileSync(join(dir, 'email.hbs'), TEMPLATE);
  writeFileSync(join(dir, 'datamap.yaml'), readFileSync(join(ROOT, 'fixtures/datamap.yaml')));
  writeFileSync(join(dir, name), content);
  const result = await cliIn(dir, ...ARGS, '--profiles', name, '--output', 'verdicts.jsonl', '--workers', '1');
  const verdicts = readFileSync(join(dir, 'verdicts.jsonl'), 'utf8').trim();
  return {
    code: result.code,
    summary: JSON.parse(result.stdout) as Summary,
    ids: verdicts === '' ? [] : verdicts.split('\n').map((line) => (JSON.parse(line) as { id: string }).id),
  };
}

describe('creeplint audit counts CSV records exactly', () => {
  it('reads two stray quotes as one record, and an unclosed quote as one malformed record whose following rows are still read (issue 11)', async () => {
    const csv = [CSV_HEADER, csvRow('r-0', 'Name0'), csvRow('r-1', 'Na"me"1'), csvRow('r-2', '"Name2'), csvRow('r-3', 'Name3'), csvRow('r-4', 'Name4'), ''].join('\n');
    const { code, summary, ids } = await auditOf('audience.csv', csv);
    expect(code).toBe(2);
    expect({ read: summary.read, send: summary.send, hold: summary.hold, malformed: summary.malformed }).toEqual({ read: 5, send: 4, hold: 0, malformed: 1 });
    expect(summary.malformedRecords).toEqual([{ line: 4, message: 'invalid CSV: a quoted field is never closed' }]);
    expect(ids).toEqual(['r-0', 'r-1', 'r-3', 'r-4']);
  });

  it('reads quoted fields holding commas and line breaks as one record, and keeps counting lines after them', async () => {
    const csv = [
      CSV_HEADER,
      csvRow('r-0', '"Haddad, Layla"'),
      csvRow('r-1', '"Layla\nof the ""Trails"""'),
      csvRow('r-2', 'Name2'),
      'r-3,too,few',
      csvRow('r-4', '"Lay"la'),
      '',
      csvRow('r-5', 'Name5'),
    ].join('\r\n');
    const { summary, ids } = await auditOf('audience.csv', csv);
    expect({ read: summary.read, send: summary.send, malformed: summary.malformed }).toEqual({ read: 6, send: 4, malformed: 2 });
    expect(summary.read).toBe(summary.send + summary.hold + summary.malformed);
    expect(summary.malformedRecords).toEqual([
      // r-1 takes lines 3 and 4.
      { line: 6, message: 'invalid CSV: 3 fields where the header has 8' },
      { line: 7, message: 'invalid CSV: text after a closing quote (a quote inside a quoted field is written "")' },
    ]);
    expect(ids).toEqual(['r-0', 'r-1', 'r-2', 'r-5']);
  });

  it('counts every row after a header it cannot read as malformed, so nothing goes missing from the counts', async () => {
    const { summary } = await auditOf('audience.csv', ['id,first_name,first_name', 'r-0,A,B', 'r-1,C,D'].join('\n'));
    expect({ read: summary.read, malformed: summary.malformed }).toEqual({ read: 3, malformed: 3 });
    expect(summary.malformedRecords.map((record) => `${record.line}: ${record.message}`)).toEqual([
      '1: invalid CSV: columns 2 and 3 of the header on line 1 have the same name',
      '2: invalid CSV: columns 2 and 3 of the header on line 1 have the same name',
      '3: invalid CSV: columns 2 and 3 of the header on line 1 have the same name',
    ]);
  });
});

describe('creeplint audit reads audiences as people save them', () => {
  const csv = [CSV_HEADER, csvRow('r-0', 'Caf\u00e9'), csvRow('r-1', '"Haddad, Layla"'), csvRow('r-2', 'Name2'), ''].join('\r\n');
  const jsonl = [jsonRow('r-0'), jsonRow('r-1'), '{"id": "r-2", ', jsonRow('r-3'), ''].join('\r\n');
  const encodings: Record<string, (text: string) => Buffer> = {
    'UTF-8': (text) => Buffer.from(text),
    'UTF-8 with a byte order mark': (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    'UTF-16LE with a byte order mark': (text) => Buffer.from(`\uFEFF${text}`, 'utf16le'),
    'UTF-16BE with a byte order mark': (text) => Buffer.from(`\uFEFF${text}`, 'utf16le').swap16(),
  };

  for (const [encoding, encode] of Object.entries(encodings)) {
    it(`reads CSV and JSON Lines with CRLF in ${encoding}`, async () => {
      const fromCsv = await auditOf('audience.csv', encode(csv));
      expect(fromCsv.ids).toEqual(['r-0', 'r-1', 'r-2']);
      expect(fromCsv.summary.malformed).toBe(0);
      const fromJsonl = await auditOf('audience.jsonl', encode(jsonl));
      expect(fromJsonl.ids).toEqual(['r-0', 'r-1', 'r-3']);
      expect(fromJsonl.summary.malformedRecords).toEqual([{ line: 3, message: 'invalid JSON at column 15: Expected double-quoted property name' }]);
    });
  }
});

describe('creeplint audit as a step of a pipeline (issue 10)', () => {
  it('reads recipients from standard input and writes verdicts to standard output, as a file run does', async () => {
    const dir = project();
    const fromFile = await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'verdicts.jsonl', '--workers', '1');
    let streamed = '';
    let stderr = '';
    const code = await run([...ARGS, '--profiles', '-', '--output', '-', '--workers', '1'], {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      streamOut: (text) => {
        streamed += text;
        return undefined;
      },
      stdin: Readable.from([readFileSync(join(dir, 'audience.jsonl'))]),
      isTTY: false,
      cwd: dir,
    });
    expect(code).toBe(fromFile.code);
    expect(streamed).toBe(readFileSync(join(dir, 'verdicts.jsonl'), 'utf8'));
    // The verdicts take standard output: the summary goes to standard error.
    expect(JSON.parse(stderr)).toEqual(JSON.parse(fromFile.stdout));
  });

  it('reads CSV from standard input when told its format', async () => {
    const dir = project(true);
    let streamed = '';
    await run([...ARGS, '--profiles', '-', '--input-format', 'csv', '--workers', '1'], {
      stdout: () => undefined,
      stderr: () => undefined,
      streamOut: (text) => {
        streamed += text;
        return undefined;
      },
      stdin: Readable.from([readFileSync(join(dir, 'audience.csv'))]),
      isTTY: false,
      cwd: dir,
    });
    expect(streamed.trim().split('\n')).toHaveLength(990);
  });

  it("audit merge adds up the shards' summaries exactly", async () => {
    const dir = project();
    const whole = JSON.parse((await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'all.jsonl')).stdout) as Summary & {
      scoreHistogram: number[];
      bands: Record<string, number>;
      examples: Record<string, string[]>;
    };
    for (const shard of [0, 1, 2]) await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', `v${shard}.jsonl`, '--shard', `${shard}/3`, '--report', `s${shard}.json`);
    const merged = await cliIn(dir, 'audit', 'merge', 's0.json', 's1.json', 's2.json', '--format', 'json');
    expect(merged.code).toBe(2);
    const summary = JSON.parse(merged.stdout) as typeof whole;
    const { examples, ...counts } = summary;
    const { examples: wholeExamples, ...wholeCounts } = whole;
    expect(counts).toEqual(wholeCounts);
    for (const [band, ids] of Object.entries(examples)) expect(ids.length).toBe(Math.min(5, whole.bands[band] ?? 0));
    expect(Object.values(wholeExamples).flat().length).toBeGreaterThan(0);
    const text = await cliIn(dir, 'audit', 'merge', 's0.json', 's1.json', 's2.json');
    expect(text.stdout.split('\n')[0]).toBe('1000 recipients read: 790 send, 200 hold, 10 malformed');
  });

  it('audit merge refuses a file that is not a summary, saying where', async () => {
    const dir = project();
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ read: -1, send: 1, hold: 0, malformed: 0, bands: {}, holdReasons: [], malformedRecords: [], scoreHistogram: [], examples: {} }, null, 2),
    );
    const result = await cliIn(dir, 'audit', 'merge', 'broken.json');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe('broken.json:2:3: `read` must be a count (a whole number, 0 or more)');
  });

  it("--holdout with --campaign writes each recipient's group, the same on every run and shard, and counts them", async () => {
    const dir = project();
    const first = await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'h1.jsonl', '--holdout', '10%', '--campaign', 'autumn');
    const groups = (file: string): Map<string, string> =>
      new Map(
        readFileSync(join(dir, file), 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { id: string; group: string })
          .map((verdict) => [verdict.id, verdict.group]),
      );
    const all = groups('h1.jsonl');
    expect(new Set(all.values())).toEqual(new Set(['control', 'personalised']));
    const summary = JSON.parse(first.stdout) as { groups: Record<string, number> };
    expect(summary.groups['control']).toBe([...all.values()].filter((group) => group === 'control').length);
    for (const shard of [0, 1]) {
      await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', `hs${shard}.jsonl`, '--holdout', '0.1', '--campaign', 'autumn', '--shard', `${shard}/2`);
      for (const [id, group] of groups(`hs${shard}.jsonl`)) expect(all.get(id)).toBe(group);
    }
    await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--output', 'h2.jsonl', '--holdout', '10%', '--campaign', 'winter');
    expect([...groups('h2.jsonl')].filter(([id, group]) => all.get(id) !== group).length).toBeGreaterThan(50);
    const alone = await cliIn(dir, ...ARGS, '--profiles', 'audience.jsonl', '--holdout', '10%');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--holdout and --campaign go together');
  });
});

describe('one verdict rule: a score above the maximum holds the email (issue 10)', () => {
  // Warnings only, and a creepy score: eight observed details in one email.
  const FIELDS = ['seen_a', 'seen_b', 'seen_c', 'seen_d', 'seen_e', 'seen_f', 'seen_g', 'seen_h'];
  const DATA_MAP_TEXT = [
    'version: 1',
    'purposes:',
    '  personalisation: { basis: consent }',
    'fields:',
    ...FIELDS.map((field) => `  ${field}: { category: user.behavior.browsing_history, source: observed, purposes: [personalisation] }`),
    '  unsubscribe_url: { category: system.operations, source: system }',
    '  preferences_url: { category: system.operations, source: system }',
    '',
  ].join('\n');
  const CREEPY = `---\npurpose: personalisation\n---\n<p>${FIELDS.map((field) => `{{${field}}}`).join(', ')}</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="{{preferences_url}}">Email preferences</a></p>\n`;
  const recipient = {
    id: 'r-1',
    data: { ...Object.fromEntries(FIELDS.map((field) => [field, `Item ${field}`])), unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' },
    consent: { personalisation: { granted: true } },
  };

  it('holds it in the checker, the audit and the CLI, and says the score did', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-max-score-'));
    writeFileSync(join(dir, 'email.hbs'), CREEPY);
    writeFileSync(join(dir, 'datamap.yaml'), DATA_MAP_TEXT);
    writeFileSync(join(dir, 'r.json'), JSON.stringify(recipient));
    writeFileSync(join(dir, 'audience.jsonl'), `${JSON.stringify(recipient)}\n`);
    const checked = await cliIn(dir, 'check', 'email.hbs', '--datamap', 'datamap.yaml', '--profile', 'r.json', '--format', 'json');
    const result = (JSON.parse(checked.stdout) as { results: { score: number; verdict: string; holdReasons: string[]; findings: { severity: string }[] }[] }).results[0];
    expect(result?.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(result?.score).toBeGreaterThan(74);
    expect({ verdict: result?.verdict, holdReasons: result?.holdReasons }).toEqual({ verdict: 'hold', holdReasons: ['max-score'] });
    expect(checked.code).toBe(1);
    const checker = createChecker({ template: CREEPY, file: 'email.hbs', dataMap: parseDataMap(DATA_MAP_TEXT, 'datamap.yaml') });
    expect(await checker.check(recipient)).toMatchObject({ verdict: 'hold', holdReasons: ['max-score'], score: result?.score });
    const audited = await cliIn(dir, 'audit', 'email.hbs', '--datamap', 'datamap.yaml', '--profiles', 'audience.jsonl', '--format', 'json', '--workers', '1');
    expect(audited.code).toBe(1);
    expect((JSON.parse(audited.stderr) as Summary).holdReasons).toEqual([{ ruleId: 'max-score', count: 1 }]);
    expect((JSON.parse(audited.stdout) as { verdict: string }).verdict).toBe('hold');
    // A higher maximum sends it, everywhere alike.
    expect((await cliIn(dir, 'check', 'email.hbs', '--datamap', 'datamap.yaml', '--profile', 'r.json', '--max-score', '100')).code).toBe(0);
    const lenient = await cliIn(dir, 'audit', 'email.hbs', '--datamap', 'datamap.yaml', '--profiles', 'audience.jsonl', '--max-score', '100', '--workers', '1');
    expect((JSON.parse(lenient.stdout) as { verdict: string }).verdict).toBe('send');
    expect(lenient.code).toBe(0);
    expect(
      await createChecker({ template: CREEPY, file: 'email.hbs', dataMap: parseDataMap(DATA_MAP_TEXT, 'datamap.yaml'), config: { maxScore: 100 } }).check(recipient),
    ).toMatchObject({ verdict: 'send', holdReasons: [] });
  });
});
