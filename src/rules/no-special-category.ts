import { revealingVisibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { isRevealed, mainPlacement, type Rule } from './rule.js';

/** The formula's cases: an inference about the person, a use without purpose and consent, a use with them. */
type SpecialCategoryCase = 'inferred' | 'without-basis' | 'with-basis';

const SPECIAL_CATEGORY_BASE = {
  inferred: 'no-special-category-inferred',
  'without-basis': 'no-special-category',
  'with-basis': 'no-special-category-consented',
} as const satisfies Record<SpecialCategoryCase, keyof typeof RULE_WEIGHTS>;

export const noSpecialCategory: Rule = {
  meta: {
    id: 'no-special-category',
    description: 'Disallow special-category data (health, beliefs, ethnicity, sexuality, biometrics, criminal records) in an email',
    defaultSeverity: 'error',
    category: 'sensitive-data',
    weight: (report) => weightOf(RULE_WEIGHTS[SPECIAL_CATEGORY_BASE[(report.variant ?? 'without-basis') as SpecialCategoryCase]] * revealingVisibility(report.placement)),
  },
  check(facts) {
    return facts.tokens
      .filter((token) => token.special && isRevealed(token))
      .map((token) => {
        // For a recipient, its purposes and their consent must hold; for the template on its own, its purposes.
        const justified = (facts.hasProfile ? token.allowedPurposes : token.sharedPurposes).length > 0;
        const variant: SpecialCategoryCase = token.source !== undefined && token.source !== 'declared' ? 'inferred' : justified ? 'with-basis' : 'without-basis';
        const placement = mainPlacement(token);
        const shown = placement === 'condition' ? 'decides what this email shows' : 'appears in this email';
        return {
          token,
          placement,
          severity: justified ? ('warning' as const) : ('error' as const),
          variant,
          message: `\`${token.field}\` (${token.category ?? 'special category'}) ${shown}`,
          why: justified
            ? 'Even with consent, an email that reveals health, beliefs or similar data can be read by others and feels invasive.'
            : 'Special-category data may only be used with explicit consent for this purpose (GDPR Art. 9); an email revealing it is the classic creepy message.',
          suggestion: 'Send content that does not depend on this data, or make it a topic the person chose ("the newsletter you subscribed to") rather than a fact about them.',
        };
      });
  },
};
