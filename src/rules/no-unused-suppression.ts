import type { Rule } from './rule.js';

export const noUnusedSuppression: Rule = {
  meta: {
    id: 'no-unused-suppression',
    description: 'Disallow creeplint-disable comments that suppress nothing',
    defaultSeverity: 'warning',
    category: 'suppressions',
    weight: 'none',
  },
  check(facts) {
    return facts.unusedDirectives.map((directive) => ({
      message: `creeplint-${directive.kind}${directive.rules.length ? ` ${directive.rules.join(', ')}` : ''} suppresses nothing for this recipient`,
      why: 'A stale suppression would silently hide the next real problem written on that line.',
      suggestion: 'Remove the comment, or move it above the line it was meant for.',
      range: directive.range,
    }));
  },
};
