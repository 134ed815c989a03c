import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn } from './cli-runner.js';
import { parseConfig } from '../src/load/config.js';
import { parseDataMap } from '../src/load/datamap.js';
import { parseProfile } from '../src/load/profile.js';

const ROOT = resolve(import.meta.dirname, '..');

const cli = cliIn;

describe('creeplint init', () => {
  it('writes a valid starter configuration, a data map of exactly the fields the templates read, and an example profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-init-'));
    cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
    const result = await cli(dir, 'init');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('datamap.yaml (21 fields)');

    const config = parseConfig(readFileSync(join(dir, 'creeplint.config.yaml'), 'utf8'), 'creeplint.config.yaml', dir);
    expect(config.templates).toEqual(['templates']);
    expect(config.partials).toEqual(['templates/partials']);
    const dataMap = parseDataMap(readFileSync(join(dir, 'datamap.yaml'), 'utf8'), 'datamap.yaml');
    const fields = await cli(join(ROOT), 'fields', 'templates', '--format', 'json');
    const read = new Set((JSON.parse(fields.stdout) as { fields: { field: string }[] }[]).flatMap((entry) => entry.fields.map((field) => field.field)));
    expect([...dataMap.fields.keys()].sort()).toEqual([...read].sort());
    expect(dataMap.fields.get('first_name')?.category).toBe('user.name.first');
    expect(dataMap.fields.get('unsubscribe_url')?.source).toBe('system');
    const profile = parseProfile(readFileSync(join(dir, 'profiles/example.json'), 'utf8'), 'profiles/example.json');
    expect(profile.data['order']).toEqual({ items: [{ name: 'example name', price: 'example price', quantity: 'example quantity' }], number: 'example number', total: 'example total' });

    // The starter project runs as it is.
    const check = await cli(dir, 'check', '--profile', 'profiles/example.json');
    expect([0, 1]).toContain(check.code);
    expect(check.stderr).toBe('');
  });

  it('never overwrites without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-init-'));
    cpSync(join(ROOT, 'templates'), join(dir, 'emails'), { recursive: true });
    expect((await cli(dir, 'init', 'emails')).code).toBe(0);
    const again = await cli(dir, 'init', 'emails');
    expect(again.code).toBe(2);
    expect(again.stderr).toBe('creeplint: creeplint.config.yaml, datamap.yaml, profiles/example.json already exist; nothing written (use --force to overwrite)\n');
    expect((await cli(dir, 'init', 'emails', '--force')).code).toBe(0);
  });
});
