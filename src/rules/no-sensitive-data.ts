import { revealingVisibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { isRevealed, mainPlacement, type Rule } from './rule.js';

/** Below this, data reveals little (country, language, first name); `threshold` in the configuration changes it. */
export const SENSITIVE_ENOUGH = 0.5;

export const noSensitiveData: Rule = {
  meta: {
    id: 'no-sensitive-data',
    description: 'Disallow sensitive data (precise location, finances, children, private content) printed or deciding what is shown',
    defaultSeverity: 'warning',
    category: 'sensitive-data',
    weight: (report) => weightOf(RULE_WEIGHTS['no-sensitive-data'] * (report.token?.sensitivity ?? 0) * revealingVisibility(report.placement)),
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        threshold: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          default: SENSITIVE_ENOUGH,
          description: "The sensitivity (0 to 1, the category's in docs/scoring.md) from which data is reported: raise it to report only the most sensitive.",
        },
      },
    },
  },
  check(facts, options) {
    const threshold = typeof options['threshold'] === 'number' ? options['threshold'] : SENSITIVE_ENOUGH;
    return facts.tokens
      .filter((token) => !token.special && token.sensitivity >= threshold && isRevealed(token))
      .map((token) => {
        const placement = mainPlacement(token);
        const asCondition = placement === 'condition';
        return {
          token,
          placement,
          message: asCondition
            ? `What this email shows depends on \`${token.field}\` (${token.category ?? 'uncategorised'})`
            : `\`${token.field}\` (${token.category ?? 'uncategorised'}) is sensitive and appears in this email`,
          why: asCondition
            ? 'Content chosen by sensitive data reveals that data: a block "for expecting parents" says the reader is expecting.'
            : 'Email is read on shared screens and forwarded; sensitive details in it feel exposed even when the person gave them.',
          suggestion: asCondition
            ? 'Choose content from what the person asked for (preferences, subscriptions), not from sensitive facts about them.'
            : 'Link to the account page where the person can see this detail after signing in.',
        };
      });
  },
};
