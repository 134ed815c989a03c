import { RULE_WEIGHTS } from '../score/weights.js';
import { alreadyWritten, phraseRange } from './copy-context.js';
import type { Rule } from './rule.js';

export const noSensitiveImplication: Rule = {
  meta: {
    id: 'no-sensitive-implication',
    description: 'Disallow copy that reveals a sensitive category by implication ("for your pregnancy", "your debt")',
    defaultSeverity: 'error',
    category: 'sensitive-data',
    weight: () => RULE_WEIGHTS['no-sensitive-implication'],
  },
  check(facts) {
    if (!facts.copy) return [];
    return facts.copy.sensitive.map((match) => ({
      message: `"${match.phrase}" reveals ${match.entry.category ?? 'a sensitive category'} about the reader, with or without a token`,
      why: match.entry.note,
      suggestion: alreadyWritten(facts, match.entry.suggestion)
        ? `Write for everyone. (${match.entry.source})`
        : `Write for everyone, for example "${match.entry.suggestion}". (${match.entry.source})`,
      range: phraseRange(facts, match),
    }));
  },
};
