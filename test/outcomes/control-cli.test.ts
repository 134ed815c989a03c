import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli.js';
import { cliIn } from '../cli-runner.js';

const ROOT = join(import.meta.dirname, '../..');
const DATAMAP = 'fixtures/datamap.yaml';
const PROFILES = ['full-consent', 'withdrawn-consent', 'missing-values', 'source-override'].flatMap((name) => ['--profile', `fixtures/profiles/${name}.json`]);

function expected(name: string): string {
  return readFileSync(join(ROOT, 'fixtures/control/cli', name), 'utf8');
}

describe('creeplint control', () => {
  it('writes a twin that needs no person to --output, says what changed on stderr, and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-control-'));
    const output = join(dir, 'browse-abandon.control.hbs');
    const result = await cliIn(ROOT, 'control', 'templates/browse-abandon.hbs', '--datamap', DATAMAP, '--output', output);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toBe(expected('browse-abandon.control.hbs'));
    expect(result.stderr).toBe(
      [
        'templates/browse-abandon.hbs: control twin',
        "  2  purpose         purpose `personalisation` is left out: it needs the reader's consent, and the twin reads no personal data",
        '  3  replaced        subject: "still thinking about" tells the reader they were watched: its sentence is replaced with the lexicon\'s suggestion "Back in stock"',
        '  7  replaced        `first_name` (user.name.first) is replaced with "there": a name after a greeting',
        '  8  replaced        "you were looking at" tells the reader they were watched: its sentence is replaced with the lexicon\'s suggestion "Back in stock"',
        '✔ the twin scores helpful with no error for stand-in recipient: review it, then send it to the control group',
        '',
      ].join('\n'),
    );
  });

  it('judges the twin for the profiles given', async () => {
    const result = await cliIn(ROOT, 'control', 'templates/newsletter.mjml', '--datamap', DATAMAP, ...PROFILES);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr.split('\n').at(-2)).toBe(
      '✔ the twin scores helpful with no error for cust-1001, cust-1002, cust-1003, cust-1004: review it, then send it to the control group',
    );
  });

  it('writes the twin to stdout with a comment at each line a person must reword, names those lines, and exits 1', async () => {
    const result = await cliIn(ROOT, 'control', 'templates/creepy.hbs', '--datamap', DATAMAP, ...PROFILES);
    expect(result.code).toBe(EXIT.findings);
    expect(result.stdout).toBe(expected('creepy.control.hbs'));
    expect(result.stderr).toContain('   9  needs a person  `income_band` (user.financial) cannot be made neutral: reword by hand\n');
    expect(result.stderr.split('\n').at(-2)).toBe('✖ line 9 of the twin needs a person before it can go to the control group');
    // Fields and categories, never a customer's value.
    expect(result.stderr).not.toMatch(/Layla|Briggate|£60k/u);
  });

  it("writes a Liquid template's twin in Liquid, to --output or stdout, with exit 0 when it is ready and 1 naming the lines for a person", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-control-'));
    const output = join(dir, 'back-in-stock.control.liquid');
    const ready = await cliIn(ROOT, 'control', 'templates/back-in-stock.liquid', '--datamap', DATAMAP, '--output', output, ...PROFILES);
    expect(ready.code).toBe(EXIT.ok);
    expect(ready.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toBe(expected('back-in-stock.control.liquid'));
    expect(ready.stderr).toBe(
      [
        'templates/back-in-stock.liquid: control twin',
        "   2  purpose         purpose `personalisation` is left out: it needs the reader's consent, and the twin reads no personal data",
        '   3  replaced        subject: `first_name` (user.name.first) is replaced with "Good news": the fallback the template gives',
        '   9  replaced        `first_name` (user.name.first) is replaced with "there": the fallback the template gives',
        '  10  removed         `{% if consent.personalisation %}` holds what only readers who consented get: its block is left out, its `{% else %}` branch kept',
        '✔ the twin scores helpful with no error for cust-1001, cust-1002, cust-1003, cust-1004: review it, then send it to the control group',
        '',
      ].join('\n'),
    );
    const human = await cliIn(ROOT, 'control', 'fixtures/control/liquid-partials/email.liquid', '--datamap', DATAMAP);
    expect(human.code).toBe(EXIT.findings);
    expect(human.stdout).toBe(readFileSync(join(ROOT, 'fixtures/control/liquid-partials/expected.control.liquid'), 'utf8'));
    expect(human.stderr.split('\n').at(-2)).toBe('✖ line 10 of the twin needs a person before it can go to the control group');
  });

  it('exits 2, in one line naming the file, for a usage or input error, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-control-'));
    writeFileSync(join(dir, 'broken.hbs'), '---\npurpose: marketing\n---\n<p>Hi\n{{#if first_name}}\n');
    writeFileSync(join(dir, 'broken.liquid'), '---\npurpose: marketing\n---\n<p>Hi\n  {% if first_name %}\n');
    writeFileSync(join(dir, 'bad-datamap.yaml'), 'version: 1\npurposes: {}\nfields:\n  first_name: { category: nothing.here, source: declared, purposes: [] }\n');
    writeFileSync(join(dir, 'notes.md'), 'Hi {{first_name}}');
    writeFileSync(join(dir, 'email.hbs'), '<p>Hi {{first_name}}</p>\n');
    const output = join(dir, 'out.hbs');
    const cases: [string[], string][] = [
      [['control', 'missing.hbs', '--output', output], 'missing.hbs: cannot read the template file\n'],
      [
        ['control', 'broken.hbs', '--output', output],
        'broken.hbs:6:1: unexpected end of file; expected {{else}}, a closing {{/block}}: a template that does not parse has no twin\n',
      ],
      [['control', 'broken.liquid', '--output', output], 'broken.liquid:5:3: tag {% if first_name %} not closed: a template that does not parse has no twin\n'],
      [['control', 'notes.md', '--output', output], 'notes.md: not a template (.hbs, .handlebars, .html, .htm, .txt, .mjml, .liquid)\n'],
      [['control', 'email.hbs', '--output', 'email.hbs'], 'email.hbs: the twin would overwrite the template: write it to another file\n'],
      [
        ['control', 'email.hbs', '--datamap', 'bad-datamap.yaml', '--output', output],
        'bad-datamap.yaml:4:17: field `first_name`: unknown category root `nothing.here`; expected a key under user or system (or one declared under categories)\n',
      ],
      [['control', 'email.hbs', '--profile', 'nobody.json', '--output', output], 'nobody.json: cannot read the profile file\n'],
    ];
    for (const [args, message] of cases) {
      const result = await cliIn(dir, ...args);
      expect({ args, code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ args, code: EXIT.input, stderr: message, stdout: '' });
    }
    expect(existsSync(output)).toBe(false);
    expect(readFileSync(join(dir, 'email.hbs'), 'utf8')).toBe('<p>Hi {{first_name}}</p>\n');
    expect((await cliIn(dir, 'control')).code).toBe(EXIT.input);
  });
});
