import { RULE_WEIGHTS } from '../score/weights.js';
import type { Rule } from './rule.js';

export const requireConsent: Rule = {
  meta: {
    id: 'require-consent',
    description: "Require the recipient's granted, unexpired consent for every consent-based purpose of the email",
    defaultSeverity: 'error',
    category: 'consent',
    weight: () => RULE_WEIGHTS['require-consent'],
  },
  check(facts) {
    if (!facts.hasProfile) return [];
    return facts.purposes.flatMap((purpose) => {
      if (facts.basisOf(purpose) !== 'consent') return [];
      // Safe by construction: content for this purpose sits in {{#ifConsent}} blocks, and
      // any token that still relies on it is judged by no-unconsented-field.
      if (facts.consentGuards.has(purpose)) return [];
      const state = facts.consentOf(purpose);
      if (state === 'granted' || state === undefined) return [];
      const how = { refused: 'has withdrawn or refused', expired: 'gave consent that has expired for', missing: 'has not given consent for' }[state];
      return [
        {
          message: `The recipient ${how} \`${purpose}\`, a purpose of this email`,
          why: 'Sending an email whose purpose needs consent to someone who has not given it breaks their trust and the law (GDPR Art. 6(1)(a), ePrivacy Art. 13).',
          suggestion: `Do not send this email to this recipient, or remove \`${purpose}\` from its purposes and the content that needs it.`,
          range: facts.purposesRange,
        },
      ];
    });
  },
};
