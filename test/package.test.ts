import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  license: string;
  engines: { node: string };
  bin: Record<string, string>;
  exports: Record<string, Record<string, string>>;
};

/** What `npm pack` would put in the tarball, as npm itself lists it (scripts skipped: CI has built dist/ already). */
function packedFiles(): string[] {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const listing = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as { files: { path: string }[] }[];
  return (listing[0]?.files ?? []).map((file) => file.path).sort();
}

/** Problems with a package's file list: source maps pointing at files it leaves out, tests, missing parts. */
function packProblems(files: readonly string[], read: (path: string) => string): string[] {
  const shipped = new Set(files);
  const problems: string[] = [];
  for (const file of files) {
    if (/^(test|fixtures|bench|src|scripts|\.ci)\//u.test(file) || /\.test\.[cm]?[jt]s$/u.test(file))
      problems.push(`${file}: not part of the package (tests, fixtures or sources)`);
    if (!file.endsWith('.map')) continue;
    const map = JSON.parse(read(file)) as { sources?: string[]; sourcesContent?: (string | null)[]; sourceRoot?: string };
    (map.sources ?? []).forEach((source, index) => {
      const target = posix.normalize(posix.join(posix.dirname(file), map.sourceRoot ?? '', source));
      if (!shipped.has(target) && typeof map.sourcesContent?.[index] !== 'string') problems.push(`${file}: points at ${target}, which is not shipped`);
    });
  }
  const required = [
    'LICENSE',
    'README.md',
    'package.json',
    ...Object.values(manifest.bin),
    ...Object.values(manifest.exports).flatMap((entry) => Object.values(entry)),
    'schema/report.schema.json',
    'schema/config.schema.json',
    'schema/openapi.json',
    'schema/outcomes.schema.json',
    ...RULES.map((rule) => `docs/rules/${rule.meta.id}.md`),
    'docs/scoring.md',
    'studio/index.html',
    'studio/studio.js',
    'studio/studio.css',
    'lexicon/en.yaml',
  ];
  for (const file of required) if (!shipped.has(posix.normalize(file))) problems.push(`${posix.normalize(file)}: missing from the package`);
  return problems;
}

describe('the npm package (issue 13)', () => {
  const files = packedFiles();

  it('ships the bin, the library, LICENSE, README, schemas, rule docs, studio and lexicon, and no tests, sources or dangling source maps', () => {
    expect(packProblems(files, (path) => readFileSync(join(ROOT, path), 'utf8'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('the check catches what it is for', () => {
    const read = (): string => JSON.stringify({ version: 3, sources: ['../src/index.ts'], mappings: '' });
    expect(packProblems(['dist/index.js.map', 'test/cli.test.ts'], read)).toEqual(
      expect.arrayContaining([
        'dist/index.js.map: points at src/index.ts, which is not shipped',
        'test/cli.test.ts: not part of the package (tests, fixtures or sources)',
        'LICENSE: missing from the package',
      ]),
    );
    const inline = (): string => JSON.stringify({ version: 3, sources: ['../src/index.ts'], sourcesContent: ['export {}'], mappings: '' });
    expect(packProblems(['dist/index.js.map'], inline).filter((problem) => problem.includes('.map'))).toEqual([]);
  });

  it('ships no compiled file whose source is gone (the build starts from an empty dist/)', () => {
    const stale = files
      .filter((file) => file.startsWith('dist/') && /\.(js|d\.ts)$/u.test(file))
      .filter(
        (file) =>
          !existsSync(join(ROOT, 'src', file.slice('dist/'.length).replace(/\.(js|d\.ts)$/u, '.ts'))) &&
          !existsSync(join(ROOT, 'src', file.slice('dist/'.length).replace(/\.js$/u, '.d.ts'))),
      );
    expect(stale).toEqual([]);
  });

  it('has a LICENSE that is the license package.json names', () => {
    expect(manifest.license).toBe('MIT');
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license.split('\n')[0]).toBe('MIT License');
    expect(license).toContain('Permission is hereby granted, free of charge');
  });
});

describe('the engines field is true to the dependency tree (issue 13)', () => {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean }>;
  };
  const minimum = semver.minVersion(manifest.engines.node)?.version ?? '';

  it('every installed package accepts the oldest Node.js the engines field admits, and the one running', () => {
    expect(minimum).toBe('20.19.0');
    const refusing = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        if (range === undefined) return [];
        return [minimum, process.versions.node]
          .filter((version) => !semver.satisfies(version, range))
          .map((version) => `${path}@${entry.version ?? '?'} wants node ${range}, not ${version}`);
      });
    expect(refusing).toEqual([]);
  });

  it('mjml’s js-beautify gets a nopt that runs on Node 20 (an override), and creeplint never loads nopt at all', () => {
    expect(lock.packages['node_modules/js-beautify/node_modules/nopt']?.version).toBe('9.0.0');
    // The consumers' tree has nopt 10 (Node 22+): it is js-beautify's command-line parser, which an MJML render never reaches.
    const script = [
      "import { createRequire } from 'node:module';",
      `const { lint } = await import(${JSON.stringify(join(ROOT, 'dist/index.js'))});`,
      `await lint({ templates: [${JSON.stringify(join(ROOT, 'templates/newsletter.mjml'))}], dataMap: ${JSON.stringify(join(ROOT, 'fixtures/datamap.yaml'))} });`,
      'const loaded = Object.keys(createRequire(import.meta.url).cache);',
      "console.log(JSON.stringify({ mjml: loaded.some((file) => file.includes('/node_modules/mjml-core/')), nopt: loaded.some((file) => file.includes('/node_modules/nopt/') || file.includes('/nopt/lib/')) }));",
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dirname(ROOT), encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ mjml: true, nopt: false });
  });
});
