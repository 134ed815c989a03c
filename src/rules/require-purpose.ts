import type { Report, Rule } from './rule.js';

export const requirePurpose: Rule = {
  meta: {
    id: 'require-purpose',
    description: 'Require every email to declare its purposes, each one known to the data map',
    defaultSeverity: 'warning',
    category: 'purpose-limitation',
    weight: 'none',
  },
  check(facts) {
    if (facts.purposes.length === 0) {
      return [
        {
          message: 'The template declares no purpose, so purpose and consent cannot be checked',
          why: 'Whether data may be used depends on why the email is sent: an order confirmation and a promotion differ.',
          suggestion: 'Add front matter: ---\\npurpose: marketing\\n--- (or transactional, personalisation…).',
          range: facts.purposesRange,
        },
      ];
    }
    if (!facts.dataMap) return [];
    return facts.purposes
      .filter((purpose) => facts.basisOf(purpose) === undefined)
      .map((purpose): Report => ({
        message: `Purpose \`${purpose}\` is not declared in the data map`,
        why: 'A purpose without a legal basis cannot justify any data.',
        suggestion: `Declare \`${purpose}\` under purposes in the data map with its basis, or use a declared purpose.`,
        severity: 'error',
        range: facts.purposesRange,
      }));
  },
};
