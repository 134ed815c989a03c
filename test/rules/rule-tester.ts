import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/index.js';
import { brief, check, type CheckOptions } from '../support.js';

export interface RuleCase extends CheckOptions {
  name?: string;
  template: string;
}

export interface InvalidCase extends RuleCase {
  findings: Record<string, unknown>[];
}

/**
 * Strict, as ESLint's RuleTester: every invalid case lists exactly the findings the
 * rule must produce (rule id, severity, line, column, field, placement); valid cases
 * produce none of that rule. Unknown rule ids and duplicate cases fail.
 */
export function ruleTester(ruleId: string, cases: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    it('is a registered rule with cases on both sides', () => {
      expect(findRule(ruleId)).toBeDefined();
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
      const templates = [...cases.valid, ...cases.invalid].map((c) => `${c.template}\u0000${JSON.stringify(c.profiles ?? null)}\u0000${c.file ?? ''}`);
      expect(new Set(templates).size).toBe(templates.length);
    });
    for (const [index, testCase] of cases.valid.entries()) {
      it(`valid #${index + 1}${testCase.name ? `: ${testCase.name}` : ''}`, async () => {
        const result = await check(testCase.template, testCase);
        expect(result.findings.filter((f) => f.ruleId === ruleId).map(brief)).toEqual([]);
      });
    }
    for (const [index, testCase] of cases.invalid.entries()) {
      it(`invalid #${index + 1}${testCase.name ? `: ${testCase.name}` : ''}`, async () => {
        expect(testCase.findings.length).toBeGreaterThan(0);
        for (const expected of testCase.findings) expect(expected['ruleId'] ?? ruleId).toBe(ruleId);
        const result = await check(testCase.template, testCase);
        const actual = result.findings.filter((f) => f.ruleId === ruleId).map(brief);
        expect(actual).toEqual(testCase.findings.map((f) => ({ ruleId, ...f })));
        for (const finding of result.findings.filter((f) => f.ruleId === ruleId)) {
          expect(finding.message.length).toBeGreaterThan(0);
          expect(finding.why.length).toBeGreaterThan(0);
          expect(finding.suggestion.length).toBeGreaterThan(0);
        }
      });
    }
  });
}
