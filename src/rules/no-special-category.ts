import { isRevealed, mainPlacement, type Rule } from './rule.js';

export const noSpecialCategory: Rule = {
  meta: {
    id: 'no-special-category',
    description: 'Disallow special-category data (health, beliefs, ethnicity, sexuality, biometrics, criminal records) in an email',
    defaultSeverity: 'error',
  },
  check(facts) {
    return facts.tokens
      .filter((token) => token.special && isRevealed(token))
      .map((token) => {
        const justified = facts.hasProfile && token.allowedPurposes.length > 0;
        const placement = mainPlacement(token);
        const shown = placement === 'condition' ? 'decides what this email shows' : 'appears in this email';
        return {
          token,
          placement,
          severity: justified ? ('warning' as const) : ('error' as const),
          message: `\`${token.field}\` (${token.category ?? 'special category'}) ${shown}`,
          why: justified
            ? 'Even with consent, an email that reveals health, beliefs or similar data can be read by others and feels invasive.'
            : 'Special-category data may only be used with explicit consent for this purpose (GDPR Art. 9); an email revealing it is the classic creepy message.',
          suggestion: 'Send content that does not depend on this data, or make it a topic the person chose ("the newsletter you subscribed to") rather than a fact about them.',
        };
      });
  },
};
