import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PLACEMENTS, SOURCES } from '../../src/model/vocabulary.js';
import { RULES } from '../../src/rules/index.js';
import type { Report, Rule, TokenFact } from '../../src/rules/rule.js';
import { RULE_WEIGHTS } from '../../src/score/weights.js';

const ids = RULES.map((rule) => rule.meta.id).sort();
const SECTIONS = ['## What it does', '## Why it feels intrusive', '## Examples', '## How to fix', '## Options', '## When not to use it', '## References'];

describe('the rule registry, rule docs and README stay in step', () => {
  it('every registered rule has a doc, and every doc a rule', () => {
    const docs = readdirSync('docs/rules')
      .map((name) => name.replace(/\.md$/u, ''))
      .sort();
    expect(docs).toEqual(ids);
  });

  it('every registered rule has valid and invalid cases in a rule test', () => {
    const tests = readdirSync('test/rules')
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => readFileSync(`test/rules/${name}`, 'utf8'))
      .join('\n');
    for (const id of ids) expect(tests, id).toContain(`ruleTester('${id}'`);
  });

  it('every doc has the house sections in order, a ❌ and a ✅ example, and the rule description', () => {
    for (const rule of RULES) {
      const doc = readFileSync(`docs/rules/${rule.meta.id}.md`, 'utf8');
      const positions = SECTIONS.map((heading) => doc.indexOf(heading));
      expect(
        positions.every((position) => position > 0),
        rule.meta.id,
      ).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(doc.indexOf('❌')).toBeGreaterThan(0);
      expect(doc.indexOf('✅')).toBeGreaterThan(doc.indexOf('❌'));
      expect(doc).toContain(rule.meta.description);
      expect(doc).toContain(`Default severity: \`${rule.meta.defaultSeverity}\``);
    }
  });

  it('the README lists every rule with its default severity', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const rule of RULES) expect(readme).toContain(`| [\`${rule.meta.id}\`](docs/rules/${rule.meta.id}.md) | ${rule.meta.defaultSeverity} |`);
  });

  it('the configuration schema knows exactly the registered rules', () => {
    const schema = JSON.parse(readFileSync('schema/config.schema.json', 'utf8')) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    expect([...schema.properties.rules.propertyNames.enum].sort()).toEqual(ids);
  });

  it('every rule that says how an email feels has a weight formula, and the others are the ones docs/scoring.md lists at 0', () => {
    const scoring = readFileSync('docs/scoring.md', 'utf8');
    const zeroRow = scoring.split('\n').find((line) => line.startsWith('|') && line.includes('`parse-error`')) ?? '';
    const unweighted = RULES.filter((rule) => rule.meta.weight === 'none')
      .map((rule) => rule.meta.id)
      .sort();
    expect([...zeroRow.matchAll(/`([a-z-]+)`/gu)].map((match) => match[1]).sort()).toEqual(unweighted);
    for (const rule of RULES) if (rule.meta.weight !== 'none') expect(scoring, rule.meta.id).toContain(`\`${rule.meta.id}\``);
  });

  it('every weighted rule id names a registered rule that scores', () => {
    const weighted = RULES.filter((rule) => rule.meta.weight !== 'none').map((rule) => rule.meta.id);
    for (const key of Object.keys(RULE_WEIGHTS))
      expect(
        weighted.some((id) => key === id || key.startsWith(`${id}-`)),
        key,
      ).toBe(true);
  });
});

/** A field as the rules about data see it at its most intrusive: special, inferred, printed in the subject. */
const TOKEN: TokenFact = {
  use: {
    id: 1,
    field: 'health.condition',
    kind: 'print',
    section: 'subject',
    expression: 'health.condition',
    range: { file: 't.hbs', start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
  },
  field: 'health.condition',
  known: true,
  category: 'user.health_and_medical',
  special: true,
  sensitivity: 0.55,
  source: 'inferred',
  purposes: [],
  placements: ['subject'],
  sharedPurposes: [],
  allowedPurposes: [],
  missing: false,
  exact: true,
};

function reportAt(placement: (typeof PLACEMENTS)[number], source: (typeof SOURCES)[number]): Report {
  return { message: 'm', why: 'w', suggestion: 's', token: { ...TOKEN, source, placements: [placement] }, placement, amount: 30 };
}

describe('a rule owns its points: the formula is in its meta, its constants in the weights table', () => {
  const weighted = RULES.filter((rule): rule is Rule & { meta: { weight: (report: Report) => number } } => rule.meta.weight !== 'none');

  it('every rule that scores has its base weight in RULE_WEIGHTS (score/weights.ts, with its source)', () => {
    const keys = Object.keys(RULE_WEIGHTS);
    for (const rule of weighted)
      expect(
        keys.some((key) => key === rule.meta.id || key.startsWith(`${rule.meta.id}-`)),
        rule.meta.id,
      ).toBe(true);
  });

  it('every formula gives a whole number from 0 to 100 wherever the data lands and wherever it came from', () => {
    for (const rule of weighted) {
      for (const placement of PLACEMENTS) {
        for (const source of SOURCES) {
          const weight = rule.meta.weight(reportAt(placement, source));
          expect(Number.isInteger(weight) && weight >= 0 && weight <= 100, `${rule.meta.id} at ${placement} from ${source}: ${weight}`).toBe(true);
        }
      }
    }
  });

  it('no formula is a placeholder: each weighs a report of special, inferred data in the subject above 0', () => {
    const zero = weighted.filter((rule) => rule.meta.weight(reportAt('subject', 'inferred')) === 0).map((rule) => rule.meta.id);
    expect(zero).toEqual([]);
  });

  it('adding a rule is the rule, its doc and its test: every rule a module of src/rules/ exports is registered', async () => {
    const registered = new Set<unknown>(RULES);
    const unregistered: string[] = [];
    for (const name of readdirSync('src/rules').filter((file) => file.endsWith('.ts'))) {
      // A module's own URL: vite rewrites only template-literal imports, into a glob that cannot list .ts files.
      const url = pathToFileURL(resolve('src/rules', name)).href;
      const exported = (await import(url)) as Record<string, unknown>;
      for (const [key, value] of Object.entries(exported)) {
        const candidate = value as Partial<Rule> | null;
        const isRule = typeof candidate === 'object' && candidate !== null && typeof candidate.check === 'function' && typeof candidate.meta?.id === 'string';
        if (isRule && !registered.has(value)) unregistered.push(`${name}: ${key}`);
      }
    }
    expect(unregistered).toEqual([]);
  });
});
