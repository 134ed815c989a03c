import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../src/engine/check-template.js';
import { fileSystemPartials } from '../src/load/partials.js';
import type { LintResult } from '../src/model/finding.js';
import { FIXED_NOW } from './support.js';

/** The shared corpus of real templates lives beside the repository; CI always has it. */
const CORPUS = resolve(import.meta.dirname, '../../shared/corpus');
const present = existsSync(join(CORPUS, 'MANIFEST.tsv'));

/**
 * Templates that are truly invalid Handlebars, with the reason. None of the 206 is:
 * Postmark's Mustachio sections, Liquid tags and Inky markup are all text or valid
 * mustaches to Handlebars' parser, so any parse-error here is a bug in creeplint.
 */
const EXPECTED_PARSE_ERRORS: Readonly<Record<string, string>> = {};

/** Where each project keeps the partials its templates call by name. */
const PARTIAL_DIRS: Readonly<Record<string, string[]>> = {
  'opencollective__opencollective-api': ['opencollective__opencollective-api/templates/partials'],
};

function manifest(): string[] {
  const [, ...rows] = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  return rows.map((row) => {
    const [repo, , path] = row.split('\t');
    return `${(repo ?? '').replace('/', '__')}/${path ?? ''}`;
  });
}

describe.skipIf(!present)(`the corpus of real templates (${present ? CORPUS : 'skipped: ../shared/corpus is not beside this clone'})`, () => {
  it('reads every one of the 206 templates: each yields a result, none crashes, parse errors only where expected', async () => {
    const files = manifest();
    expect(files).toHaveLength(206);
    const results: LintResult[] = [];
    for (const file of files) {
      const absolute = join(CORPUS, file);
      const project = file.split('/')[0] ?? '';
      const outcome = await checkTemplate({
        file,
        text: readFileSync(absolute, 'utf8'),
        dataMap: undefined,
        profiles: [],
        partials: fileSystemPartials({ templateFile: absolute, partialDirs: (PARTIAL_DIRS[project] ?? []).map((dir) => join(CORPUS, dir)), cwd: dirname(absolute) }),
        now: FIXED_NOW,
      });
      expect(outcome.results, file).toHaveLength(1);
      results.push(...outcome.results);
    }
    const parseErrors = Object.fromEntries(
      results.filter((result) => result.findings.some((finding) => finding.ruleId === 'parse-error')).map((result) => [result.template, EXPECTED_PARSE_ERRORS[result.template] ?? 'unexpected']),
    );
    expect(parseErrors).toEqual(EXPECTED_PARSE_ERRORS);
    const crashes = results.flatMap((result) => result.findings.filter((finding) => finding.ruleId === 'render-error').map((finding) => `${result.template}: ${finding.message}`));
    expect(crashes).toEqual([]);
    // Every template that reads customer data is traced to at least one field.
    const withTokens = results.filter((result) => result.fields.length > 0);
    expect(withTokens.length).toBeGreaterThan(150);
  }, 120_000);
});
