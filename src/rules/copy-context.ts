import type { SourceRange } from '../model/location.js';
import type { LexiconEntry, LexiconKind } from '../model/lexicon.js';
import { sameLanguage } from '../copy/language.js';
import { locatePhrase } from '../copy/phrases.js';
import type { CopyMatch, EmailFacts } from './rule.js';

/** Where a copy finding points: the phrase in the template, else the email's start. */
export function phraseRange(facts: EmailFacts, match: CopyMatch): SourceRange {
  return locatePhrase(match.phrase, facts.texts) ?? facts.purposesRange;
}

/**
 * Whether the template or its partials already say these words, read as the lexicon reads
 * words: a suggestion to write them is one the draft already follows, and is not offered again.
 */
export function alreadyWritten(facts: EmailFacts, words: string): boolean {
  return locatePhrase(words, facts.texts) !== undefined;
}

/** The email serves a purpose that needs consent: marketing, in the sense of the ePrivacy rules. */
export function needsConsent(facts: EmailFacts): boolean {
  return facts.purposes.some((purpose) => facts.basisOf(purpose) === 'consent');
}

/**
 * The lexicon entry whose suggestion a rule offers as words of its own: the first of the
 * kind in the email's language, else the first of the kind (English, the built-in
 * lexicon's first). Undefined when the lexicon has none of the kind.
 */
export function suggestedEntry(facts: EmailFacts, kind: LexiconKind): LexiconEntry | undefined {
  const ofKind = facts.lexicon.filter((entry) => entry.kind === kind);
  return ofKind.find((entry) => sameLanguage(entry.language, facts.copy?.language)) ?? ofKind[0];
}
