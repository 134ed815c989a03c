import { SECTION_PLACEMENT } from '../model/vocabulary.js';
import { revealingVisibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { alreadyWritten } from './copy-context.js';
import type { Rule } from './rule.js';

/**
 * A recipient's own value that names a special category by itself: a purchase called
 * "home HIV test" in a subject line is as revealing as copy that names the condition.
 * Judged per recipient (it is their value); the message names the category, never the value.
 */
export const noRevealingValue: Rule = {
  meta: {
    id: 'no-revealing-value',
    description: 'Disallow values that name a special category by themselves ("home HIV test" as a purchase in the subject)',
    defaultSeverity: 'error',
    category: 'sensitive-data',
    weight: (report) => weightOf(RULE_WEIGHTS['no-revealing-value'] * revealingVisibility(report.placement)),
  },
  check(facts) {
    if (!facts.copy) return [];
    const byUse = new Map(facts.tokens.map((token) => [token.use.id, token]));
    return facts.copy.revealing.flatMap((value) => {
      const token = value.useIds.map((id) => byUse.get(id)).find((candidate) => candidate !== undefined);
      if (!token) return [];
      const placement = SECTION_PLACEMENT[value.section];
      const category = value.entry.category ?? 'a special category';
      return [
        {
          token,
          placement,
          intrusion: category,
          message: `This recipient's value of \`${token.field}\` names ${category} in the ${placement === 'hidden' ? 'headers' : placement}`,
          why: `${value.entry.note} Whatever field it comes from, the value says it to anyone who sees the email.`,
          suggestion: alreadyWritten(facts, value.entry.suggestion)
            ? placement === 'subject' || placement === 'preheader'
              ? `Keep item names out of the ${placement}.`
              : 'Leave such items out of this email, or refer to them generally.'
            : placement === 'subject' || placement === 'preheader'
              ? `Keep item names out of the ${placement}: "${value.entry.suggestion}".`
              : `Leave such items out of this email, or refer to them generally: "${value.entry.suggestion}".`,
        },
      ];
    });
  },
};
