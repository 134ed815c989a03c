import type { SourceRange } from '../model/location.js';
import { locatePhrase, type PhraseMatch } from './phrases.js';
import { isRevealed, type EmailFacts } from './rule.js';

/** Words either side of a phrase that count as "next to" it. */
const NEARBY_WORDS = 6;

/** Where a copy finding points: the phrase in the template, else the email's start. */
export function phraseRange(facts: EmailFacts, match: PhraseMatch): SourceRange {
  return locatePhrase(match.phrase, facts.texts) ?? facts.purposesRange;
}

/** Whether observed, inferred or third-party data is printed within a few words of the phrase. */
export function besideUndeclaredData(facts: EmailFacts, match: PhraseMatch): boolean {
  const words = facts.copy?.words ?? [];
  // Only values this recipient actually got: the words come from the email's shape, which
  // recipients with the same branches share.
  const undeclared = new Set(
    facts.tokens
      .filter((token) => isRevealed(token) && (token.source === 'observed' || token.source === 'inferred' || token.source === 'third_party'))
      .map((token) => token.use.id),
  );
  for (let index = Math.max(0, match.start - NEARBY_WORDS); index < Math.min(words.length, match.end + NEARBY_WORDS); index += 1) {
    if (words[index]?.useIds.some((id) => undeclared.has(id))) return true;
  }
  return false;
}

/** The email serves a purpose that needs consent: marketing, in the sense of the ePrivacy rules. */
export function needsConsent(facts: EmailFacts): boolean {
  return facts.purposes.some((purpose) => facts.basisOf(purpose) === 'consent');
}
