import { describe, expect, it } from 'vitest';
import { findRule } from '../../src/rules/index.js';
import { brief, check, checkRaw, type CheckOptions } from '../support.js';

export interface RuleCase extends CheckOptions {
  name?: string;
  template: string;
  /** Raw recipient data, checked through the pre-send checker instead of a validated profile. */
  recipient?: unknown;
}

async function findingsOf(testCase: RuleCase) {
  if ('recipient' in testCase) return (await checkRaw(testCase.template, testCase.recipient, testCase.file ? { file: testCase.file } : {})).findings;
  return (await check(testCase.template, testCase)).findings;
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
      const templates = [...cases.valid, ...cases.invalid].map(
        (c) => `${c.template}\u0000${JSON.stringify(c.profiles ?? null)}\u0000${c.file ?? ''}\u0000${JSON.stringify(c.recipient ?? null)}`,
      );
      expect(new Set(templates).size).toBe(templates.length);
    });
    for (const [index, testCase] of cases.valid.entries()) {
      it(`valid #${index + 1}${testCase.name ? `: ${testCase.name}` : ''}`, async () => {
        const findings = await findingsOf(testCase);
        expect(findings.filter((f) => f.ruleId === ruleId).map(brief)).toEqual([]);
      });
    }
    for (const [index, testCase] of cases.invalid.entries()) {
      it(`invalid #${index + 1}${testCase.name ? `: ${testCase.name}` : ''}`, async () => {
        expect(testCase.findings.length).toBeGreaterThan(0);
        for (const expected of testCase.findings) expect(expected['ruleId'] ?? ruleId).toBe(ruleId);
        const findings = await findingsOf(testCase);
        const actual = findings.filter((f) => f.ruleId === ruleId).map(brief);
        expect(actual).toEqual(testCase.findings.map((f) => ({ ruleId, ...f })));
        for (const finding of findings.filter((f) => f.ruleId === ruleId)) {
          expect(finding.message.length).toBeGreaterThan(0);
          expect(finding.why.length).toBeGreaterThan(0);
          expect(finding.suggestion.length).toBeGreaterThan(0);
        }
      });
    }
  });
}
