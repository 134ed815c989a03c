import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../src/engine/check-template.js';
import type { LintResult } from '../src/model/finding.js';
import { CORPUS, EXPECTED_PARSE_ERRORS, corpusEntries, corpusPartials, corpusPresent as present } from './corpus.js';
import { FIXED_NOW } from './support.js';

describe.skipIf(!present)(`the corpus of real templates (${present ? CORPUS : 'skipped: ../shared/corpus is not beside this clone'})`, () => {
  it('reads every Handlebars, Mustache and MJML template: each yields a result, none crashes, parse errors only where expected', async () => {
    const entries = corpusEntries();
    expect(entries).toHaveLength(260);
    const files = entries.filter((entry) => entry.format !== 'liquid').map((entry) => entry.file);
    expect(files).toHaveLength(205);
    const results: LintResult[] = [];
    for (const file of files) {
      const absolute = join(CORPUS, file);
      const outcome = await checkTemplate({
        file,
        text: readFileSync(absolute, 'utf8'),
        dataMap: undefined,
        profiles: [],
        partials: corpusPartials(file),
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
