import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/presend/checker.js';
import { lint } from '../../src/engine/lint.js';
import { parseConfig } from '../../src/load/config.js';
import { parseDataMap } from '../../src/load/datamap.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { validateProfile } from '../../src/load/profile.js';
import { cliIn } from '../cli-runner.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'SECRET-OUTSIDE-THE-PROJECT';

/**
 * A scratch machine: `outside/` holds files no template may read; `project/` is where the
 * templates live. Links are made with `links` (path → target, relative to the link).
 */
function machine(files: Record<string, string | Buffer>, links: Record<string, string> = {}): { root: string; project: string } {
  const root = mkdtempSync(join(tmpdir(), 'creeplint-confined-'));
  const all: Record<string, string | Buffer> = {
    'outside/secret.hbs': `<p>${SECRET}</p>`,
    'outside/secret.mjml': `<mj-text>${SECRET}</mj-text>`,
    'outside/secret.css': `.x { content: "${SECRET}"; }`,
    'outside/secret.html': `<p>${SECRET}</p>`,
    'outside/partials/footer.hbs': `<p>${SECRET}</p>`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    symlinkSync(target, join(root, name));
  }
  return { root, project: join(root, 'project') };
}

const DATA_MAP = parseDataMap(readFileSync(join(ROOT, 'fixtures/datamap.yaml'), 'utf8'), 'fixtures/datamap.yaml');
const PROFILE = validateProfile(JSON.parse(readFileSync(join(ROOT, 'fixtures/profiles/full-consent.json'), 'utf8')), { file: 'full-consent.json' });
const M = '---\npurpose: marketing\n---\n';

async function lintIn(cwd: string, template: string, partials: string[] = []) {
  const outcome = await lint({ templates: [template], dataMap: DATA_MAP, profiles: [PROFILE], partials, cwd, now: new Date('2026-11-28T12:00:00Z') });
  const result = outcome.results[0];
  if (!result) throw new Error('no result');
  return {
    result,
    email: JSON.stringify(outcome.rendered),
    missing: result.findings.filter((f) => f.ruleId === 'no-missing-partial' || f.ruleId === 'invalid-mjml').map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`),
  };
}

describe('partials and includes never leave their folders (issue 11, items 2 and 9)', () => {
  it("follows no partial whose real path is outside the template's folder or a --partials folder: a link leading out is not found", async () => {
    const { project } = machine(
      {
        'project/emails/email.hbs': `${M}{{> footer}}\n{{> leak}}\n{{> ../../outside/secret}}\n{{> inside}}\n{{> shared/brand}}\n`,
        'project/emails/partials/footer.hbs': '<p>Footer</p>',
        'project/emails/common/inside.hbs': '<p>Inside</p>',
        'project/shared/brand.hbs': '<p>Brand</p>',
      },
      { 'project/emails/partials/leak.hbs': '../../../outside/secret.hbs', 'project/emails/partials/inside.hbs': '../common/inside.hbs' },
    );
    const { email, missing } = await lintIn(project, 'emails/email.hbs', ['.']);
    expect(missing).toEqual(['5:1 no-missing-partial partial `leak` was not found', '6:1 no-missing-partial partial `../../outside/secret` was not found']);
    expect(email).toContain('Footer');
    expect(email).toContain('Inside');
    expect(email).toContain('Brand');
    expect(email).not.toContain(SECRET);
  });

  it("follows no <mj-include> out of the template's folder, by ../ or by a link", async () => {
    const { project } = machine(
      {
        'project/emails/email.mjml': [
          '<mjml><mj-body><mj-section><mj-column>',
          '<mj-include path="./parts/ok.mjml" />',
          '<mj-include path="../../outside/secret.mjml" />',
          '<mj-include path="./parts/link.mjml" />',
          '<mj-include path="./parts/dir/secret.mjml" />',
          '</mj-column></mj-section></mj-body></mjml>',
          '',
        ].join('\n'),
        'project/emails/parts/ok.mjml': '<mj-text>Included</mj-text>',
      },
      { 'project/emails/parts/link.mjml': '../../../outside/secret.mjml', 'project/emails/parts/dir': '../../../outside' },
    );
    const { email, missing } = await lintIn(project, 'emails/email.mjml');
    expect(missing).toEqual([
      '3:1 no-missing-partial included file `../../outside/secret.mjml` was not found',
      '4:1 no-missing-partial included file `./parts/link.mjml` was not found',
      '5:1 no-missing-partial included file `./parts/dir/secret.mjml` was not found',
    ]);
    expect(email).toContain('Included');
    expect(email).not.toContain(SECRET);
  });

  it("refuses a partials/ folder that is a link out of the template's folder, but reads a --partials folder that is one", async () => {
    const { project } = machine(
      { 'project/emails/email.hbs': `${M}{{> footer}}\n`, 'project/other/email.hbs': `${M}{{> footer}}\n`, 'elsewhere/footer.hbs': '<p>Configured footer</p>' },
      { 'project/emails/partials': '../../outside/partials', 'project/shared': '../elsewhere' },
    );
    expect((await lintIn(project, 'emails/email.hbs')).missing).toEqual(['4:1 no-missing-partial partial `footer` was not found']);
    const configured = await lintIn(project, 'other/email.hbs', ['shared']);
    expect(configured.missing).toEqual([]);
    expect(configured.email).toContain('Configured footer');
  });

  it('gives the server and the audit workers the same gate (they build the same PartialSource)', () => {
    const { root, project } = machine(
      { 'project/templates/partials/footer.hbs': '<p>Footer</p>' },
      { 'project/templates/partials/leak.hbs': '../../../outside/secret.hbs', 'project/templates/link.mjml': '../../outside/secret.mjml' },
    );
    // As the server's check worker calls it: the template's path inside the templates folder, cwd that folder.
    const partials = fileSystemPartials({ templateFile: join(project, 'templates', 'draft.mjml'), partialDirs: [], cwd: join(project, 'templates') });
    expect(partials.byName('footer')?.source.text).toBe('<p>Footer</p>');
    expect(partials.byName('leak')).toBeUndefined();
    expect(partials.byInclude('draft.mjml', 'link.mjml')).toBeUndefined();
    expect(partials.byInclude('draft.mjml', '../../outside/secret.mjml')).toBeUndefined();
    expect(partials.byInclude('draft.mjml', join(root, 'outside/secret.mjml'))).toBeUndefined();
    expect(partials.byName('../../../outside/secret')).toBeUndefined();
  });

  it("lets mjml read CSS and HTML includes only inside the template's real folder, and says where it refused one without repeating its path", async () => {
    const { project } = machine(
      {
        'project/emails/email.mjml': [
          '<mjml><mj-head><mj-include path="ok.css" type="css" />',
          '<mj-include path="link.css" type="css" />',
          '<mj-include path="../../outside/secret.css" type="css" /></mj-head>',
          '<mj-body><mj-section><mj-column><mj-text>Hi</mj-text>',
          '<mj-include path="%2e%2e/%2e%2e/outside/secret.html" type="html" />',
          '<mj-include path="dir/secret.html" type="html" />',
          '<mj-include path="missing.html" type="html" />',
          '<mj-include path="{{first_name}}.html" type="html" />',
          '<mj-include path="ok.html" type="html" />',
          '</mj-column></mj-section></mj-body></mjml>',
          '',
        ].join('\n'),
        'project/emails/ok.css': '.ok-style { color: #123456; }',
        'project/emails/ok.html': '<p>Included HTML</p>',
      },
      { 'project/emails/link.css': '../../outside/secret.css', 'project/emails/dir': '../../outside' },
    );
    // mjml resolves the template's path from the process's working directory: name it in full.
    const { result, email, missing } = await lintIn(process.cwd(), join(project, 'emails/email.mjml'));
    const refused = "invalid-mjml MJML: included file was not found in the template's folder (includes are read only there, symbolic links followed to where they lead)";
    expect(missing).toEqual([2, 3, 5, 6, 7, 8].map((line) => `${line}:1 ${refused}`));
    expect(email).toContain('#123456');
    expect(email).toContain('Included HTML');
    expect(email).not.toContain(SECRET);
    expect(JSON.stringify(result.findings)).not.toContain('Layla');
  });

  it('lets mjml read nothing for a template whose file does not exist (a draft given as text)', async () => {
    const { root } = machine({});
    const checker = createChecker({
      template: `<mjml><mj-head><mj-include path="secret.css" type="css" /></mj-head><mj-body><mj-section><mj-column><mj-include path="secret.html" type="html" /></mj-column></mj-section></mj-body></mjml>`,
      file: join(root, 'outside', 'draft.mjml'),
      dataMap: DATA_MAP,
    });
    const checked = await checker.check(PROFILE);
    expect(JSON.stringify(checked)).not.toContain(SECRET);
  });
});

describe('no value in any message about an input (issue 11, item 6)', () => {
  const CANARY = 'CANARY-c4n4ry-7f3a';

  /** Broken and odd profiles, each with the canary where a customer's value would be. */
  const PROFILES: Record<string, string> = {
    'bare-token.json': `{"id": "p1", "data": {"first_name": ${CANARY}}}`,
    'after-value.json': `{"id": "p2", "data": {"first_name": "${CANARY}" "x"}}`,
    'control-char.json': `{"id": "p3", "data": {"first_name": "${CANARY}\t"}}`,
    'unterminated.json': `{"id": "p4", "data": {"first_name": "${CANARY}`,
    'bad-escape.json': `{"id": "p5", "data": {"first_name": "${CANARY}\\x"}}`,
    'trailing.json': `{"id": "p6", "data": {}} "${CANARY}"`,
    'just-text.json': CANARY,
    'long.json': `{"id": "p7", "data": {"note": "${'x'.repeat(200)}", "first_name": ${CANARY}, "more": "${'y'.repeat(200)}"}}`,
    'duplicate.json': `{"id": "p8", "data": {"first_name": "${CANARY}", "first_name": "${CANARY}"}}`,
    'bad-consent.json': `{"id": "p9", "data": {}, "consent": {"marketing": {"granted": "${CANARY}"}}}`,
    'bad-date.json': `{"id": "p10", "data": {}, "consent": {"marketing": {"granted": true, "at": "${CANARY}"}}}`,
    'bad-source.json': `{"id": "p11", "data": {}, "sources": {"first_name": "${CANARY}"}}`,
    'bad-data.json': `{"id": "p12", "data": "${CANARY}"}`,
    'utf16-no-bom.json': Buffer.from(`{"id": "p13", "data": {"first_name": "${CANARY}"}}`, 'utf16le').toString('latin1'),
  };

  it("never puts a profile's text into the error a broken profile gets, in any format", async () => {
    const files: Record<string, string | Buffer> = { 'project/email.hbs': `${M}<p>Hi {{first_name}}</p>` };
    for (const [name, text] of Object.entries(PROFILES)) files[`project/${name}`] = name.startsWith('utf16') ? Buffer.from(text, 'latin1') : text;
    const { project } = machine(files);
    const profileArgs = Object.keys(PROFILES).flatMap((name) => ['--profile', name]);
    for (const format of ['stylish', 'json', 'sarif', 'github', 'junit', 'markdown']) {
      const result = await cliIn(project, 'check', 'email.hbs', '--datamap', join(ROOT, 'fixtures/datamap.yaml'), ...profileArgs, '--format', format);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(Object.keys(PROFILES).length);
      expect(result.stderr + result.stdout, format).not.toContain(CANARY);
      expect(result.stderr).not.toContain('\0');
    }
    const outcome = await lint({ templates: ['email.hbs'], profiles: Object.keys(PROFILES), cwd: project, dataMap: DATA_MAP });
    expect(outcome.problems).toHaveLength(Object.keys(PROFILES).length);
    expect(JSON.stringify(outcome.problems)).not.toContain(CANARY);
  });

  it("never puts a data map's or a configuration's text into a syntax error", () => {
    const broken = [
      () => parseDataMap(`{"purposes": {}, "fields": {"a": ${CANARY}}}`, 'map.json'),
      () => parseDataMap(`{"purposes": {}, "fields": {"a": "${CANARY}}}`, 'map.json'),
      () => parseDataMap(`purposes:\n  m: { basis: consent }\nfields: [${CANARY}, ]]\n`, 'map.yaml'),
      () => parseDataMap(`purposes: *${CANARY}\n`, 'map.yaml'),
      () => parseDataMap(`purposes: "${CANARY}\\q"\n`, 'map.yaml'),
      () => parseDataMap(`%${CANARY} x\n---\npurposes: {}\n`, 'map.yaml'),
      () => parseDataMap(`purposes: !<${CANARY}> x\n`, 'map.yaml'),
      () => parseConfig(`{"datamap": "${CANARY}" "x"}`, 'creeplint.config.json', '/tmp'),
      () => parseConfig(`datamap: [${CANARY}\n`, 'creeplint.config.yaml', '/tmp'),
    ];
    const messages: string[] = [];
    for (const parse of broken) {
      let message = '';
      try {
        parse();
      } catch (error) {
        message = String(error);
      }
      messages.push(message);
    }
    expect(messages).toEqual([
      'map.json:1:34: invalid JSON: Unexpected token',
      'map.json:1:55: invalid JSON: Unterminated string',
      'map.yaml:3:31: invalid YAML: Unexpected flow-seq-end token in YAML stream',
      'map.yaml:1:1: invalid YAML: Unresolved alias (the anchor must be set before the alias)',
      'map.yaml:1:30: invalid YAML: Invalid escape sequence',
      // An unknown directive and a verbatim tag are only warnings for YAML: the data map is then judged on its shape.
      'map.yaml: expected `fields`: a mapping of field path to { category, source, purposes }',
      'map.yaml:1:1: expected `purposes`: a mapping of purpose name to { basis, description }\nmap.yaml: expected `fields`: a mapping of field path to { category, source, purposes }',
      "creeplint.config.json:1:34: invalid JSON: Expected ',' or '}' after property value",
      'creeplint.config.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    for (const message of messages) expect(message).not.toContain(CANARY);
  });

  it("never puts a JSON line or a CSV cell into the audit's summary, its report or its verdicts", async () => {
    const template = `${M}<p>Hi {{first_name}}</p>\n<a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="{{preferences_url}}">Preferences</a>\n`;
    const good = (id: string): string =>
      JSON.stringify({ id, data: { first_name: CANARY, unsubscribe_url: 'https://u', preferences_url: 'https://p' }, consent: { marketing: { granted: true } } });
    const jsonl = [
      good('a'),
      `{"id": "b", "data": {"first_name": ${CANARY}}}`,
      `{"id": "c", "data": {"first_name": "${CANARY}"`,
      `{"id": "d", "data": "${CANARY}"}`,
      `{"id": "e", "consent": {"marketing": {"granted": "${CANARY}"}}}`,
      `"${CANARY}"`,
      CANARY,
      good('f'),
    ].join('\n');
    const csv = [
      'id,first_name,unsubscribe_url,preferences_url,consent.marketing,consent.marketing.at,source.first_name',
      `a,${CANARY},https://u,https://p,granted,,`,
      `b,"${CANARY}`,
      `c,"${CANARY}"${CANARY},https://u,https://p,granted,,`,
      `d,${CANARY},https://u`,
      `e,x,https://u,https://p,${CANARY},,`,
      `f,x,https://u,https://p,granted,${CANARY},`,
      `g,x,https://u,https://p,granted,,${CANARY}`,
      `h,${CANARY},https://u,https://p,granted,,`,
    ].join('\n');
    for (const [name, text, malformed] of [
      ['audience.jsonl', jsonl, 6],
      ['audience.csv', csv, 6],
    ] as const) {
      const { project } = machine({ 'project/email.hbs': template, [`project/${name}`]: text });
      for (const format of ['text', 'json', 'html']) {
        const result = await cliIn(
          project,
          'audit',
          'email.hbs',
          '--datamap',
          join(ROOT, 'fixtures/datamap.yaml'),
          '--profiles',
          name,
          '--format',
          format,
          '--output',
          'verdicts.jsonl',
          '--report',
          'report.out',
          '--workers',
          '1',
        );
        expect(result.code, `${name} ${format}`).toBe(2);
        const written = readFileSync(join(project, 'report.out'), 'utf8') + readFileSync(join(project, 'verdicts.jsonl'), 'utf8');
        expect(result.stdout + result.stderr + written, `${name} ${format}`).not.toContain(CANARY);
        if (format === 'json') expect((JSON.parse(readFileSync(join(project, 'report.out'), 'utf8')) as { malformed: number }).malformed).toBe(malformed);
      }
    }
  });
});
