import { sameLanguage } from '../copy/language.js';
import { EXPLANATION_SHARE, RULE_WEIGHTS } from '../score/weights.js';
import { suggestedEntry } from './copy-context.js';
import { isPersonal, isRevealed, type Rule } from './rule.js';

export const requireExplanation: Rule = {
  meta: {
    id: 'require-explanation',
    description: 'Require emails that use observed, inferred or third-party data to say why the reader got them',
    defaultSeverity: 'warning',
    category: 'transparency',
    weight: (report) => (report.credit ? 0 : RULE_WEIGHTS['require-explanation']),
  },
  check(facts) {
    if (!facts.copy) return [];
    const undeclared = new Set(
      facts.tokens
        .filter((token) => isPersonal(token) && isRevealed(token) && (token.source === 'observed' || token.source === 'inferred' || token.source === 'third_party'))
        .map((token) => token.field),
    );
    if (undeclared.size === 0) return [];
    const explained = facts.copy.transparency;
    const entry = suggestedEntry(facts, 'transparency');
    const sentence = entry?.suggestion ?? "You're receiving this because you turned on recommendations.";
    // The link's words are the English lexicon's own question; in another language, the link is described.
    const link = entry === undefined || sameLanguage(entry.language, 'en') ? 'a "Why am I seeing this?" link' : 'a link that says why';
    const fields = [...undeclared].map((field) => `\`${field}\``).join(', ');
    if (explained.length > 0) {
      return [
        {
          message: `The email explains why the reader got it ("${explained[0]?.phrase ?? ''}"), covering ${fields}`,
          why: "Saying why a message uses someone's data lowers the sense of intrusion (Aguirre et al. 2015; Kim, Barasz & John 2019).",
          suggestion: 'Keep the explanation next to the personalised part.',
          severity: 'info' as const,
          range: facts.purposesRange,
          credit: { share: EXPLANATION_SHARE, rules: ['no-undeclared-source'], fields: [...undeclared] },
        },
      ];
    }
    return [
      {
        message: `The email uses ${fields}, data the reader did not give, without saying why they got it`,
        why: 'An unexplained personalised email leaves the reader guessing how much is known about them.',
        suggestion: `Add a sentence such as "${sentence}" or ${link}.`,
        range: facts.purposesRange,
      },
    ];
  },
};
