import { visibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { mainPlacement, type Rule } from './rule.js';

export const noUnknownField: Rule = {
  meta: {
    id: 'no-unknown-field',
    description: 'Disallow fields the data map does not describe',
    defaultSeverity: 'error',
    category: 'provenance',
    weight: (report) => weightOf(RULE_WEIGHTS['no-unknown-field'] * visibility(report.placement)),
  },
  check(facts) {
    if (!facts.dataMap) return [];
    return facts.tokens
      .filter((token) => !token.known)
      .map((token) => ({
        token,
        placement: mainPlacement(token),
        message: `\`${token.field}\` is not in the data map`,
        why: 'Without a category, source and purposes, nobody can say whether this data may be used here.',
        suggestion: `Add \`${token.field}\` to the data map with its category, source and purposes, or fix the path.`,
      }));
  },
};
