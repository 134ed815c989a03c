import { describe, expect, it } from 'vitest';
import { lint, reporterFor, RULES } from '../src/index.js';
import { FIXED_NOW } from './support.js';

describe('the library API', () => {
  it('lint() takes files, directories and globs and returns the JSON contract as objects', async () => {
    const outcome = await lint({
      templates: ['templates/*.mjml', 'templates/creepy.hbs'],
      dataMap: 'fixtures/datamap.yaml',
      profiles: ['fixtures/profiles/full-consent.json'],
      now: FIXED_NOW,
    });
    expect(outcome.results.map((result) => `${result.template} ${result.band}`)).toEqual([
      'templates/birthday-offer.mjml helpful',
      'templates/creepy.hbs creepy',
      'templates/newsletter.mjml helpful',
    ]);
    expect(outcome.problems).toEqual([]);
    expect(JSON.parse(reporterFor('json')(outcome, { color: false, showValues: false, cwd: process.cwd() }))).toEqual({
      results: outcome.results,
      templates: outcome.templates,
      errorCount: outcome.errorCount,
      warningCount: outcome.warningCount,
    });
  });

  it('a directory expands to the templates inside it, leaving partials/ out', async () => {
    const outcome = await lint({ templates: ['templates'], now: FIXED_NOW });
    expect(outcome.results.map((result) => result.template)).toEqual([
      'templates/back-in-stock.liquid',
      'templates/birthday-offer.mjml',
      'templates/browse-abandon.hbs',
      'templates/creepy.hbs',
      'templates/newsletter.mjml',
      'templates/order-confirmation.hbs',
      'templates/recommendation.hbs',
      'templates/still-thinking-ar.hbs',
    ]);
  });

  it('reports unreadable inputs and keeps checking the rest', async () => {
    const outcome = await lint({ templates: ['templates/newsletter.mjml', 'nowhere/*.hbs'], profiles: ['missing.json', 'fixtures/profiles/full-consent.json'], now: FIXED_NOW });
    expect(outcome.problems).toEqual([
      { file: 'missing.json', line: undefined, column: undefined, message: 'cannot read the profile file' },
      { file: 'nowhere/*.hbs', line: undefined, column: undefined, message: 'matches no template (.hbs, .handlebars, .html, .htm, .txt, .mjml, .liquid)' },
    ]);
    expect(outcome.results).toHaveLength(1);
  });

  it('every rule has a kebab-case id and a description starting Disallow or Require', () => {
    for (const rule of RULES) {
      expect(rule.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/u);
      expect(rule.meta.description).toMatch(/^(Disallow|Require) /u);
    }
    expect(new Set(RULES.map((rule) => rule.meta.id)).size).toBe(RULES.length);
  });
});
