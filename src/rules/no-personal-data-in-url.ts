import { weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { isPersonal, isRevealed, type Rule } from './rule.js';

export const noPersonalDataInUrl: Rule = {
  meta: {
    id: 'no-personal-data-in-url',
    description: 'Disallow personal data in link and image URLs',
    defaultSeverity: 'warning',
    category: 'exposure',
    weight: (report) => weightOf(RULE_WEIGHTS['no-personal-data-in-url'] * (1 + (report.token?.sensitivity ?? 0))),
  },
  check(facts) {
    return facts.tokens.flatMap((token) => {
      const placement = token.placements.find((p) => p === 'link-url' || p === 'image-url');
      if (!placement || !isPersonal(token) || !isRevealed(token)) return [];
      const sensitive = token.special || token.sensitivity >= 0.5;
      return [
        {
          token,
          placement,
          severity: sensitive ? ('error' as const) : undefined,
          message: `\`${token.field}\` is put into ${placement === 'link-url' ? 'a link' : 'an image'} URL`,
          why: 'URLs end up in trackers, proxies, server logs and referrer headers, far beyond the email.',
          suggestion: 'Use an opaque token or a signed identifier in the URL and look the data up on the server.',
        },
      ];
    });
  },
};
