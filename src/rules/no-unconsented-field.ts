import { visibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { mainPlacement, type Rule } from './rule.js';

export const noUnconsentedField: Rule = {
  meta: {
    id: 'no-unconsented-field',
    description: 'Disallow tokens whose data no purpose allowed for this recipient can justify',
    defaultSeverity: 'error',
    category: 'consent',
    weight: (report) => weightOf(RULE_WEIGHTS['no-unconsented-field'] * (0.5 + (report.token?.sensitivity ?? 0)) * visibility(report.placement)),
  },
  check(facts) {
    if (!facts.hasProfile) return [];
    return facts.tokens
      .filter((token) => token.known && token.sharedPurposes.length > 0 && token.allowedPurposes.length === 0)
      .map((token) => ({
        token,
        placement: mainPlacement(token),
        message: `\`${token.field}\` may only serve ${token.sharedPurposes.map((p) => `\`${p}\``).join(', ')}, which this recipient has not consented to`,
        why: 'Using data for a purpose the person refused is exactly the use they said no to.',
        suggestion: `Wrap it in a block shown only with consent, or leave \`${token.field}\` out for recipients without it.`,
      }));
  },
};
