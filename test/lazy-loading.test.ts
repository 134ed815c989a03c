import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Cold start (issue 13): a run loads a dependency only when it needs it. Each case runs the
 * built bin in a fresh process with a module trace (test/module-trace/) and names what must
 * and must not have been loaded; the time it takes is bench/cold-start.mjs's business, never
 * a test's. The output is compared with the same command without the trace.
 */
const ROOT = resolve(import.meta.dirname, '..');
const REGISTER = join(ROOT, 'test/module-trace/register.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'creeplint-lazy-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

interface TracedRun {
  status: number | null;
  stdout: string;
  /** Packages loaded (`mjml`, `@duckdb/node-api`) and creeplint's own modules (`dist/server/server.js`). */
  packages: Set<string>;
  modules: Set<string>;
}

function traced(args: string[], cwd = ROOT): TracedRun {
  const trace = join(scratch, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  const run = spawnSync(process.execPath, ['--import', REGISTER, join(ROOT, 'dist/bin.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CREEPLINT_MODULE_TRACE: trace, NO_COLOR: '1' },
  });
  const packages = new Set<string>();
  const modules = new Set<string>();
  for (const url of readFileSync(trace, 'utf8').split('\n')) {
    if (!url.startsWith('file:')) continue;
    const path = fileURLToPath(url);
    const inPackage = path.split('/node_modules/').at(-1);
    if (inPackage !== undefined && inPackage !== path) {
      const parts = inPackage.split('/');
      packages.add(parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? ''));
    } else {
      modules.add(relative(ROOT, path));
    }
  }
  return { status: run.status, stdout: run.stdout, packages, modules };
}

/** The same command without the trace: the trace must not change what a run prints. */
function plain(args: string[], cwd = ROOT): { status: number | null; stdout: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'dist/bin.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: run.status, stdout: run.stdout };
}

const NEVER_FOR_A_HANDLEBARS_CHECK = ['mjml', 'liquidjs', 'ajv', 'cheerio', 'csv-parse', '@duckdb/node-api'];
const SERVER_AND_OTHER_COMMANDS = [
  'dist/server/server.js',
  'dist/commands/serve.js',
  'dist/commands/audit.js',
  'dist/commands/outcomes.js',
  'dist/commands/init.js',
  'dist/template/liquid/index.js',
  'dist/report/html/index.js',
];

describe('a check loads only what it needs', () => {
  it('a Handlebars email with front matter and a JSON profile: Handlebars and YAML, not mjml, Liquid, Ajv, the HTML report or the server', () => {
    const args = ['check', 'templates/order-confirmation.hbs', '--profile', 'fixtures/profiles/full-consent.json'];
    const run = traced(args);
    expect(run.status).toBe(0);
    expect(run.packages).toContain('handlebars');
    expect(run.packages).toContain('yaml'); // the front matter is YAML
    for (const name of NEVER_FOR_A_HANDLEBARS_CHECK) expect(run.packages, name).not.toContain(name);
    for (const module of SERVER_AND_OTHER_COMMANDS) expect(run.modules, module).not.toContain(module);
    expect(run.stdout).toBe(plain(args).stdout);
  });

  it('a Handlebars email without front matter and no configuration: not even the YAML parser', () => {
    writeFileSync(join(scratch, 'plain.hbs'), '<p>Hello {{first_name}}</p>\n<a href="{{unsubscribe_url}}">Unsubscribe</a>\n');
    const run = traced(['check', 'plain.hbs', '--format', 'json'], scratch);
    expect(run.status).not.toBe(2);
    expect(run.packages).toContain('handlebars');
    for (const name of ['yaml', ...NEVER_FOR_A_HANDLEBARS_CHECK]) expect(run.packages, name).not.toContain(name);
  });

  it('a JSON configuration and a JSON profile: Ajv validates the configuration, and still no YAML parser', () => {
    writeFileSync(join(scratch, 'creeplint.config.json'), '{ "templates": ["plain.hbs"], "max-score": 60 }\n');
    writeFileSync(join(scratch, 'reader.json'), '{ "id": "reader-1", "data": { "first_name": "Ada" }, "consent": {} }\n');
    try {
      const run = traced(['check', '--profile', 'reader.json', '--format', 'json'], scratch);
      expect(run.status).not.toBe(2);
      expect(run.packages).toContain('ajv');
      expect(run.packages).not.toContain('yaml');
    } finally {
      rmSync(join(scratch, 'creeplint.config.json'));
    }
  });

  it('a YAML configuration loads the YAML parser and Ajv, which validates it', () => {
    writeFileSync(join(scratch, 'creeplint.config.yaml'), 'templates: [plain.hbs]\nmax-score: 60\n');
    try {
      const run = traced(['check', '--format', 'json'], scratch);
      expect(run.status).not.toBe(2);
      expect(run.packages).toContain('yaml');
      expect(run.packages).toContain('ajv');
      expect(run.packages).not.toContain('liquidjs');
    } finally {
      rmSync(join(scratch, 'creeplint.config.yaml'));
    }
  });

  it('an MJML email loads mjml, with the same report as without the trace', () => {
    const args = ['check', 'templates/newsletter.mjml', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/full-consent.json', '--format', 'json'];
    const run = traced(args);
    expect(run.packages).toContain('mjml');
    expect(run.packages).not.toContain('liquidjs');
    expect({ status: run.status, stdout: run.stdout }).toEqual(plain(args));
  });

  it('a Liquid email loads liquidjs and the Liquid analysis, with the same report as without the trace', () => {
    const args = ['check', 'templates/back-in-stock.liquid', '--datamap', 'fixtures/datamap.yaml', '--profile', 'fixtures/profiles/source-override.json', '--format', 'json'];
    const run = traced(args);
    expect(run.packages).toContain('liquidjs');
    expect(run.modules).toContain('dist/template/liquid/index.js');
    expect(run.packages).not.toContain('mjml');
    expect({ status: run.status, stdout: run.stdout }).toEqual(plain(args));
  });

  it('the HTML report loads cheerio (stylish, in the first case, does not)', () => {
    const run = traced(['check', 'templates/order-confirmation.hbs', '--format', 'html']);
    expect(run.packages).toContain('cheerio');
    expect(run.modules).toContain('dist/report/html/index.js');
  });
});
