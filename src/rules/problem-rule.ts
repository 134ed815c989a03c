import type { Severity } from '../model/severity.js';
import type { TemplateProblem } from '../template/uses.js';
import type { Rule, RuleCategory } from './rule.js';

/** A rule that reports what the parser, the analysis or the render could not understand. */
export function problemRule(options: {
  id: TemplateProblem['ruleId'];
  description: string;
  defaultSeverity: Severity;
  category: RuleCategory;
  why: string;
  suggestion: (problem: TemplateProblem) => string;
}): Rule {
  return {
    // They say the email cannot be judged as written, not how it feels.
    meta: { id: options.id, description: options.description, defaultSeverity: options.defaultSeverity, category: options.category, weight: 'none' },
    check(facts) {
      return facts.problems
        .filter((problem) => problem.ruleId === options.id)
        .map((problem) => ({
          message: problem.message,
          why: options.why,
          suggestion: options.suggestion(problem),
          range: problem.range,
        }));
    },
  };
}
