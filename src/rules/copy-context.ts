import type { SourceRange } from '../model/location.js';
import { locatePhrase } from '../copy/phrases.js';
import type { CopyMatch, EmailFacts } from './rule.js';

/** Where a copy finding points: the phrase in the template, else the email's start. */
export function phraseRange(facts: EmailFacts, match: CopyMatch): SourceRange {
  return locatePhrase(match.phrase, facts.texts) ?? facts.purposesRange;
}

/** The email serves a purpose that needs consent: marketing, in the sense of the ePrivacy rules. */
export function needsConsent(facts: EmailFacts): boolean {
  return facts.purposes.some((purpose) => facts.basisOf(purpose) === 'consent');
}
