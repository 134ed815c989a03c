import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serve, type ServeCommandOptions } from '../../src/commands/serve.js';
import type { RunningServer } from '../../src/server/server.js';
import { ROOT } from './support.js';

/**
 * A project whose configuration names everything serve needs, in folders other than the
 * defaults: emails/ (not templates/), a shared partials folder, people/ for profiles.
 */
function configuredProject(config: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-serve-config-'));
  mkdirSync(join(dir, 'emails'));
  mkdirSync(join(dir, 'shared'));
  cpSync(join(ROOT, 'fixtures/profiles'), join(dir, 'people'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/datamap.yaml'), join(dir, 'datamap.yaml'));
  // The footer lives only in the configured partials folder: found there, or a no-missing-partial finding.
  cpSync(join(ROOT, 'templates/partials/footer.hbs'), join(dir, 'shared/footer.hbs'));
  writeFileSync(join(dir, 'emails/welcome.hbs'), '---\npurpose: marketing\n---\n<p>Hi {{first_name}}</p>\n{{> footer}}\n');
  writeFileSync(join(dir, 'creeplint.config.yaml'), config);
  return dir;
}

const CONFIG = 'datamap: datamap.yaml\ntemplates: [emails]\npartials: [shared]\nprofiles: people\n';
const OPTIONS: ServeCommandOptions = { port: 0, host: '127.0.0.1', maxBody: 1024 * 1024, timeLimit: 5000, workers: 1, partials: [], token: 'serve-config-token' };

/** Run `creeplint serve` in-process in `cwd`, do `visit` while it serves, and return its exit code and what it printed. */
async function serveIn(cwd: string, options: Partial<ServeCommandOptions>, visit: (call: (path: string, body?: unknown) => Promise<Response>) => Promise<void>) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (text: string) => (stdout += text), stderr: (text: string) => (stderr += text), isTTY: false, cwd };
  const code = await serve({ ...OPTIONS, ...options }, io, async (server: RunningServer) => {
    const call = (path: string, body?: unknown) =>
      fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    await visit(call);
  });
  return { code, stdout, stderr };
}

describe('creeplint serve reads its folders from the configuration', () => {
  it('serves the configured templates, partials and profiles when the flags are not given', async () => {
    const dir = configuredProject(CONFIG);
    const served = await serveIn(dir, {}, async (call) => {
      const project = (await (await call('api/project')).json()) as { templates: string[]; profiles: string[] };
      expect(project.templates).toEqual(['welcome.hbs']);
      expect(project.profiles).toEqual(['full-consent.json', 'missing-values.json', 'saudi-customer.json', 'source-override.json', 'withdrawn-consent.json']);
      const report = (await (await call('api/check', { templateName: 'welcome.hbs', profile: 'full-consent.json' })).json()) as {
        results: { template: string; profile: string; findings: { ruleId: string }[] }[];
      };
      expect(report.results.map((result) => [result.template, result.profile])).toEqual([['welcome.hbs', 'cust-1001']]);
      expect(report.results[0]?.findings.map((finding) => finding.ruleId)).not.toContain('no-missing-partial');
    });
    expect([served.code, served.stderr]).toEqual([0, '']);
  }, 30_000);

  it('the flags win over the configuration', async () => {
    const dir = configuredProject(CONFIG);
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts/other.hbs'), '<p>Hi</p>\n');
    const served = await serveIn(dir, { templates: 'drafts' }, async (call) => {
      expect(((await (await call('api/project')).json()) as { templates: string[] }).templates).toEqual(['other.hbs']);
    });
    expect(served.code).toBe(0);
  }, 30_000);

  it('says which setting is wrong when the configuration cannot be served as it is', async () => {
    const several = await serveIn(configuredProject('templates: [emails, shared]\n'), {}, () => Promise.resolve());
    expect([several.code, several.stderr]).toEqual([
      2,
      'creeplint.config.yaml: `templates` lists 2 entries; creeplint serve serves one folder of templates: give --templates DIR\n',
    ]);
    const glob = await serveIn(configuredProject('templates: ["emails/*.hbs"]\n'), {}, () => Promise.resolve());
    expect(glob.stderr).toBe('creeplint.config.yaml: `templates` lists a file or glob; creeplint serve serves one folder of templates: give --templates DIR\n');
    const missing = await serveIn(configuredProject('templates: [emails]\nprofiles: nobody\n'), {}, () => Promise.resolve());
    expect([missing.code, missing.stderr]).toEqual([2, 'nobody: the profiles folder does not exist (`profiles` in creeplint.config.yaml)\n']);
  }, 30_000);
});
