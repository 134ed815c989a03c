import { needsConsent, suggestedEntry } from './copy-context.js';
import type { Rule, RuleMeta } from './rule.js';

/** A rule requiring a working control link (unsubscribe, preferences) in consent-based email. */
export function controlLinkRule(options: {
  meta: RuleMeta;
  kind: 'unsubscribe' | 'preferences';
  /** "unsubscribe link", "preferences link". */
  name: string;
  why: string;
  /** What to add, given the link's words in the email's language (the lexicon's suggestion for the kind). */
  suggestion: (words: string) => string;
  /** The link's words when the lexicon has no entry of the kind. */
  words: string;
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
          suggestion: options.suggestion(suggestedEntry(facts, options.kind)?.suggestion ?? options.words),
          range: facts.purposesRange,
        },
      ];
    },
  };
}
