import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/engine/checker.js';
import { lint } from '../../src/engine/lint.js';
import { parseDataMap } from '../../src/load/datamap.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { validateProfile } from '../../src/load/profile.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SECRET = 'SECRET-OUTSIDE-THE-PROJECT';

/**
 * A scratch machine: `outside/` holds files no template may read; `project/` is where the
 * templates live. Links are made with `links` (path → target, relative to the link).
 */
function machine(files: Record<string, string>, links: Record<string, string> = {}): { root: string; project: string } {
  const root = mkdtempSync(join(tmpdir(), 'creeplint-confined-'));
  const all: Record<string, string> = {
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
  return { result, email: JSON.stringify(outcome.rendered), missing: result.findings.filter((f) => f.ruleId === 'no-missing-partial' || f.ruleId === 'invalid-mjml').map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`) };
}

describe('partials and includes never leave their folders (issue 11, items 2 and 9)', () => {
  it('follows no partial whose real path is outside the template\'s folder or a --partials folder: a link leading out is not found', async () => {
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

  it('follows no <mj-include> out of the template\'s folder, by ../ or by a link', async () => {
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

  it('refuses a partials/ folder that is a link out of the template\'s folder, but reads a --partials folder that is one', async () => {
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

  it('lets mjml read CSS and HTML includes only inside the template\'s real folder, and says where it refused one without repeating its path', async () => {
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

