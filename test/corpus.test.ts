import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../src/engine/check-template.js';
import type { LintResult } from '../src/model/finding.js';
import { CORPUS, EXPECTED_PARSE_ERRORS, corpusEntries, corpusLanguage, corpusPartials, corpusPresent as present } from './corpus.js';
import { FIXED_NOW } from './support.js';

describe.skipIf(!present)(`the corpus of real templates (${present ? CORPUS : 'skipped: ../shared/corpus is not beside this clone'})`, () => {
  it('reads every template in its own language: each yields a result, none crashes, parse errors only where expected', async () => {
    const entries = corpusEntries();
    expect(entries).toHaveLength(260);
    expect(entries.filter((entry) => corpusLanguage(entry) === 'liquid')).toHaveLength(55);
    const results: { language: string; result: LintResult }[] = [];
    for (const entry of entries) {
      const outcome = await checkTemplate({
        file: entry.file,
        text: readFileSync(join(CORPUS, entry.file), 'utf8'),
        dataMap: undefined,
        profiles: [],
        partials: corpusPartials(entry.file),
        now: FIXED_NOW,
        language: corpusLanguage(entry),
      });
      expect(outcome.results, entry.file).toHaveLength(1);
      results.push(...outcome.results.map((result) => ({ language: corpusLanguage(entry), result })));
    }
    const parseErrors = Object.fromEntries(
      results
        .filter(({ result }) => result.findings.some((finding) => finding.ruleId === 'parse-error'))
        .map(({ result }) => [result.template, EXPECTED_PARSE_ERRORS[result.template] ?? 'unexpected']),
    );
    expect(parseErrors).toEqual(EXPECTED_PARSE_ERRORS);
    const crashes = results.flatMap(({ result }) =>
      result.findings.filter((finding) => finding.ruleId === 'render-error').map((finding) => `${result.template}: ${finding.message}`),
    );
    expect(crashes).toEqual([]);
    // Every finding says where it is in the file.
    const unplaced = results.flatMap(({ result }) =>
      result.findings.filter((finding) => !(finding.line >= 1 && finding.column >= 1)).map((finding) => `${result.template}: ${finding.ruleId}`),
    );
    expect(unplaced).toEqual([]);
    // Every template that reads customer data is traced to at least one field.
    const withTokens = (language: string) => results.filter((entry) => entry.language === language && entry.result.fields.length > 0).length;
    expect(withTokens('handlebars')).toBeGreaterThan(150);
    // All but the Shopify layout shell (`_layout.html`, twice), which prints only the shop's assets.
    expect(withTokens('liquid')).toBe(53);
    // Platform filters plain Liquid lacks (Shopify's `money`, `img_url`, Knock's `pluralize`) are reported, where they are written.
    const unknownFilters = new Set(
      results
        .filter(({ language }) => language === 'liquid')
        .flatMap(({ result }) => result.findings.filter((finding) => finding.ruleId === 'no-unknown-helper').map((finding) => /`([^`]+)`/u.exec(finding.message)?.[1])),
    );
    expect([...unknownFilters].sort()).toEqual([
      'asset_url',
      'cdn_asset_url',
      'format_address',
      'img_tag',
      'img_url',
      'money',
      'money_with_currency',
      'money_without_trailing_zeros',
      'payment_icon_png_url',
      'payment_type_img_url',
      'pluralize',
      'product_img_url',
      'shopify_asset_url',
    ]);
  }, 180_000);
});
