import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli.js';
import { lint } from '../../src/engine/lint.js';
import { formatSarif } from '../../src/report/sarif.js';
import { tagsOf, withAbsoluteLinks } from '../../src/report/sarif-rules.js';
import { RULE_CATEGORY_NAMES } from '../../src/rules/rule.js';
import { RULES } from '../../src/rules/index.js';
import { cliIn } from '../cli-runner.js';
import { FIXED_NOW } from '../support.js';
import { OPTIONS } from './fixtures.js';
import { sarifSchemaErrors as schemaErrors } from './sarif-schema.js';

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn?: number } };
    logicalLocations: { name: string; kind: string; fullyQualifiedName: string }[];
  }[];
  partialFingerprints: Record<string, string>;
  properties: Record<string, unknown>;
}

interface Log {
  runs: {
    tool: { driver: { rules: { id: string; help?: { text: string; markdown: string }; properties: { tags: string[] } }[]; notifications: { id: string }[] } };
    invocations: {
      executionSuccessful: boolean;
      exitCode?: number;
      toolExecutionNotifications?: { level: string; message: { text: string }; descriptor: { id: string; index: number }; locations?: unknown[] }[];
    }[];
    results: Result[];
  }[];
}

const DATAMAP = 'fixtures/datamap.yaml';
const PROFILES = ['full-consent', 'withdrawn-consent', 'missing-values', 'source-override'].map((name) => `fixtures/profiles/${name}.json`);

async function sarifOf(...args: string[]): Promise<{ code: number; log: Log }> {
  const result = await cliIn(undefined, 'check', ...args, '--format', 'sarif');
  const log = JSON.parse(result.stdout) as Log;
  expect(schemaErrors(log)).toEqual([]);
  return { code: result.code, log };
}

function run(log: Log): Log['runs'][number] {
  const first = log.runs[0];
  if (!first) throw new Error('no run');
  return first;
}

describe('SARIF for code scanning (issue 13)', () => {
  it('gives every finding a fingerprint of its own: code scanning merges results that share one', async () => {
    const { log } = await sarifOf('templates', '--datamap', DATAMAP, ...PROFILES.flatMap((profile) => ['--profile', profile]));
    const fingerprints = run(log).results.map((result) => result.partialFingerprints['creeplintFinding/v1']);
    expect(fingerprints.length).toBeGreaterThan(50);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    // Two phrase findings of one rule in one email, the case that used to share one.
    const { log: browse } = await sarifOf('templates/browse-abandon.hbs', '--datamap', DATAMAP, '--profile', PROFILES[0] ?? '');
    const phrases = run(browse).results.filter((result) => result.ruleId === 'no-surveillance-phrasing');
    expect(phrases).toHaveLength(2);
    expect(phrases[0]?.partialFingerprints).not.toEqual(phrases[1]?.partialFingerprints);
  });

  it('keeps a finding’s fingerprint when lines are added above it, and tells identical findings apart by their order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-sarif-'));
    const body = '<p>We noticed you were looking at {{last_viewed_product}}.</p>\n<p>We noticed you again.</p>\n<a href="{{unsubscribe_url}}">Unsubscribe</a>\n';
    writeFileSync(join(dir, 'email.hbs'), `---\npurpose: [marketing, personalisation]\n---\n${body}`);
    const cwd = process.cwd();
    const before = JSON.parse(
      (await cliIn(dir, 'check', 'email.hbs', '--datamap', join(cwd, DATAMAP), '--profile', join(cwd, PROFILES[0] ?? ''), '--format', 'sarif')).stdout,
    ) as Log;
    writeFileSync(join(dir, 'email.hbs'), `---\npurpose: [marketing, personalisation]\n---\n<p>A new first line.</p>\n\n${body}`);
    const after = JSON.parse(
      (await cliIn(dir, 'check', 'email.hbs', '--datamap', join(cwd, DATAMAP), '--profile', join(cwd, PROFILES[0] ?? ''), '--format', 'sarif')).stdout,
    ) as Log;
    const byFingerprint = (log: Log) =>
      new Map(run(log).results.map((result) => [result.partialFingerprints['creeplintFinding/v1'], result.locations[0]?.physicalLocation.region.startLine]));
    const [old, moved] = [byFingerprint(before), byFingerprint(after)];
    expect([...moved.keys()].sort()).toEqual([...old.keys()].sort());
    for (const [key, line] of old) if (line !== undefined && line > 3) expect(moved.get(key)).toBe(line + 2);
    const noticed = run(before).results.filter((result) => result.message.text.startsWith('"we noticed you"'));
    expect(noticed.length).toBe(2);
    expect(new Set(noticed.map((result) => result.partialFingerprints['creeplintFinding/v1'])).size).toBe(2);
  });

  it('describes every rule with its doc as markdown help, and tags for its category', async () => {
    const { log } = await sarifOf('templates/newsletter.mjml', '--datamap', DATAMAP);
    const rules = run(log).tool.driver.rules;
    for (const rule of RULES) {
      const descriptor = rules.find((entry) => entry.id === rule.meta.id);
      // The doc as shipped, its links made absolute so that they work where code scanning shows it.
      const withoutTargets = (markdown: string): string => markdown.replace(/\]\([^)\s]*\)/gu, ']()');
      expect(withoutTargets(descriptor?.help?.markdown ?? ''), rule.meta.id).toBe(withoutTargets(readFileSync(`docs/rules/${rule.meta.id}.md`, 'utf8')));
      for (const [, target] of (descriptor?.help?.markdown ?? '').matchAll(/\]\(([^)\s]*)\)/gu)) expect(target, rule.meta.id).toMatch(/^(https:\/\/|#)/u);
      expect(descriptor?.help?.text).toContain(rule.meta.description);
      expect(descriptor?.properties.tags, rule.meta.id).toContain(rule.meta.category);
    }
    expect(rules.find((entry) => entry.id === 'no-unconsented-field')?.properties.tags).toEqual(['privacy', 'consent']);
    expect(rules.find((entry) => entry.id === 'parse-error')?.properties.tags).toEqual(['correctness']);
    expect(rules.find((entry) => entry.id === 'max-score')?.help?.markdown).toContain('docs/scoring.md');
  });

  it('makes a doc’s relative links absolute, and leaves absolute links and anchors alone', () => {
    expect(withAbsoluteLinks('See [scoring](../scoring.md), [a rule](require-consent.md#options), [Pew](https://pewresearch.org/x) and [below](#options).')).toBe(
      'See [scoring](https://github.com/creeplint/creeplint/blob/main/docs/scoring.md), [a rule](https://github.com/creeplint/creeplint/blob/main/docs/rules/require-consent.md#options), [Pew](https://pewresearch.org/x) and [below](#options).',
    );
  });

  it('tags each rule with the category its meta declares: privacy and the category, or only correctness or suppressions', () => {
    for (const rule of RULES) {
      expect(RULE_CATEGORY_NAMES, rule.meta.id).toContain(rule.meta.category);
      expect(tagsOf(rule.meta.id), rule.meta.id).toEqual(
        rule.meta.category === 'correctness' || rule.meta.category === 'suppressions' ? [rule.meta.category] : ['privacy', rule.meta.category],
      );
    }
    expect(tagsOf('require-consent')).toEqual(['privacy', 'consent']);
    expect(tagsOf('no-unused-suppression')).toEqual(['suppressions']);
  });

  it('puts a finding not tied to a token at the email, as a logical location naming the template and profile', async () => {
    const { log } = await sarifOf('templates/browse-abandon.hbs', '--datamap', DATAMAP, '--profile', PROFILES[1] ?? '');
    const consent = run(log).results.find((result) => result.ruleId === 'require-consent');
    expect(consent?.locations[0]?.logicalLocations).toEqual([{ name: 'cust-1002', kind: 'module', fullyQualifiedName: 'templates/browse-abandon.hbs × cust-1002' }]);
    const token = run(log).results.find((result) => result.ruleId === 'no-unconsented-field');
    expect(token?.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe('templates/browse-abandon.hbs × cust-1002#subject');
  });

  it('reports a score above the maximum as a max-score result at the template’s first line', async () => {
    const { code, log } = await sarifOf('templates/recommendation.hbs', '--datamap', DATAMAP, '--profile', PROFILES[0] ?? '', '--max-score', '3');
    expect(code).toBe(EXIT.findings);
    const held = run(log).results.filter((result) => result.ruleId === 'max-score');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      level: 'error',
      message: { text: 'The email for cust-1001 is held: the score 7 (helpful) is above the maximum, 3. Soften or remove the findings that carry the most points.' },
      properties: { template: 'templates/recommendation.hbs', profile: 'cust-1001', score: 7, band: 'helpful', maxScore: 3 },
    });
    expect(held[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'templates/recommendation.hbs', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1, startColumn: 1 },
    });
    expect(run(log).tool.driver.rules[held[0]?.ruleIndex ?? -1]?.id).toBe('max-score');
  });

  it('records the invocation: the exit code the run ends with, and too many warnings as a notification', async () => {
    const clean = await sarifOf('templates/newsletter.mjml', '--datamap', DATAMAP, '--profile', PROFILES[0] ?? '');
    expect([clean.code, run(clean.log).invocations]).toEqual([EXIT.ok, [{ executionSuccessful: true, exitCode: 0 }]]);
    const failing = await sarifOf('templates/order-confirmation.hbs', '--datamap', DATAMAP, '--profile', PROFILES[3] ?? '', '--max-warnings', '2');
    expect(failing.code).toBe(EXIT.findings);
    expect(run(failing.log).invocations).toEqual([
      {
        executionSuccessful: true,
        exitCode: 1,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'The run fails: 6 warnings, more than --max-warnings 2 allows.' }, descriptor: { id: 'max-warnings', index: 1 } },
        ],
      },
    ]);
    expect(run(failing.log).tool.driver.notifications[1]?.id).toBe('max-warnings');
  });

  it('tells a library caller’s unreadable inputs as tool execution notifications, at their file and position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-sarif-'));
    writeFileSync(join(dir, 'broken.json'), '{"id": "a",}');
    const outcome = await lint({ templates: ['templates/newsletter.mjml'], dataMap: DATAMAP, profiles: [join(dir, 'broken.json')], now: FIXED_NOW });
    const log = JSON.parse(formatSarif(outcome, OPTIONS)) as Log;
    expect(schemaErrors(log)).toEqual([]);
    const invocation = run(log).invocations[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.exitCode).toBeUndefined();
    expect(invocation?.toolExecutionNotifications).toEqual([
      {
        level: 'error',
        message: { text: 'invalid JSON: Expected double-quoted property name' },
        descriptor: { id: 'input-error', index: 0 },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: expect.stringMatching(/broken\.json$/u) as unknown, uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 12 } },
          },
        ],
      },
    ]);
  });
});
