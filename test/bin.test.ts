import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

/** What `npx creeplint` runs: the package's declared bin, built (tests run after `npm run build` in CI; `prepare` builds on install). */
describe('the creeplint executable', () => {
  const bin = join(ROOT, manifest.bin['creeplint'] ?? '');

  it('is a node script that runs the CLI', () => {
    expect(readFileSync(bin, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(manifest.version);
  });

  it('exits with the check’s code: 1 for the creepy example', () => {
    let code = 0;
    try {
      execFileSync(
        process.execPath,
        [bin, 'check', 'templates/creepy.hbs', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/full-consent.json', '--format', 'json'],
        { cwd: ROOT, encoding: 'utf8' },
      );
    } catch (error) {
      code = (error as { status: number }).status;
    }
    expect(code).toBe(1);
  });
});
