import { RULE_WEIGHTS } from '../score/weights.js';
import { controlLinkRule } from './control-link-rule.js';

export const requireUnsubscribeLink = controlLinkRule({
  meta: {
    id: 'require-unsubscribe-link',
    description: 'Require a working unsubscribe link in every email sent on consent',
    defaultSeverity: 'error',
    category: 'control',
    weight: () => RULE_WEIGHTS['require-unsubscribe-link'],
  },
  kind: 'unsubscribe',
  name: 'unsubscribe link',
  why: 'People who agreed to marketing must be able to withdraw as easily as they agreed; an email without a way out feels like a trap.',
  suggestion: (words) => `Add <a href="{{unsubscribe_url}}">${words}</a> with a link that works in one step.`,
  words: 'Unsubscribe',
});
