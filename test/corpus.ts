import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileSystemPartials } from '../src/load/partials.js';
import type { PartialSource } from '../src/template/partial-source.js';

/** The shared corpus of real templates lives beside the repository; CI always has it. */
export const CORPUS = resolve(import.meta.dirname, '../../shared/corpus');
export const corpusPresent = existsSync(join(CORPUS, 'MANIFEST.tsv'));

/**
 * Templates that are truly invalid in their language, with the reason. None is:
 * Postmark's Mustachio sections, Inky markup and stray Liquid-like text are all text or
 * valid mustaches to Handlebars' parser, and every Liquid file parses with liquidjs, so
 * any parse-error here is a bug in creeplint.
 */
export const EXPECTED_PARSE_ERRORS: Readonly<Record<string, string>> = {};

/** Where each project keeps the partials its templates call by name. */
const PARTIAL_DIRS: Readonly<Record<string, string[]>> = {
  'opencollective__opencollective-api': ['opencollective__opencollective-api/templates/partials'],
};

export interface CorpusEntry {
  /** The path under the corpus folder. */
  file: string;
  /** The MANIFEST's format: handlebars, mustache, mjml, html or liquid. */
  format: string;
}

/**
 * The language a corpus entry is written in, as its MANIFEST says: Liquid files include
 * `.html`, `.md`, `.mjml` and `.text` files whose content is Liquid, so the extension
 * alone does not say.
 */
export function corpusLanguage(entry: CorpusEntry): 'liquid' | 'handlebars' {
  return entry.format === 'liquid' ? 'liquid' : 'handlebars';
}

export function corpusEntries(): CorpusEntry[] {
  const [, ...rows] = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [repo, , path, , format] = row.split('\t');
    return { file: `${(repo ?? '').replace('/', '__')}/${path ?? ''}`, format: format ?? '' };
  });
}

export function manifest(): string[] {
  return corpusEntries().map((entry) => entry.file);
}

/** The partials a corpus template can call, found as its project keeps them. */
export function corpusPartials(file: string): PartialSource {
  const absolute = join(CORPUS, file);
  const project = file.split('/')[0] ?? '';
  return fileSystemPartials({ templateFile: absolute, partialDirs: (PARTIAL_DIRS[project] ?? []).map((dir) => join(CORPUS, dir)), cwd: dirname(absolute) });
}
