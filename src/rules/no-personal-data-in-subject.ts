import { weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { isPersonal, isRevealed, type Rule } from './rule.js';

export const noPersonalDataInSubject: Rule = {
  meta: {
    id: 'no-personal-data-in-subject',
    description: 'Disallow personal data beyond a first name in the subject or preheader',
    defaultSeverity: 'warning',
    category: 'exposure',
    weight: (report) => weightOf(RULE_WEIGHTS['no-personal-data-in-subject'] * (1 + (report.token?.sensitivity ?? 0))),
  },
  check(facts) {
    return facts.tokens.flatMap((token) => {
      const placement = token.placements.find((p) => p === 'subject' || p === 'preheader');
      if (!placement || !isPersonal(token) || !isRevealed(token) || token.category === 'user.name.first') return [];
      const sensitive = token.special || token.sensitivity >= 0.5;
      return [
        {
          token,
          placement,
          severity: sensitive ? ('error' as const) : undefined,
          message: `\`${token.field}\` (${token.category ?? 'uncategorised'}) shows in the ${placement}`,
          why: 'Subjects and preheaders appear on lock screens, in notifications and in shared inboxes before anyone opens the email.',
          suggestion: 'Keep the subject general ("Something new for you") and move the personal detail into the body.',
        },
      ];
    });
  },
};
