import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { configSchemaText, docWithOptions, OPTIONS_BEGIN, OPTIONS_END } from '../../scripts/rule-schemas.mjs';

const REGENERATE = 'run `npm run build && node scripts/generate-schemas.mjs` and commit the result';

describe('what is generated from the rules is committed as generated', () => {
  it("schema/config.schema.json's rules section is the rules' own option schemas", () => {
    const committed = readFileSync('schema/config.schema.json', 'utf8');
    expect(committed, REGENERATE).toBe(configSchemaText(committed, RULES));
  });

  it('every rule doc has its generated Options block, as the rule declares it', () => {
    for (const rule of RULES) {
      const doc = readFileSync(`docs/rules/${rule.meta.id}.md`, 'utf8');
      const options = doc.slice(doc.indexOf('## Options'), doc.indexOf('## When not to use it'));
      expect(options, rule.meta.id).toContain(OPTIONS_BEGIN);
      expect(options, rule.meta.id).toContain(OPTIONS_END);
      expect(doc, `${rule.meta.id}: ${REGENERATE}`).toBe(docWithOptions(doc, rule));
    }
    const sensitive = readFileSync('docs/rules/no-sensitive-data.md', 'utf8');
    expect(sensitive).toContain('| `threshold` | number from 0 to 1 | `0.5` |');
    expect(sensitive).not.toContain('None');
  });

  it('every option a rule reads is one its schema declares, and only rules that read options declare them', () => {
    for (const file of readdirSync('src/rules').filter((name) => name.endsWith('.ts'))) {
      const read = [...readFileSync(`src/rules/${file}`, 'utf8').matchAll(/options\['([^']+)'\]/gu)].map((match) => match[1]);
      const rule = RULES.find((candidate) => `${candidate.meta.id}.ts` === file);
      if (!rule) {
        expect(read, file).toEqual([]);
        continue;
      }
      expect(Object.keys(rule.meta.options?.properties ?? {}).sort(), file).toEqual([...new Set(read)].sort());
      if (rule.meta.options) expect(rule.meta.options.additionalProperties, file).toBe(false);
    }
  });
});
