import { visibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { mainPlacement, type Rule } from './rule.js';

export const noPurposeMismatch: Rule = {
  meta: {
    id: 'no-purpose-mismatch',
    description: "Disallow fields whose purposes share none of the email's purposes (purpose limitation)",
    defaultSeverity: 'error',
    category: 'purpose-limitation',
    weight: (report) => weightOf(RULE_WEIGHTS['no-purpose-mismatch'] * (0.5 + (report.token?.sensitivity ?? 0)) * visibility(report.placement)),
  },
  check(facts) {
    if (facts.purposes.length === 0) return [];
    return facts.tokens
      .filter((token) => token.known && token.source !== 'system' && token.sharedPurposes.length === 0)
      .map((token) => ({
        token,
        placement: mainPlacement(token),
        message: `\`${token.field}\` is collected for ${token.purposes.map((p) => `\`${p}\``).join(', ') || 'no purpose'}, not for this email's ${facts.purposes.map((p) => `\`${p}\``).join(', ')}`,
        why: 'Data collected for one purpose and used for another surprises people: purpose limitation (GDPR Art. 5(1)(b)).',
        suggestion: `Remove \`${token.field}\`, or declare in the data map that it may serve this purpose if people were told so when it was collected.`,
      }));
  },
};
