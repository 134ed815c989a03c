import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { RULE_WEIGHTS } from '../../src/score/weights.js';

const ids = RULES.map((rule) => rule.meta.id).sort();
const SECTIONS = ['## What it does', '## Why it feels intrusive', '## Examples', '## How to fix', '## Options', '## When not to use it', '## References'];

describe('the rule registry, rule docs and README stay in step', () => {
  it('every registered rule has a doc, and every doc a rule', () => {
    const docs = readdirSync('docs/rules').map((name) => name.replace(/\.md$/u, '')).sort();
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
      expect(positions.every((position) => position > 0), rule.meta.id).toBe(true);
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
    const unweighted = RULES.filter((rule) => rule.meta.weight === 'none').map((rule) => rule.meta.id).sort();
    expect([...zeroRow.matchAll(/`([a-z-]+)`/gu)].map((match) => match[1]).sort()).toEqual(unweighted);
    for (const rule of RULES) if (rule.meta.weight !== 'none') expect(scoring, rule.meta.id).toContain(`\`${rule.meta.id}\``);
  });

  it('every weighted rule id names a registered rule', () => {
    for (const key of Object.keys(RULE_WEIGHTS)) expect(ids.some((id) => key.startsWith(id)), key).toBe(true);
  });
});
