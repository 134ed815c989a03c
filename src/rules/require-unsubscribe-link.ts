import { needsConsent } from './copy-context.js';
import { findControlLink } from './control-links.js';
import type { Rule } from './rule.js';

export const requireUnsubscribeLink: Rule = {
  meta: {
    id: 'require-unsubscribe-link',
    description: 'Require a working unsubscribe link in every email sent on consent',
    defaultSeverity: 'error',
  },
  check(facts) {
    if (!facts.copy || !needsConsent(facts)) return [];
    const found = findControlLink(facts, 'unsubscribe');
    if (found === 'working') return [];
    return [
      {
        message: found === 'empty' ? 'The unsubscribe link goes nowhere (empty, "#" or a script)' : 'The email has no unsubscribe link',
        why: 'People who agreed to marketing must be able to withdraw as easily as they agreed; an email without a way out feels like a trap.',
        suggestion: 'Add <a href="{{unsubscribe_url}}">Unsubscribe</a> with a link that works in one step.',
        range: facts.purposesRange,
      },
    ];
  },
};
