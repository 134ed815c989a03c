import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/commands/io.js';
import { DataMapError, parseDataMap } from '../../src/load/datamap.js';
import { cliIn } from '../cli-runner.js';

/** Five kinds of problem, several on one field, one behind another: each used to hide the next. */
const BROKEN = [
  'version: 1',
  'purposes:',
  '  marketing: { basis: consent }',
  '  transactional: { basis: contracts }',
  'fields:',
  '  first_name: { category: user.name.first, source: declard, purposes: [marketting] }',
  '  email: { category: usr.contact.email, source: declared, purposes: [marketing], colour: blue }',
  '  unsubscribe_url: { category: system.operations, source: system, role: unsub }',
  '  order.total: { category: user.financial, source: declared, purposes: [transactional] }',
  '  loyalty_tier: { category: user.account.tier, source: declared, purposes: [marketing] }',
  '',
].join('\n');

describe('data map problems are reported all at once', () => {
  it('every structural and reference problem in one pass, in the file’s order, with the warnings beside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-datamap-'));
    writeFileSync(join(dir, 'datamap.yaml'), BROKEN);
    writeFileSync(join(dir, 'email.hbs'), '---\npurpose: marketing\n---\n<p>Hi {{first_name}}</p>\n');
    const result = await cliIn(dir, 'check', 'email.hbs', '--datamap', 'datamap.yaml');
    expect(result.code).toBe(EXIT.input);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toEqual([
      'datamap.yaml:4:20: purpose `transactional`: basis must be one of consent, contract, legitimate_interest, legal_obligation',
      'datamap.yaml:6:44: field `first_name`: unknown source "declard"; expected one of declared, observed, inferred, third_party, system',
      'datamap.yaml:6:72: field `first_name`: unknown purpose `marketting`; declared purposes are marketing, transactional',
      'datamap.yaml:7:12: field `email`: unknown category root `usr.contact.email`; expected a key under user or system (or one declared under categories)',
      'datamap.yaml:7:82: field `email`: unknown key `colour`; expected category, source, purposes, role or description',
      'datamap.yaml:8:67: field `unsubscribe_url`: unknown role "unsub"; expected one of unsubscribe, preferences, privacy-notice',
      'datamap.yaml:10:19: warning: field `loyalty_tier`: unknown category `user.account.tier`, using its parent `user.account`',
      '',
    ]);
  });

  it('the library gets them as a list, each with its position', () => {
    let thrown: unknown;
    try {
      parseDataMap(BROKEN, 'datamap.yaml');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DataMapError);
    const error = thrown as DataMapError;
    expect(error.problems.map((problem) => `${problem.line}:${problem.column}`)).toEqual(['4:20', '6:44', '6:72', '7:12', '7:82', '8:67']);
    expect(error.warnings.map((warning) => warning.line)).toEqual([10]);
  });

  it('a comma inside a flow mapping, read by YAML as a second key, says so', () => {
    expect(() => parseDataMap('purposes:\n  marketing: { basis: consent, description: News, offers }\nfields: {}\n', 'map.yaml')).toThrow(
      'purpose `marketing`: unknown key `offers`; expected basis or description (a comma inside `{ … }` starts a new key: put text with a comma in quotes)',
    );
  });

  it('a declared custom category with a bad setting still resolves for the fields that name it', () => {
    expect(() =>
      parseDataMap(
        'purposes:\n  m: { basis: consent }\ncategories:\n  club.member: { sensitivity: 3, special: maybe }\nfields:\n  tier: { category: club.member, source: declared, purposes: [m] }\n',
        'map.yaml',
      ),
    ).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ line: 4, column: 18 }), expect.objectContaining({ line: 4, column: 34 })] }) as Error);
  });
});
