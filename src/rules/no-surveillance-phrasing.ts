import { weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { alreadyWritten, phraseRange } from './copy-context.js';
import type { Rule } from './rule.js';

export const noSurveillancePhrasing: Rule = {
  meta: {
    id: 'no-surveillance-phrasing',
    description: 'Disallow copy that tells the reader they were watched ("we noticed you", "you were looking at")',
    defaultSeverity: 'warning',
    category: 'copy',
    weight: (report) => weightOf(RULE_WEIGHTS['no-surveillance-phrasing'] * (report.amount ?? 1)),
  },
  check(facts) {
    if (!facts.copy) return [];
    return facts.copy.surveillance.map((match) => {
      const beside = match.besideUndeclared;
      return {
        message: `"${match.phrase}" tells the reader they were watched${beside ? ', next to data they did not share' : ''}`,
        why: match.entry.note,
        suggestion: alreadyWritten(facts, match.entry.suggestion)
          ? `Keep the offer and drop the watching. (${match.entry.source})`
          : `Keep the offer and drop the watching, for example "${match.entry.suggestion}". (${match.entry.source})`,
        range: phraseRange(facts, match),
        severity: beside ? ('error' as const) : undefined,
        amount: beside ? 1.5 : 1,
      };
    });
  },
};
