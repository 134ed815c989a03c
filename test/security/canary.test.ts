import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTER_NAMES } from '../../src/report/index.js';
import { cliIn } from '../cli-runner.js';

/**
 * No customer value in any output meant for CI or logs: every value of every fixture
 * profile is replaced by one holding a canary, and every format but html (which shows
 * values to the people who own the data, by design) and every summary must not contain it.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const CANARY = 'CANARY-9q7x';

/** Every string in a value replaced by one holding the canary; numbers and booleans too, as strings. */
function canaried(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => canaried(item, `${path}.${index}`));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, canaried(inner, `${path}.${key}`)]));
  if (value === null || typeof value === 'boolean') return value;
  return `${CANARY} ${path} at 21:41 <b>"'&`;
}

function project(): { dir: string; profiles: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-canary-'));
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/datamap.yaml'), join(dir, 'datamap.yaml'));
  // An attribute printed from a field: mjml rejects the value, and must not quote it.
  writeFileSync(
    join(dir, 'templates/attribute.mjml'),
    '---\npurpose: marketing\n---\n<mjml><mj-body><mj-section><mj-column><mj-text color="{{first_name}}" padding="{{store_name}}">Hi</mj-text></mj-column></mj-section></mj-body></mjml>\n',
  );
  const profiles = readdirSync(join(ROOT, 'fixtures/profiles')).map((name) => {
    const original = JSON.parse(readFileSync(join(ROOT, 'fixtures/profiles', name), 'utf8')) as { data: unknown };
    writeFileSync(join(dir, name), JSON.stringify({ ...original, data: canaried(original.data, 'data') }));
    return name;
  });
  writeFileSync(join(dir, 'audience.jsonl'), `${profiles.map((name) => readFileSync(join(dir, name), 'utf8')).join('\n')}\n`);
  return { dir, profiles };
}

describe('a canary in every profile value never reaches an output meant for CI or logs', () => {
  for (const format of REPORTER_NAMES.filter((name) => name !== 'html')) {
    it(`creeplint check --format ${format}`, async () => {
      const { dir, profiles } = project();
      const result = await cliIn(dir, 'check', 'templates', '--datamap', 'datamap.yaml', ...profiles.flatMap((name) => ['--profile', name]), '--format', format);
      expect(result.stdout.length).toBeGreaterThan(100);
      expect(result.stdout).not.toContain(CANARY);
      expect(result.stderr).not.toContain(CANARY);
    });
  }

  it('the invalid-mjml finding names the attribute and its type, not the value', async () => {
    const { dir, profiles } = project();
    const result = await cliIn(dir, 'check', 'templates/attribute.mjml', '--datamap', 'datamap.yaml', '--profile', profiles[0] ?? '', '--format', 'json');
    const messages = (JSON.parse(result.stdout) as { results: { findings: { ruleId: string; message: string }[] }[] }).results[0]?.findings
      .filter((finding) => finding.ruleId === 'invalid-mjml')
      .map((finding) => finding.message);
    expect(messages?.length).toBeGreaterThan(0);
    for (const message of messages ?? []) expect(message).toMatch(/^MJML: Attribute (color|padding) has an invalid value for type (Color|Unit)/u);
  });

  it('creeplint audit: verdicts and every summary format', async () => {
    const { dir } = project();
    for (const format of ['text', 'json', 'html']) {
      const result = await cliIn(dir, 'audit', 'templates/creepy.hbs', '--datamap', 'datamap.yaml', '--profiles', 'audience.jsonl', '--format', format, '--workers', '1');
      expect(result.stdout).not.toContain(CANARY);
      expect(result.stderr).not.toContain(CANARY);
    }
  });
});
