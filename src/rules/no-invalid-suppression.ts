import type { Report, Rule } from './rule.js';

export const noInvalidSuppression: Rule = {
  meta: {
    id: 'no-invalid-suppression',
    description: 'Require every creeplint-disable comment to name known rules and give a reason',
    defaultSeverity: 'error',
    category: 'suppressions',
    weight: 'none',
  },
  check(facts) {
    const known = new Set(facts.knownRuleIds);
    return facts.directives.flatMap((directive): Report[] => {
      if (directive.kind === 'enable') return [];
      const unknown = directive.rules.filter((rule) => !known.has(rule));
      const problems: Report[] = [];
      if (directive.reason === undefined) {
        problems.push({
          message: `creeplint-${directive.kind} without a reason does not suppress anything`,
          why: 'A suppression is a decision that this data use is acceptable; without a written reason nobody can review it.',
          suggestion: `Add the reason after " -- ": {{!-- creeplint-${directive.kind} ${directive.rules.join(', ') || 'rule-id'} -- the recipient asked for this --}}`,
          range: directive.range,
        });
      }
      if (unknown.length > 0) {
        problems.push({
          message: `creeplint-${directive.kind} names unknown rule${unknown.length === 1 ? '' : 's'} ${unknown.map((rule) => `\`${rule}\``).join(', ')}`,
          why: 'A misspelt rule id suppresses nothing, so the finding it was meant for still fails the check.',
          suggestion: 'Use the ids `creeplint rules` lists.',
          range: directive.range,
        });
      }
      return problems;
    });
  },
};
