import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import { RULES } from '../../src/rules/index.js';
import { bundledOutcome, OPTIONS } from './fixtures.js';
import { sarifSchemaErrors as validate } from './sarif-schema.js';

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } }; logicalLocations: { name: string }[] }[];
      properties: Record<string, unknown>;
    }[];
  }[];
}

describe('sarif', () => {
  it('validates against the published SARIF 2.1.0 schema', async () => {
    const sarif = JSON.parse(formatSarif(await bundledOutcome(), OPTIONS)) as SarifLog;
    expect(validate(sarif)).toEqual([]);
    // The validator itself rejects a broken log, so the check above can fail.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).not.toEqual([]);
  });

  it('describes every rule with its help URI, and each finding with location, placement and properties', async () => {
    const sarif = JSON.parse(formatSarif(await bundledOutcome(['templates/browse-abandon.hbs']), OPTIONS)) as SarifLog;
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual([...RULES.map((rule) => rule.meta.id), 'max-score']);
    expect(run?.tool.driver.rules[0]?.helpUri).toMatch(/docs\/rules\/parse-error\.md$/u);
    const subject = run?.results.find((result) => result.ruleId === 'no-personal-data-in-subject');
    expect(subject?.level).toBe('warning');
    expect(subject?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'templates/browse-abandon.hbs', uriBaseId: '%SRCROOT%' },
      region: { startLine: 3, startColumn: 52, endLine: 3, endColumn: 75 },
    });
    expect(subject?.locations[0]?.logicalLocations).toEqual([{ name: 'subject', kind: 'member', fullyQualifiedName: 'templates/browse-abandon.hbs (every branch)#subject' }]);
    // Judged for the template whole, whatever the recipient: listed once, with its weight, for no profile.
    expect(subject?.properties).toEqual({
      template: 'templates/browse-abandon.hbs',
      field: 'last_viewed_product',
      category: 'user.behavior.browsing_history',
      source: 'observed',
      placement: 'subject',
      weight: 17,
      profile: null,
      scope: 'template',
    });
    expect(run?.results.filter((result) => result.ruleId === 'no-personal-data-in-subject')).toHaveLength(1);
    const recipient = run?.results.find((result) => result.ruleId === 'no-surveillance-phrasing');
    expect(recipient?.properties).toMatchObject({ profile: 'cust-distinct', points: 6, score: 77, band: 'creepy' });
    expect(run?.results.find((result) => result.ruleId === 'require-consent')?.level).toBe('error');
    expect(run?.results[subject ? run.results.indexOf(subject) : 0]?.ruleIndex).toBe(RULES.findIndex((rule) => rule.meta.id === 'no-personal-data-in-subject'));
  });

  it('has an empty results array when clean, and maps info to note', async () => {
    const clean = JSON.parse(formatSarif({ results: [], templates: [], errorCount: 0, warningCount: 0 }, OPTIONS)) as SarifLog;
    expect(clean.runs[0]?.results).toEqual([]);
    expect(validate(clean)).toEqual([]);
    const recommendation = JSON.parse(formatSarif(await bundledOutcome(['templates/recommendation.hbs']), OPTIONS)) as SarifLog;
    expect(recommendation.runs[0]?.results.filter((result) => result.ruleId === 'no-undeclared-source').map((result) => result.level)).toContain('note');
  });
});
