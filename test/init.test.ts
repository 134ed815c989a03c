import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(profile.data['order']).toEqual({
      items: [{ name: 'example name', price: 'example price', quantity: 'example quantity' }],
      number: 'example number',
      total: 'example total',
    });

    // The starter project runs as it is.
    const check = await cli(dir, 'check', '--profile', 'profiles/example.json');
    expect([0, 1]).toContain(check.code);
    expect(check.stderr).toBe('');
  });

  it('guesses carefully on a folder of templates it has never seen: whole paths, least favourable sources, no purposes, roles on links', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-init-'));
    mkdirSync(join(dir, 'emails', 'partials'), { recursive: true });
    const emails: Record<string, string> = {
      'emails/back-in-stock.hbs':
        '---\npurpose: [marketing, personalisation]\nsubject: "{{customer.first_name}}, {{product_name}} is back"\n---\n' +
        '<p>Hi {{customer.first_name}}, from {{store.name}} in {{store.city}}.</p>\n' +
        '{{#each recommended}}<a href="{{url}}">{{name}}</a>{{/each}}\n' +
        '{{#if baby_due_date}}<p>Ready for the big day?</p>{{/if}}\n{{> footer}}\n',
      'emails/receipt.hbs':
        '---\npurpose: transactional\n---\n<p>Order {{order_number}} for {{billing.first_name}} in {{billing.city}}</p>\n' +
        '{{#each order.items}}<p>{{name}}: {{price}}</p>{{/each}}\n<p>{{predicted_churn}} {{partner_income_band}}</p>\n{{> footer}}\n',
      'emails/partials/footer.hbs':
        '<a href="{{unsubscribe_url}}">Stop these</a> <a href="{{manage_preferences_link}}">Choose what you get</a> <a href="{{privacy_policy_url}}">Privacy</a>\n',
    };
    for (const [file, text] of Object.entries(emails)) writeFileSync(join(dir, file), text);

    const result = await cli(dir, 'init', 'emails');
    expect([result.code, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('sources default to the least\nfavourable plausible one and purposes to none');
    const text = readFileSync(join(dir, 'datamap.yaml'), 'utf8');
    const dataMap = parseDataMap(text, 'datamap.yaml');
    expect(dataMap.warnings).toEqual([]);
    const guessed = Object.fromEntries([...dataMap.fields].map(([path, spec]) => [path, [spec.category, spec.source, spec.purposes.length, spec.role ?? null]]));
    expect(guessed).toEqual({
      baby_due_date: ['user.health_and_medical', 'inferred', 0, null],
      'billing.city': ['user.contact.address.city', 'third_party', 0, null],
      'billing.first_name': ['user.name.first', 'third_party', 0, null],
      'customer.first_name': ['user.name.first', 'third_party', 0, null],
      manage_preferences_link: ['system.operations', 'system', 3, 'preferences'],
      'order.items': ['user.behavior.purchase_history', 'observed', 0, null],
      'order.items[].name': ['user.behavior.purchase_history', 'observed', 0, null],
      'order.items[].price': ['user.behavior.purchase_history', 'observed', 0, null],
      order_number: ['system.operations', 'system', 0, null],
      partner_income_band: ['user.financial', 'third_party', 0, null],
      predicted_churn: ['user.behavior', 'inferred', 0, null],
      privacy_policy_url: ['system.operations', 'system', 3, 'privacy-notice'],
      product_name: ['user.behavior.browsing_history', 'observed', 0, null],
      recommended: ['user.behavior.purchase_history', 'inferred', 0, null],
      'recommended[].name': ['user.behavior.purchase_history', 'inferred', 0, null],
      'recommended[].url': ['user.behavior.purchase_history', 'inferred', 0, null],
      'store.city': ['user.location.imprecise', 'inferred', 0, null],
      'store.name': ['system.operations', 'system', 0, null],
      unsubscribe_url: ['system.operations', 'system', 3, 'unsubscribe'],
    });
    // Every field is marked as a guess, from its words, right above it.
    const lines = text.split('\n');
    for (const path of dataMap.fields.keys()) {
      const at = lines.findIndex((line) => line.startsWith(`  ${path}: {`));
      expect(lines[at - 2]).toMatch(
        new RegExp(`^  # guess: ${JSON.stringify(path).replace(/[.[\]$]/gu, '\\$&')} is .+ \\(from the words? ".+\\); review category, source and purposes$`, 'u'),
      );
      expect(lines[at - 1]).toMatch(/^ {2}# {3}source (observed|inferred|third_party|system): ./u);
    }

    // The first check runs, and reports a purpose mismatch on every personal field until someone decides.
    const check = await cli(dir, 'check', '--profile', 'profiles/example.json', '--format', 'json');
    expect([check.code, check.stderr]).toEqual([1, '']);
    const report = JSON.parse(check.stdout) as { results: { template: string; findings: { ruleId: string; field?: string }[] }[] };
    const mismatched = new Set(report.results.flatMap((entry) => entry.findings.filter((finding) => finding.ruleId === 'no-purpose-mismatch').map((finding) => finding.field)));
    expect([...mismatched].sort()).toEqual([
      'baby_due_date',
      'billing.city',
      'billing.first_name',
      'customer.first_name',
      'order.items',
      'order.items[].name',
      'order.items[].price',
      'partner_income_band',
      'predicted_churn',
      'product_name',
      'recommended',
      'recommended[].name',
      'recommended[].url',
      'store.city',
    ]);
    const fields = await cli(dir, 'fields', 'emails/receipt.hbs');
    expect(fields.stdout).toContain('unsubscribe_url          system.operations, system, role unsubscribe  (print)');

    // The same templates give the same file.
    expect((await cli(dir, 'init', 'emails', '--force')).code).toBe(0);
    expect(readFileSync(join(dir, 'datamap.yaml'), 'utf8')).toBe(text);
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
