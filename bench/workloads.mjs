// The templates and recipients the benchmark runs, shared by both sides of each ratio.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const CORPUS = resolve(root, '../shared/corpus');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function bundledWorkload() {
  const templates = walk(join(root, 'templates')).filter((file) => !file.includes('/partials/'));
  const profiles = readdirSync(join(root, 'fixtures/profiles')).map((name) => JSON.parse(readFileSync(join(root, 'fixtures/profiles', name), 'utf8')));
  return { name: 'bundled', templates, profiles, partialDirs: [join(root, 'templates/partials')] };
}

export function corpusWorkload() {
  if (!existsSync(join(CORPUS, 'MANIFEST.tsv'))) return undefined;
  const [, ...rows] = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const templates = rows.map((row) => {
    const [repo, , path] = row.split('\t');
    return join(CORPUS, repo.replace('/', '__'), path);
  });
  return { name: 'corpus', templates, profiles: [{ id: 'empty', data: {}, consent: {} }], partialDirs: [join(CORPUS, 'opencollective__opencollective-api/templates/partials')] };
}

export const isMjml = (file) => extname(file) === '.mjml';
