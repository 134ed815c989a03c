import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXIT } from '../src/commands/io.js';
import { parseConfig } from '../src/load/config.js';
import { parseDataMap } from '../src/load/datamap.js';
import { decodeText, decodeTextStream } from '../src/load/decode-text.js';
import { parseProfile } from '../src/load/profile.js';
import { InputError } from '../src/model/input-error.js';
import { cliIn } from './cli-runner.js';
import { splitTemplateSource } from '../src/template/source.js';
import { brief, check, profile } from './support.js';
import { asyncFrom } from './async-iterable.js';

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
      parseDataMap(
        'purposes:\n  marketing: { basis: vibes }\nfields:\n  a: { category: user.name, source: declared, purposes: [marketing] }\n  b[: { category: user.name, source: declared }\nextra: 1\n',
        'map.yaml',
      ),
    );
    // In the file's order; `marketing` is declared (with a bad basis), so the field naming it is not told it is unknown.
    expect(error.toString().split('\n')).toEqual([
      'map.yaml:2:16: purpose `marketing`: basis must be one of consent, contract, legitimate_interest, legal_obligation',
      'map.yaml:5:3: field `b[`: expected a dotted path such as `order.items[].name`',
      'map.yaml:5:3: field `b[`: expected `purposes`, the purposes this data may serve',
      'map.yaml:6:1: unknown key `extra`; expected version, purposes, fields or categories',
    ]);
  });

  it('an unknown subcategory falls back to its parent, with a warning', () => {
    const map = parseDataMap('purposes:\n  m: { basis: consent }\nfields:\n  tier: { category: user.account.loyalty_tier, source: declared, purposes: [m] }\n', 'map.yaml');
    expect(map.fields.get('tier')?.category).toBe('user.account');
    expect(map.warnings).toEqual([
      { file: 'map.yaml', line: 4, column: 11, message: 'field `tier`: unknown category `user.account.loyalty_tier`, using its parent `user.account`' },
    ]);
  });

  it('profiles with the wrong shape name the file and position', () => {
    expect(inputError(() => parseProfile('{"id": "a", "data": []}', 'p.json')).toString()).toBe('p.json:1:13: expected `data`: an object of field values');
    expect(inputError(() => parseProfile('{"id": "a", "consent": {"marketing": {"granted": "yes"}}}', 'p.json')).toString()).toBe(
      'p.json:1:25: consent `marketing`: expected { "granted": true|false, "at": date }',
    );
    expect(inputError(() => parseProfile('[1, 2]', 'p.json')).toString()).toBe('p.json:1:1: a profile must be an object with `id`, `data` and `consent`');
  });

  it('__proto__ and constructor in a profile are plain data: nothing is polluted, nothing executes', async () => {
    const hostile = parseProfile(
      '{"id": "h", "data": {"__proto__": {"polluted": "yes"}, "constructor": {"name": "x"}, "first_name": "A"}, "consent": {"marketing": {"granted": true}}}',
      'h.json',
    );
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

/** The same text as Notepad, PowerShell and Excel save it. */
const ENCODINGS: Record<string, (text: string) => Buffer> = {
  'UTF-8 with a byte order mark': (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
  'UTF-16LE with a byte order mark': (text) => Buffer.from(`\uFEFF${text}`, 'utf16le'),
  'UTF-16BE with a byte order mark': (text) => Buffer.from(`\uFEFF${text}`, 'utf16le').swap16(),
};

const PROJECT: Record<string, string> = {
  'creeplint.config.yaml': 'datamap: datamap.yaml\ntemplates: [email.hbs]\nmax-score: 90\n',
  'datamap.yaml': readFileSync(new URL('../fixtures/datamap.yaml', import.meta.url), 'utf8'),
  'email.hbs':
    '---\npurpose: [marketing, personalisation]\nsubject: "{{first_name}}, still thinking about the {{last_viewed_product}}?"\n---\n<p>Hi {{first_name}}, caf\u00e9 \u2615</p>\n<a href="{{unsubscribe_url}}">Unsubscribe</a>\n',
  'profile.json': readFileSync(new URL('../fixtures/profiles/full-consent.json', import.meta.url), 'utf8'),
};

function projectIn(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-inputs-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('inputs as people save them: byte order marks and UTF-16 in every file', () => {
  const checkArgs = ['check', '--profile', 'profile.json', '--format', 'json'];

  for (const [encoding, encode] of Object.entries(ENCODINGS)) {
    it(`reads a project saved as ${encoding} exactly as one saved as plain UTF-8`, async () => {
      const plain = await cliIn(projectIn(PROJECT), ...checkArgs);
      expect(plain.stderr).toBe('');
      const dir = projectIn(Object.fromEntries(Object.entries(PROJECT).map(([name, text]) => [name, encode(text)])));
      const encoded = await cliIn(dir, ...checkArgs);
      expect(encoded).toEqual(plain);
      expect(JSON.parse(encoded.stdout)).toMatchObject({ results: [{ purposes: ['marketing', 'personalisation'] }] });
    });

    it(`reads a JSON data map and a baseline saved as ${encoding}`, async () => {
      const files = {
        ...PROJECT,
        'datamap.json': JSON.stringify(parseYaml(PROJECT['datamap.yaml'] ?? '')),
        'creeplint.config.yaml': 'datamap: datamap.json\ntemplates: [email.hbs]\n',
      };
      const dir = projectIn(files);
      const recorded = await cliIn(dir, ...checkArgs, '--update-baseline');
      expect(recorded.code).toBe(EXIT.ok);
      for (const name of ['datamap.json', '.creeplint-baseline.json']) writeFileSync(join(dir, name), encode(readFileSync(join(dir, name), 'utf8')));
      const again = await cliIn(dir, ...checkArgs);
      expect(again.stderr).toBe('');
      expect(again.stdout).toBe(recorded.stdout);
      expect(again.code).toBe(EXIT.ok);
    });
  }

  it('refuses a file that is not text (UTF-16 without a byte order mark) in one clean line, and prints no report made without it', async () => {
    const dir = projectIn({ ...PROJECT, 'other.json': Buffer.from(PROJECT['profile.json'] ?? '', 'utf16le') });
    const result = await cliIn(dir, 'check', '--profile', 'other.json', '--profile', 'profile.json', '--format', 'json');
    expect(result.code).toBe(EXIT.input);
    expect(result.stderr).toBe('other.json: the profile file is not text: it contains NUL bytes (UTF-16 needs a byte order mark; save it as UTF-8)\n');
    expect(result.stdout).toBe('');
  });

  it('refuses a template, data map or configuration that is not text the same way', async () => {
    const utf16 = (name: string): Buffer => Buffer.from(PROJECT[name] ?? '', 'utf16le');
    const template = await cliIn(projectIn({ ...PROJECT, 'other.hbs': utf16('email.hbs') }), 'check', 'other.hbs', 'email.hbs', '--profile', 'profile.json', '--format', 'json');
    expect(template.code).toBe(EXIT.input);
    expect(template.stderr).toBe('other.hbs: the template file is not text: it contains NUL bytes (UTF-16 needs a byte order mark; save it as UTF-8)\n');
    expect(template.stdout).toBe('');
    const dataMap = await cliIn(projectIn({ ...PROJECT, 'datamap.yaml': utf16('datamap.yaml') }), ...checkArgs);
    expect([dataMap.code, dataMap.stderr]).toEqual([
      EXIT.input,
      'datamap.yaml: the data map file is not text: it contains NUL bytes (UTF-16 needs a byte order mark; save it as UTF-8)\n',
    ]);
    const config = await cliIn(projectIn({ ...PROJECT, 'creeplint.config.yaml': utf16('creeplint.config.yaml') }), ...checkArgs);
    expect([config.code, config.stderr]).toEqual([
      EXIT.input,
      'creeplint.config.yaml: the configuration file is not text: it contains NUL bytes (UTF-16 needs a byte order mark; save it as UTF-8)\n',
    ]);
  });

  it('decodes a stream whose byte order mark and characters are split across chunks', async () => {
    const text = 'caf\u00e9 \u2615 \u{1F600}\n';
    for (const [encoding, encode] of Object.entries({ 'UTF-8': (t: string) => Buffer.from(t), ...ENCODINGS })) {
      const bytes = encode(text);
      let decoded = '';
      for await (const piece of decodeTextStream(asyncFrom(Array.from(bytes, (byte) => Buffer.from([byte]))))) decoded += piece;
      expect(decoded, encoding).toBe(text);
    }
    expect(decodeText(Buffer.from([0xff]))).toBe('\uFFFD');
  });
});

describe('JSON is reported in its own words, at its line and column, never quoting the text', () => {
  it("gives JSON.parse's reason and position, with V8's excerpt and the offending character left out", () => {
    const cases: [string, string][] = [
      ['{\n  "id": "Layla",\n  "data": { "first_name": Layla }\n}', 'p.json:3:27: invalid JSON: Unexpected token'],
      ['{"id": "a",}', 'p.json:1:12: invalid JSON: Expected double-quoted property name'],
      ['{"id": "a"', "p.json:1:11: invalid JSON: Expected ',' or '}' after property value"],
      ['', 'p.json:1:1: invalid JSON: Unexpected end of JSON input'],
      ['{"id": "a", "data": {"x": "Lay\tla"}}', 'p.json:1:31: invalid JSON: Bad control character in string literal'],
      ['{"id": "a"} {"id": "b"}', 'p.json:1:13: invalid JSON: Unexpected non-whitespace character after JSON'],
      ['{\r\n  "id": "x",\r\n  "data": { "a": tru }\r\n}', 'p.json:3:21: invalid JSON: Unexpected token'],
    ];
    for (const [text, expected] of cases) expect(inputError(() => parseProfile(text, 'p.json')).toString()).toBe(expected);
  });

  it("reports a profile that is broken JSON in JSON's words, not YAML's (issue 13)", () => {
    // YAML read this as "Flow map in block collection must be sufficiently indented".
    expect(inputError(() => parseProfile('{\n"id": "x",\n"data": {\n"a": 1\n}\n', 'p.json')).toString()).toBe("p.json:6:1: invalid JSON: Expected ',' or '}' after property value");
  });

  it('reads JSON data maps and configuration with JSON.parse, and still places their problems', () => {
    expect(inputError(() => parseDataMap('{"purposes": {"m": {"basis": "consent"}}, "fields": {"a": x}}', 'map.json')).toString()).toBe(
      'map.json:1:59: invalid JSON: Unexpected token',
    );
    expect(inputError(() => parseDataMap('{\n  "purposes": {"m": {"basis": "vibes"}},\n  "fields": {}\n}', 'map.json')).toString()).toBe(
      'map.json:2:22: purpose `m`: basis must be one of consent, contract, legitimate_interest, legal_obligation',
    );
    expect(inputError(() => parseConfig('{"max-score": 7O}', 'creeplint.config.json', '/tmp')).toString()).toBe(
      "creeplint.config.json:1:16: invalid JSON: Expected ',' or '}' after property value",
    );
  });

  it('refuses duplicate keys, which JSON.parse would quietly resolve to the last', () => {
    expect(inputError(() => parseProfile('{"id": "a",\n "id": "b"}', 'p.json')).toString()).toBe('p.json:2:2: duplicate key: JSON.parse would keep only the last of them');
  });

  it('reads JSON nested thousands deep without a crash, still at its position (JSON positions need no YAML pass), and refuses such YAML', () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const consentColumn = '{"id": "a", "data": '.length + deep.length + ', '.length + 1;
    expect(inputError(() => parseProfile(`{"id": "a", "data": ${deep}, "consent": []}`, 'p.json')).toString()).toBe(
      `p.json:1:${consentColumn}: expected \`consent\`: purpose → { granted, at, expires }`,
    );
    expect(inputError(() => parseDataMap(`fields: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, 'map.yaml')).toString()).toBe(
      'map.yaml:1:1: invalid YAML: nested more than 100 levels deep',
    );
  });
});

describe('inputs as people save them: CRLF line ends', () => {
  const template = [
    '---',
    'purpose: marketing',
    'subject: "{{first_name}}, about the {{last_viewed_product}}"',
    'preheader: Still {{last_seen_store}}',
    '---',
    '<p>Hi {{first_name}},</p>',
    '{{!-- creeplint-disable-next-line no-undeclared-source -- shown in the account area the reader opened --}}',
    '<p>{{last_viewed_product}}</p>',
    '',
  ];

  it('reads CRLF front matter as LF: no `\\r` in the purpose, the subject or the preheader, and every position the same', async () => {
    const lf = await check(template.join('\n'), { settings: {} });
    const crlf = await check(template.join('\r\n'));
    expect(crlf.purposes).toEqual(['marketing']);
    expect(crlf.findings.filter((f) => f.ruleId === 'require-purpose')).toEqual([]);
    expect(crlf.findings.map(brief)).toEqual(lf.findings.map(brief));
    expect(crlf.findings.filter((f) => f.placement === 'subject' || f.placement === 'preheader').map((f) => `${f.line}:${f.column} ${f.field} ${f.placement}`)).toEqual(
      lf.findings.filter((f) => f.placement === 'subject' || f.placement === 'preheader').map((f) => `${f.line}:${f.column} ${f.field} ${f.placement}`),
    );
    expect(crlf.findings.map((f) => `${f.ruleId} ${f.line}:${f.column}`)).toContain('no-personal-data-in-subject 3:37');
    expect(crlf.findings.find((f) => f.ruleId === 'no-undeclared-source' && f.line === 8)?.suppressed).toBeDefined();
  });

  it('splits CRLF front matter with the subject and preheader where the file has them', () => {
    const source = splitTemplateSource('email.hbs', template.join('\r\n'), 'html');
    expect(source.subject).toEqual({ text: '{{first_name}}, about the {{last_viewed_product}}', origin: { line: 3, column: 11 } });
    expect(source.preheader).toEqual({ text: 'Still {{last_seen_store}}', origin: { line: 4, column: 12 } });
    expect(source.body.origin).toEqual({ line: 6, column: 1 });
    // The issue's own case: the last line before the closing fence.
    expect(splitTemplateSource('email.hbs', '---\r\npurpose: marketing\r\n---\r\n<p>Hi</p>\r\n', 'html').purposes).toEqual(['marketing']);
    const subjectLine = splitTemplateSource('email.txt', 'Subject: Hello {{first_name}}\r\nBody\r\n', 'text');
    expect(subjectLine.subject).toEqual({ text: 'Hello {{first_name}}', origin: { line: 1, column: 10 } });
  });

  it('places data map, configuration and profile problems at the same line and column with CRLF', () => {
    const map = 'purposes:\r\n  marketing: { basis: vibes }\r\nfields: {}\r\n';
    expect(inputError(() => parseDataMap(map, 'map.yaml')).toString()).toBe(inputError(() => parseDataMap(map.replaceAll('\r\n', '\n'), 'map.yaml')).toString());
    expect(inputError(() => parseConfig('rules:\r\n  no-such-rule: error\r\n', 'c.yaml', '/tmp')).toString()).toBe(
      'c.yaml:2:3: unknown rule `no-such-rule`; `creeplint rules` lists them',
    );
    expect(inputError(() => parseProfile('{\r\n  "id": "a",\r\n  "data": []\r\n}', 'p.json')).toString()).toBe('p.json:3:3: expected `data`: an object of field values');
    expect(
      parseDataMap(
        'purposes:\r\n  marketing: { basis: consent }\r\nfields:\r\n  first_name: { category: user.name.first, source: declared, purposes: [marketing] }\r\n',
        'map.yaml',
      ).fields.get('first_name')?.purposes,
    ).toEqual(['marketing']);
  });
});
