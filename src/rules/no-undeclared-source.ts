import type { Severity } from '../model/severity.js';
import { SOURCE_FACTOR } from '../score/weights.js';
import { isPersonal, isRevealed, mainPlacement, type Rule } from './rule.js';

const SOURCE_WORDS = {
  observed: 'was observed from their behaviour',
  inferred: 'was inferred about them',
  third_party: 'came from another company',
} as const;

/** Severity grows with the source (observed < inferred < third party) and the category's sensitivity. */
function severityFor(sensitivity: number, factor: number): Severity {
  const weight = sensitivity * factor;
  if (weight >= 0.7) return 'error';
  if (weight >= 0.35) return 'warning';
  return 'info';
}

export const noUndeclaredSource: Rule = {
  meta: {
    id: 'no-undeclared-source',
    description: 'Disallow data the person did not knowingly share (observed, inferred or from third parties)',
    defaultSeverity: 'warning',
  },
  check(facts) {
    return facts.tokens.flatMap((token) => {
      const source = token.source;
      if (!isPersonal(token) || !isRevealed(token)) return [];
      if (source !== 'observed' && source !== 'inferred' && source !== 'third_party') return [];
      return [
        {
          token,
          placement: mainPlacement(token),
          severity: severityFor(token.sensitivity, SOURCE_FACTOR[source]),
          message: `\`${token.field}\` (${token.category ?? 'uncategorised'}) ${SOURCE_WORDS[source]}, not shared by them`,
          why: 'People accept personalisation from what they told you, and reject it when it shows what was watched, guessed or bought about them.',
          suggestion:
            source === 'observed'
              ? 'Say it without the watching: "Picked for you" or "Back in stock" instead of naming what they looked at.'
              : 'Use data the person gave you, or keep the inference out of the copy and let it only choose generic content.',
        },
      ];
    });
  },
};
