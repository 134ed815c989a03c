import { RULE_WEIGHTS } from '../score/weights.js';
import { controlLinkRule } from './control-link-rule.js';

export const requirePreferencesLink = controlLinkRule({
  meta: {
    id: 'require-preferences-link',
    description: 'Require a link to email preferences in every email sent on consent',
    defaultSeverity: 'warning',
    category: 'control',
    weight: () => RULE_WEIGHTS['require-preferences-link'],
  },
  kind: 'preferences',
  name: 'preferences link',
  why: 'A preferences page lets people choose what they get instead of leaving altogether; control lowers the sense of intrusion.',
  suggestion: (words) => `Add <a href="{{preferences_url}}">${words}</a> next to the unsubscribe link.`,
  words: 'Email preferences',
});
