import { needsConsent } from './copy-context.js';
import { findControlLink } from './control-links.js';
import type { Rule } from './rule.js';

export const requirePreferencesLink: Rule = {
  meta: {
    id: 'require-preferences-link',
    description: 'Require a link to email preferences in every email sent on consent',
    defaultSeverity: 'warning',
  },
  check(facts) {
    if (!facts.copy || !needsConsent(facts)) return [];
    const found = findControlLink(facts, 'preferences');
    if (found === 'working') return [];
    return [
      {
        message: found === 'empty' ? 'The preferences link goes nowhere (empty, "#" or a script)' : 'The email has no link to email preferences',
        why: 'A preferences page lets people choose what they get instead of leaving altogether; control lowers the sense of intrusion.',
        suggestion: 'Add <a href="{{preferences_url}}">Email preferences</a> next to the unsubscribe link.',
        range: facts.purposesRange,
      },
    ];
  },
};
