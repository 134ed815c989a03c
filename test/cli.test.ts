import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { EXIT, run } from '../src/cli.js';
import { cliIn, scratch, type CliRun } from './cli-runner.js';

async function cli(...args: string[]): Promise<CliRun> {
  return cliIn(undefined, ...args);
}

const DATAMAP = 'fixtures/datamap.yaml';
const FULL = 'fixtures/profiles/full-consent.json';

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync('schema/report.schema.json', 'utf8')) as object);
}

describe('creeplint check', () => {
  it('exits 0 for a clean, helpful email', async () => {
    const result = await cli('check', 'templates/order-confirmation.hbs', '--datamap', DATAMAP, '--profile', FULL);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('templates/order-confirmation.hbs × cust-1001');
    expect(result.stdout).toContain('score 0 helpful');
    expect(result.stderr).toBe('');
  });

  it('exits 1 on an error finding', async () => {
    const result = await cli('check', 'templates/browse-abandon.hbs', '--datamap', DATAMAP, '--profile', 'fixtures/profiles/withdrawn-consent.json');
    expect(result.code).toBe(EXIT.findings);
    expect(result.stdout).toMatch(/2:1 +error +The recipient has withdrawn or refused `personalisation`/u);
  });

  it('exits 1 when a score is above --max-score, 0 when within it', async () => {
    const args = ['check', 'templates/recommendation.hbs', '--datamap', DATAMAP, '--profile', FULL];
    expect((await cli(...args, '--max-score', '3')).code).toBe(EXIT.findings);
    expect((await cli(...args, '--max-score', '74')).code).toBe(EXIT.ok);
  });

  it('exits 2 with one line naming file and position for a bad data map, and no stack trace', async () => {
    const dir = scratch({
      'map.yaml':
        'purposes:\n  marketing: { basis: consent }\nfields:\n  x: { category: user.name, source: guessed, purposes: [marketing] }\n  y: { category: user.name, source: declared, purposes: [surveys] }\n  z: { category: customer.tier, source: declared, purposes: [marketing] }\n',
    });
    const result = await cli('check', 'templates/newsletter.mjml', '--datamap', join(dir, 'map.yaml'));
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${join(dir, 'map.yaml')}:4:29: field \`x\`: unknown source "guessed"; expected one of declared, observed, inferred, third_party, system`,
      `${join(dir, 'map.yaml')}:5:58: field \`y\`: unknown purpose \`surveys\`; declared purposes are marketing`,
      `${join(dir, 'map.yaml')}:6:8: field \`z\`: unknown category root \`customer.tier\`; expected a key under user or system (or one declared under categories)`,
    ]);
    expect(result.stderr).not.toMatch(/\n\s+at /u);
  });

  it("exits 2 for invalid JSON in a profile, told in JSON's words, and prints no report made without it", async () => {
    const dir = scratch({ 'bad.json': '{ "id": "x",\n  "data": { "a": 1, }\n}' });
    const result = await cli('check', 'templates/order-confirmation.hbs', '--datamap', DATAMAP, '--profile', join(dir, 'bad.json'), '--profile', FULL, '--format', 'json');
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toBe(`${join(dir, 'bad.json')}:2:21: invalid JSON: Expected double-quoted property name\n`);
    expect(result.stdout).toBe('');
  });

  it('exits 2 for a missing template and an unknown option', async () => {
    const missing = await cli('check', 'templates/nope.hbs', '--datamap', DATAMAP);
    expect(missing.code).toBe(EXIT.input);
    expect(missing.stderr).toBe('templates/nope.hbs: no such file or directory\n');
    // Not "✔ 0 emails checked, no problems".
    expect(missing.stdout).toBe('');
    expect((await cli('check', 'templates', '--frobnicate')).code).toBe(EXIT.input);
    expect((await cli('check', 'templates', '--max-score', 'lots')).code).toBe(EXIT.input);
  });

  it('writes JSON that matches the published schema, one result per template and profile', async () => {
    const result = await cli('check', 'templates', '--datamap', DATAMAP, '--profile', FULL, '--profile', 'fixtures/profiles/withdrawn-consent.json', '--format', 'json');
    const report = JSON.parse(result.stdout) as { results: { template: string; profile: string }[] };
    const validate = validator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.results).toHaveLength(16);
    expect(new Set(report.results.map((r) => `${r.template}|${r.profile}`)).size).toBe(16);
  });

  it('writes to --output and keeps stdout empty', async () => {
    const dir = scratch({});
    const out = join(dir, 'report.json');
    const result = await cli('check', 'templates/newsletter.mjml', '--datamap', DATAMAP, '--profile', FULL, '--format', 'json', '--output', out);
    expect(result.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { results: unknown[] }).results).toHaveLength(1);
  });

  it('never prints customer values in stylish or json output', async () => {
    const values = ['Layla', 'Haddad', 'layla@example.com', 'Waterproof trail jacket', 'Briggate, Leeds', '£60k–£80k', '12 Park Row', 'Trail running shoes'];
    for (const format of ['stylish', 'json']) {
      const result = await cli('check', 'templates', '--datamap', DATAMAP, '--profile', FULL, '--format', format);
      for (const value of values) expect(result.stdout + result.stderr).not.toContain(value);
    }
  });

  it('colours only when asked for a TTY', async () => {
    let stdout = '';
    await run(['check', 'templates/creepy.hbs', '--datamap', DATAMAP, '--profile', FULL], { stdout: (t) => (stdout += t), stderr: () => undefined, isTTY: true });
    expect(stdout).toContain('\u001b[');
    expect((await cli('check', 'templates/creepy.hbs', '--datamap', DATAMAP, '--profile', FULL)).stdout).not.toContain('\u001b[');
  });
});

describe('creeplint fields', () => {
  it('lists the fields each template reads, with category, source and uses', async () => {
    const result = await cli('fields', 'templates/order-confirmation.hbs', '--datamap', DATAMAP);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout.split('\n')).toEqual([
      'templates/order-confirmation.hbs',
      '  first_name               user.name.first, declared  (print, condition)',
      '  order.items              user.behavior.purchase_history, declared  (iteration)',
      '  order.items[].name       user.behavior.purchase_history, declared  (print)',
      '  order.items[].price      user.behavior.purchase_history, declared  (print)',
      '  order.items[].quantity   user.behavior.purchase_history, declared  (print)',
      '  order.number             system.operations, system  (print)',
      '  order.total              user.behavior.purchase_history, declared  (print)',
      '  shipping_address.city    user.contact.address.city, declared  (print)',
      '  shipping_address.street  user.contact.address.street, declared  (print)',
      '',
    ]);
  });

  it('works without a data map, as JSON', async () => {
    const result = await cli('fields', 'templates/newsletter.mjml', '--format', 'json');
    expect(JSON.parse(result.stdout)).toEqual([
      {
        template: 'templates/newsletter.mjml',
        fields: [
          { field: 'first_name', category: null, source: null, purposes: [], uses: ['print', 'condition'], placements: ['body', 'condition'] },
          // Without a profile, where each value lands in the template whole.
          { field: 'preferences_url', category: null, source: null, purposes: [], uses: ['print'], placements: ['link-url'] },
          { field: 'store_name', category: null, source: null, purposes: [], uses: ['print'], placements: ['subject'] },
          { field: 'unsubscribe_url', category: null, source: null, purposes: [], uses: ['print'], placements: ['link-url'] },
        ],
      },
    ]);
  });
});

describe('creeplint rules and explain', () => {
  it('rules lists every rule with its default severity and description', async () => {
    const result = await cli('rules');
    expect(result.code).toBe(EXIT.ok);
    const lines = result.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(25);
    expect(lines).toContain(lines.find((line) => /^no-undeclared-source +warning +Disallow data the person did not knowingly share/u.test(line)));
  });

  it('explain prints the rule doc, and exits 2 for an unknown rule', async () => {
    const result = await cli('explain', 'no-surveillance-phrasing');
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe(readFileSync('docs/rules/no-surveillance-phrasing.md', 'utf8'));
    const unknown = await cli('explain', 'no-such-rule');
    expect(unknown.code).toBe(EXIT.input);
    expect(unknown.stderr).toBe('creeplint: unknown rule `no-such-rule`; `creeplint rules` lists them\n');
  });
});
