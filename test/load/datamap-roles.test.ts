import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/commands/io.js';
import { parseDataMap } from '../../src/load/datamap.js';
import { FIELD_ROLES, fieldsWithRole } from '../../src/model/datamap.js';
import { InputError } from '../../src/model/input-error.js';
import { cliIn } from '../cli-runner.js';

const HEAD = 'version: 1\npurposes:\n  marketing: { basis: consent }\nfields:\n';

function errorOf(text: string): string {
  try {
    parseDataMap(text, 'map.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.toString();
    throw error;
  }
  throw new Error('expected the data map to be refused');
}

describe('field roles in the data map', () => {
  it('reads a role on a system link, and finds the fields with a role in the order the data map lists them', () => {
    const map = parseDataMap(
      HEAD +
        '  unsubscribe_url: { category: system.operations, source: system, role: unsubscribe }\n' +
        '  first_name: { category: user.name.first, source: declared, purposes: [marketing] }\n' +
        '  links.optout: { category: system.operations, source: system, role: unsubscribe }\n' +
        '  prefs: { category: system.operations, source: system, role: preferences }\n' +
        '  legal.privacy: { category: system, source: system, role: privacy-notice }\n',
      'map.yaml',
    );
    expect(map.warnings).toEqual([]);
    expect(map.fields.get('unsubscribe_url')?.role).toBe('unsubscribe');
    expect(map.fields.get('first_name')?.role).toBeUndefined();
    expect('role' in (map.fields.get('first_name') ?? {})).toBe(false);
    expect(fieldsWithRole(map, 'unsubscribe').map((field) => field.path)).toEqual(['unsubscribe_url', 'links.optout']);
    expect(fieldsWithRole(map, 'preferences').map((field) => field.path)).toEqual(['prefs']);
    expect(fieldsWithRole(map, 'privacy-notice').map((field) => field.path)).toEqual(['legal.privacy']);
    // A role field with no purposes is system data: it may serve every purpose.
    expect(map.fields.get('prefs')?.purposes).toEqual(['marketing']);
  });

  it('knows exactly three roles', () => {
    expect(FIELD_ROLES).toEqual(['unsubscribe', 'preferences', 'privacy-notice']);
  });

  it("an unknown role is an error at its key's line and column, told with the other problems and the warnings", () => {
    expect(
      errorOf(
        HEAD +
          '  unsubscribe_url: { category: system.operations, source: system, role: unsubscribe-link }\n' +
          '  help_url: { category: system.operations, source: system, role: 3 }\n' +
          '  x: { category: user.name, source: declared, purposes: [surveys], role: preferences }\n',
      ).split('\n'),
    ).toEqual([
      'map.yaml:5:67: field `unsubscribe_url`: unknown role "unsubscribe-link"; expected one of unsubscribe, preferences, privacy-notice',
      'map.yaml:6:60: field `help_url`: unknown role 3; expected one of unsubscribe, preferences, privacy-notice',
      'map.yaml:7:58: field `x`: unknown purpose `surveys`; declared purposes are marketing',
      'map.yaml:7:68: warning: field `x`: role `preferences` on a field that is not system data (its source is `declared`, not `system`; its category `user.name` is personal data, not under `system`): a role field is a link the company owns, so give it `source: system` and a category under `system` such as system.operations',
    ]);
  });

  it('an unknown key names role among the keys a field may have', () => {
    expect(errorOf(`${HEAD}  u: { category: system.operations, source: system, rol: unsubscribe }\n`)).toBe(
      'map.yaml:5:53: field `u`: unknown key `rol`; expected category, source, purposes, role or description',
    );
  });

  it('a role on personal data is a warning that says why: a role field is a link the company owns', () => {
    const map = parseDataMap(
      HEAD +
        '  a: { category: user.contact.url, source: declared, purposes: [marketing], role: unsubscribe }\n' +
        '  b: { category: system.operations, source: observed, purposes: [marketing], role: preferences }\n' +
        '  c: { category: user.contact.url, source: system, role: privacy-notice }\n',
      'map.yaml',
    );
    expect(map.fields.get('a')?.role).toBe('unsubscribe');
    expect(map.warnings).toEqual([
      {
        file: 'map.yaml',
        line: 5,
        column: 77,
        message:
          'field `a`: role `unsubscribe` on a field that is not system data (its source is `declared`, not `system`; its category `user.contact.url` is personal data, not under `system`): a role field is a link the company owns, so give it `source: system` and a category under `system` such as system.operations',
      },
      {
        file: 'map.yaml',
        line: 6,
        column: 78,
        message:
          'field `b`: role `preferences` on a field that is not system data (its source is `observed`, not `system`): a role field is a link the company owns, so give it `source: system` and a category under `system` such as system.operations',
      },
      {
        file: 'map.yaml',
        line: 7,
        column: 52,
        message:
          'field `c`: role `privacy-notice` on a field that is not system data (its category `user.contact.url` is personal data, not under `system`): a role field is a link the company owns, so give it `source: system` and a category under `system` such as system.operations',
      },
    ]);
  });
});

describe('roles where the data map is described', () => {
  it('creeplint fields shows a field role, in text and JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-roles-'));
    writeFileSync(
      join(dir, 'map.yaml'),
      `${HEAD}  first_name: { category: user.name.first, source: declared, purposes: [marketing] }\n  opt_out: { category: system.operations, source: system, role: unsubscribe }\n`,
    );
    writeFileSync(join(dir, 'email.hbs'), '---\npurpose: marketing\n---\n<p>Hi {{first_name}}</p><a href="{{opt_out}}">Stop these</a>\n');
    const text = await cliIn(dir, 'fields', 'email.hbs', '--datamap', 'map.yaml');
    expect([text.code, text.stderr]).toEqual([EXIT.ok, '']);
    expect(text.stdout.split('\n')).toEqual([
      'email.hbs',
      '  first_name  user.name.first, declared  (print)',
      '  opt_out     system.operations, system, role unsubscribe  (print)',
      '',
    ]);
    const json = JSON.parse((await cliIn(dir, 'fields', 'email.hbs', '--datamap', 'map.yaml', '--format', 'json')).stdout) as { fields: Record<string, unknown>[] }[];
    expect(json[0]?.fields.map((field) => [field['field'], field['role']])).toEqual([
      ['first_name', undefined],
      ['opt_out', 'unsubscribe'],
    ]);
  });
});
