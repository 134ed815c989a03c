import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/cli.js';
import { REPORTER_NAMES } from '../src/report/index.js';
import { cliIn, scratch } from './cli-runner.js';

const DATAMAP = 'fixtures/datamap.yaml';
const FULL = 'fixtures/profiles/full-consent.json';
const TEMPLATE = 'templates/order-confirmation.hbs';

/** Issue 13: an input error never looks like a pass. */
describe('an input error exits 2 and prints no report made without that input', () => {
  for (const format of REPORTER_NAMES) {
    it(`--profile missing.json prints nothing on stdout in ${format}, and the problem on stderr`, async () => {
      const result = await cliIn(undefined, 'check', TEMPLATE, '--datamap', DATAMAP, '--profile', FULL, '--profile', 'missing.json', '--format', format);
      expect(result).toEqual({ code: EXIT.input, stdout: '', stderr: 'missing.json: cannot read the profile file\n' });
    });
  }

  it('a template that does not exist prints no "✔ 0 emails checked, no problems"', async () => {
    const result = await cliIn(undefined, 'check', 'templates/nope.hbs', '--datamap', DATAMAP, '--profile', FULL);
    expect(result).toEqual({ code: EXIT.input, stdout: '', stderr: 'templates/nope.hbs: no such file or directory\n' });
    const empty = scratch({});
    const folder = await cliIn(undefined, 'check', empty, '--datamap', DATAMAP);
    expect(folder.code).toBe(EXIT.input);
    expect(folder.stdout).toBe('');
    expect(folder.stderr).toMatch(/: matches no template \(\.hbs, /u);
  });

  it('a broken JSON profile is told in JSON’s words at its position, never YAML’s', async () => {
    const dir = scratch({ 'broken.json': '{\n"id": "x",\n"data": {\n"a": 1\n}\n' });
    const result = await cliIn(dir, 'check', join(process.cwd(), TEMPLATE), '--datamap', join(process.cwd(), DATAMAP), '--profile', 'broken.json');
    expect(result).toEqual({ code: EXIT.input, stdout: '', stderr: "broken.json:6:1: invalid JSON: Expected ',' or '}' after property value\n" });
    expect(result.stderr).not.toMatch(/Flow map|YAML/u);
  });

  it('tells every problem at once, one line each, with no stack trace', async () => {
    const dir = scratch({ 'a.json': '{"id": "a",}', 'b.json': '[1]' });
    const result = await cliIn(dir, 'check', join(process.cwd(), TEMPLATE), 'nope.hbs', '--datamap', join(process.cwd(), DATAMAP), '--profile', 'a.json', '--profile', 'b.json');
    expect(result.code).toBe(EXIT.input);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      'a.json:1:12: invalid JSON: Expected double-quoted property name',
      'b.json:1:1: a profile must be an object with `id`, `data` and `consent`',
      'nope.hbs: no such file or directory',
      '',
    ]);
  });

  it('writes no --output file and no baseline from a run with an input error', async () => {
    const dir = scratch({});
    const cwd = process.cwd();
    const result = await cliIn(
      dir,
      'check',
      join(cwd, TEMPLATE),
      '--datamap',
      join(cwd, DATAMAP),
      '--profile',
      'missing.json',
      '--format',
      'sarif',
      '--output',
      'report.sarif',
      '--update-baseline',
    );
    expect(result.code).toBe(EXIT.input);
    expect(existsSync(join(dir, 'report.sarif'))).toBe(false);
    expect(existsSync(join(dir, '.creeplint-baseline.json'))).toBe(false);
  });

  it('fields lists nothing for a run with a missing template', async () => {
    const result = await cliIn(undefined, 'fields', TEMPLATE, 'templates/nope.hbs', '--datamap', DATAMAP);
    expect(result).toEqual({ code: EXIT.input, stdout: '', stderr: 'templates/nope.hbs: no such file or directory\n' });
  });
});
