import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { ProjectFiles } from '../../src/server/project-files.js';
import { startServer, type RunningServer } from '../../src/server/server.js';

const TOKEN = 'partials-token';
let server: RunningServer;
let shared: string;

async function read(name: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}api/partials/${encodeURIComponent(name)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'creeplint-partials-route-'));
  const templates = join(root, 'templates');
  shared = join(root, 'shared-partials');
  mkdirSync(join(templates, 'partials'), { recursive: true });
  mkdirSync(shared);
  writeFileSync(join(templates, 'welcome.hbs'), '---\npurpose: marketing\n---\n{{> footer}}\n');
  writeFileSync(join(templates, 'partials', 'footer.hbs'), '<p>We noticed you.</p>\n');
  writeFileSync(join(shared, 'legal.hbs'), '<p>Legal</p>\n');
  writeFileSync(join(root, 'secret.hbs'), 'not a partial of this project\n');
  writeFileSync(join(templates, 'partials', 'notes.json'), '{"not": "a template"}\n');
  symlinkSync(join(root, 'secret.hbs'), join(templates, 'partials', 'leak.hbs'));
  server = await startServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    maxBodyBytes: 64 * 1024,
    timeLimitMs: 2000,
    workers: 1,
    project: { files: new ProjectFiles(templates, undefined), dataMap: undefined, settings: DEFAULT_SETTINGS, partialDirs: [shared] },
  });
});

afterAll(async () => {
  await (server as RunningServer | undefined)?.close(); // unset when beforeAll failed
});

describe('GET /api/partials/{name}: a partial a finding points into, read only', () => {
  it('reads a partial by the name findings give it, relative to the templates folder', async () => {
    expect(await read('partials/footer.hbs')).toEqual({ status: 200, body: { name: 'partials/footer.hbs', source: '<p>We noticed you.</p>\n' } });
  });

  it('reads a partial in a configured partials folder by its path', async () => {
    expect(await read(join(shared, 'legal.hbs'))).toEqual({ status: 200, body: { name: join(shared, 'legal.hbs'), source: '<p>Legal</p>\n' } });
  });

  it('reads nothing outside those folders, nor anything that is not a template', async () => {
    for (const name of ['../secret.hbs', 'partials/leak.hbs', 'partials/notes.json', 'partials/missing.hbs', '/etc/passwd']) {
      const answer = await read(name);
      expect(answer.status, name).toBe(404);
      expect(answer.body).toEqual({ error: 'no partial by that name in the templates folder or the partials folders' });
    }
  });
});
