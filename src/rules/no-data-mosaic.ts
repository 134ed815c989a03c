import { weightOf } from '../score/formulas.js';
import { isWithin } from '../model/categories.js';
import { MOSAIC_FREE_DETAILS, MOSAIC_INFERRED_POINTS, MOSAIC_TRIAD_POINTS, RULE_WEIGHTS } from '../score/weights.js';
import { isBehaviouralSource, isPersonal, isRevealed, type Rule, type TokenFact } from './rule.js';

function shown(token: TokenFact): boolean {
  return token.placements.some((placement) => placement !== 'condition' && placement !== 'hidden');
}

/** Details the person handed over for this (an order's lines, their address) are expected; the rest add up. */
function revealing(token: TokenFact): boolean {
  return token.source !== 'declared' || token.special || token.sensitivity >= 0.5;
}

export const noDataMosaic: Rule = {
  meta: {
    id: 'no-data-mosaic',
    description: 'Disallow combining many personal details in one email',
    defaultSeverity: 'warning',
    category: 'intrusiveness',
    weight: (report) => weightOf(report.amount ?? 0),
  },
  check(facts) {
    const personal = facts.tokens.filter((token) => isPersonal(token) && token.known && isRevealed(token) && shown(token) && revealing(token));
    const fields = new Map<string, TokenFact>();
    for (const token of personal) if (!fields.has(token.field)) fields.set(token.field, token);
    const details = [...fields.values()];
    const extra = Math.max(0, details.length - MOSAIC_FREE_DETAILS);
    const category = (prefix: string): boolean => details.some((token) => isWithin(token.category ?? '', prefix));
    const triad =
      (category('user.location') || category('user.contact.address')) && category('user.behavior') && details.some((token) => isBehaviouralSource(token) && token.exact);
    // Traits the person never gave: inferred by a model or bought from another company (counted together, so a worse source never lowers the count).
    const inferred = details.filter((token) => token.source === 'inferred' || token.source === 'third_party').length;
    const extraInferred = Math.max(0, inferred - 1);
    const points = extra * RULE_WEIGHTS['no-data-mosaic'] + (triad ? MOSAIC_TRIAD_POINTS : 0) + extraInferred * MOSAIC_INFERRED_POINTS;
    if (points === 0) return [];
    const parts = [
      extra > 0 ? `${details.length} personal details` : '',
      triad ? 'where they were, when, and what they did' : '',
      extraInferred > 0 ? `${inferred} traits inferred or bought` : '',
    ].filter(Boolean);
    return [
      {
        message: `This email combines ${parts.join(', ')} (${details.map((token) => `\`${token.field}\``).join(', ')})`,
        why: 'Each detail may be fine alone; together they show how much is known about the person, which is what makes an email feel like surveillance.',
        suggestion: 'Keep the one or two details that make the email useful and drop the rest.',
        range: details[0]?.use.range ?? facts.purposesRange,
        amount: points,
      },
    ];
  },
};
