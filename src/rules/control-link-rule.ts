import { needsConsent } from './copy-context.js';
import type { Rule, RuleMeta } from './rule.js';

/** A rule requiring a working control link (unsubscribe, preferences) in consent-based email. */
export function controlLinkRule(options: {
  meta: RuleMeta;
  kind: 'unsubscribe' | 'preferences';
  /** "unsubscribe link", "preferences link". */
  name: string;
  why: string;
  suggestion: string;
}): Rule {
  return {
    meta: options.meta,
    check(facts) {
      if (!facts.copy || !needsConsent(facts)) return [];
      const found = facts.copy.links[options.kind];
      if (found === 'working') return [];
      return [
        {
          message: found === 'empty' ? `The ${options.name} goes nowhere (empty, "#" or a script)` : `The email has no ${options.name}`,
          why: options.why,
          suggestion: options.suggestion,
          range: facts.purposesRange,
        },
      ];
    },
  };
}
