import { sourceFactor, visibility, weightOf } from '../score/formulas.js';
import type { Severity } from '../model/severity.js';
import { RULE_WEIGHTS, SOURCE_FACTOR } from '../score/weights.js';
import { isPersonal, isRevealed, mainPlacement, type Rule } from './rule.js';

const SOURCE_WORDS = {
  observed: 'was observed from their behaviour',
  inferred: 'was inferred about them',
  third_party: 'came from another company',
} as const;

/**
 * Severity grows with the source (observed < inferred < third party) and the category's
 * sensitivity. Data from another company is at least a warning whatever it is: the person
 * never gave it to you, and GDPR Art. 14 obliges you to tell them you have it.
 */
function severityFor(sensitivity: number, source: 'observed' | 'inferred' | 'third_party'): Severity {
  const weight = sensitivity * SOURCE_FACTOR[source];
  if (weight >= 0.7) return 'error';
  if (weight >= 0.35 || source === 'third_party') return 'warning';
  return 'info';
}

export const noUndeclaredSource: Rule = {
  meta: {
    id: 'no-undeclared-source',
    description: 'Disallow data the person did not knowingly share (observed, inferred or from third parties)',
    defaultSeverity: 'warning',
    category: 'provenance',
    weight: (report) => weightOf(RULE_WEIGHTS['no-undeclared-source'] * (report.token?.sensitivity ?? 0) * sourceFactor(report.token?.source) * visibility(report.placement)),
  },
  check(facts) {
    const privacyLinked = facts.copy?.links.privacyNotice === 'working';
    return facts.tokens.flatMap((token) => {
      const source = token.source;
      if (!isPersonal(token) || !isRevealed(token)) return [];
      if (source !== 'observed' && source !== 'inferred' && source !== 'third_party') return [];
      return [
        {
          token,
          placement: mainPlacement(token),
          severity: severityFor(token.sensitivity, source),
          message: `\`${token.field}\` (${token.category ?? 'uncategorised'}) ${SOURCE_WORDS[source]}, not shared by them`,
          why: 'People accept personalisation from what they told you, and reject it when it shows what was watched, guessed or bought about them.',
          suggestion:
            source === 'observed'
              ? 'Say it without the watching: "Picked for you" or "Back in stock" instead of naming what they looked at.'
              : source === 'third_party'
                ? `Use data the person gave you. If you keep it, they must be told where it came from (GDPR Art. 14): ${privacyLinked ? 'say so in the privacy notice this email links to' : 'link to your privacy notice (a data-map field with `role: privacy-notice`) and say so there'}.`
                : 'Use data the person gave you, or keep the inference out of the copy and let it only choose generic content.',
        },
      ];
    });
  },
};
