import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileSystemPartials } from '../src/load/partials.js';
import type { PartialSource } from '../src/template/partial-source.js';

/** The shared corpus of real templates lives beside the repository; CI always has it. */
export const CORPUS = resolve(import.meta.dirname, '../../shared/corpus');
export const corpusPresent = existsSync(join(CORPUS, 'MANIFEST.tsv'));

/**
 * Templates that are truly invalid Handlebars, with the reason. None of the 206 is:
 * Postmark's Mustachio sections, Liquid tags and Inky markup are all text or valid
 * mustaches to Handlebars' parser, so any parse-error here is a bug in creeplint.
 */
export const EXPECTED_PARSE_ERRORS: Readonly<Record<string, string>> = {};

/** Where each project keeps the partials its templates call by name. */
const PARTIAL_DIRS: Readonly<Record<string, string[]>> = {
  'opencollective__opencollective-api': ['opencollective__opencollective-api/templates/partials'],
};

export function manifest(): string[] {
  const [, ...rows] = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [repo, , path] = row.split('\t');
    return `${(repo ?? '').replace('/', '__')}/${path ?? ''}`;
  });
}

/** The partials a corpus template can call, found as its project keeps them. */
export function corpusPartials(file: string): PartialSource {
  const absolute = join(CORPUS, file);
  const project = file.split('/')[0] ?? '';
  return fileSystemPartials({ templateFile: absolute, partialDirs: (PARTIAL_DIRS[project] ?? []).map((dir) => join(CORPUS, dir)), cwd: dirname(absolute) });
}
