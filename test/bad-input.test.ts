import { describe, expect, it } from 'vitest';
import { parseDataMap } from '../src/load/datamap.js';
import { parseProfile } from '../src/load/profile.js';
import { InputError } from '../src/model/input-error.js';
import { check, profile } from './support.js';

const M = '---\npurpose: marketing\n---\n';

function inputError(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('bad input gets a clear message with its position, and nothing crashes', () => {
  it('invalid YAML in a data map', () => {
    const error = inputError(() => parseDataMap('purposes:\n  marketing: { basis: consent\nfields: {}\n', 'map.yaml'));
    expect(error.toString()).toMatch(/^map\.yaml:3:1: invalid YAML: /u);
  });

  it('a data map with every kind of problem lists them all', () => {
    const error = inputError(() =>
      parseDataMap('purposes:\n  marketing: { basis: vibes }\nfields:\n  a: { category: user.name, source: declared, purposes: [marketing] }\n  b[: { category: user.name, source: declared }\nextra: 1\n', 'map.yaml'),
    );
    expect(error.toString().split('\n')).toEqual([
      'map.yaml:6:1: unknown key `extra`; expected version, purposes, fields or categories',
      'map.yaml:2:16: purpose `marketing`: basis must be one of consent, contract, legitimate_interest, legal_obligation',
      'map.yaml:4:47: field `a`: unknown purpose `marketing`; declared purposes are none',
      'map.yaml:5:3: field `b[`: expected a dotted path such as `order.items[].name`',
    ]);
  });

  it('an unknown subcategory falls back to its parent, with a warning', () => {
    const map = parseDataMap('purposes:\n  m: { basis: consent }\nfields:\n  tier: { category: user.account.loyalty_tier, source: declared, purposes: [m] }\n', 'map.yaml');
    expect(map.fields.get('tier')?.category).toBe('user.account');
    expect(map.warnings).toEqual([{ file: 'map.yaml', line: 4, column: 11, message: 'field `tier`: unknown category `user.account.loyalty_tier`, using its parent `user.account`' }]);
  });

  it('profiles with the wrong shape name the file and position', () => {
    expect(inputError(() => parseProfile('{"id": "a", "data": []}', 'p.json')).toString()).toBe('p.json:1:13: expected `data`: an object of field values');
    expect(inputError(() => parseProfile('{"id": "a", "consent": {"marketing": {"granted": "yes"}}}', 'p.json')).toString()).toBe(
      'p.json:1:25: consent `marketing`: expected { "granted": true|false, "at": date }',
    );
    expect(inputError(() => parseProfile('[1, 2]', 'p.json')).toString()).toBe('p.json:1:1: a profile must be an object with `id`, `data` and `consent`');
  });

  it('__proto__ and constructor in a profile are plain data: nothing is polluted, nothing executes', async () => {
    const hostile = parseProfile('{"id": "h", "data": {"__proto__": {"polluted": "yes"}, "constructor": {"name": "x"}, "first_name": "A"}, "consent": {"marketing": {"granted": true}}}', 'h.json');
    const result = await check(`${M}{{__proto__.polluted}} {{constructor.name}} {{first_name.constructor}} {{lookup this "constructor"}}`, { profiles: [hostile] });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(result.findings.filter((f) => f.ruleId === 'render-error')).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'no-unknown-field').map((f) => f.field)).toEqual(['__proto__.polluted', 'constructor.name', 'constructor']);
  });

  it('a helper that does not exist anywhere never crashes the check', async () => {
    const result = await check(`${M}{{#weird first_name}}{{strange (odder email) key=last_name}}{{else}}x{{/weird}}{{log first_name}}`);
    expect(result.findings.filter((f) => f.ruleId === 'no-unknown-helper').map((f) => f.message)).toEqual([
      'unknown helper `weird`: its arguments are treated as printed',
      'unknown helper `strange`: its arguments are treated as printed',
      'unknown helper `odder`: its arguments are treated as printed',
    ]);
  });

  it('odd values (null, numbers, nested arrays, huge strings) render without a crash', async () => {
    const odd = profile({ data: { first_name: null, last_name: 42, email: [[1, 2], { a: 1 }], last_viewed_product: 'x'.repeat(1_000_000) } });
    const result = await check(`${M}{{first_name}} {{last_name}} {{email}} {{#each email}}{{this}}{{/each}} {{last_viewed_product}}`, { profiles: [odd] });
    expect(result.findings.filter((f) => f.ruleId === 'render-error')).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('xxxxxxxxxx');
  });

  it('a 5 MB template is checked', async () => {
    // About one token per kilobyte, like long newsletter copy; Handlebars' own compile time grows with the token count.
    const line = `<p>Hello {{first_name}}, ${'here is some long newsletter copy about trails and kit. '.repeat(18)}</p>\n`;
    const text = `${M}${line.repeat(Math.ceil((5 * 1024 * 1024) / line.length))}`;
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const result = await check(text);
    expect(result.fields.map((field) => field.field)).toEqual(['first_name']);
    expect(result.band).toBe('helpful');
  });

  it('a missing partial is a finding at the call, and the rest of the template is still checked', async () => {
    const result = await check(`${M}<p>{{> nowhere}}</p>\n<p>{{last_viewed_product}}</p>`);
    expect(result.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toContain('no-missing-partial 4:4');
    expect(result.fields.map((f) => f.field)).toEqual(['last_viewed_product']);
  });

  it('a partial that includes itself with nothing to stop it is a render error at the call, directly or through another', async () => {
    const direct = await check(`${M}{{> loop}}`, { partials: { loop: '{{first_name}}{{> loop}}' } });
    expect(direct.findings.filter((f) => f.ruleId === 'render-error').map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([
      'partials/loop.hbs:1:15 `loop` includes itself with no condition or loop that could stop it: the email can never render (Handlebars recurses until it runs out of stack)',
    ]);
    expect(direct.fields.map((f) => f.field)).toEqual(['first_name']);
    const through = await check(`${M}{{> a}}`, { partials: { a: '<p>{{> b}}</p>', b: '{{first_name}} {{> a}}' } });
    expect(through.findings.filter((f) => f.ruleId === 'render-error').map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual(['partials/b.hbs:1:16']);
    const inline = await check(`${M}{{#*inline "p"}}x{{> p}}{{/inline}}{{> p}}`);
    expect(inline.findings.filter((f) => f.ruleId === 'render-error').map((f) => `${f.line}:${f.column}`)).toEqual(['4:18']);
  });

  it('a partial that includes itself inside a condition or a loop is a tree, followed to a depth and not an error', async () => {
    const tree = await check(`${M}{{> node}}`, { partials: { node: '{{first_name}}{{#each recommended_products}}{{> node}}{{/each}}' } });
    expect(tree.findings.filter((f) => f.ruleId === 'render-error')).toEqual([]);
  });

  it('partials that include themselves several times stop at a copy limit, with a render error at the call', async () => {
    // Three guarded self-includes twelve levels deep would be half a million copies.
    const result = await check(`${M}<p>{{> fan}}</p>`, { partials: { fan: '{{first_name}}{{#if first_name}}{{> fan}}{{> fan}}{{> fan}}{{/if}}' } });
    const errors = result.findings.filter((f) => f.ruleId === 'render-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('partials include one another more than 2000 times: the email would not render in reasonable time, and the rest is not checked');
    expect(result.fields.map((f) => f.field)).toEqual(['first_name']);
  }, 20_000);
});
