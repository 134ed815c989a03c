import type { TokenFact } from './rule.js';

/**
 * Whether a printed value reads as an exact moment ("2026-05-03T21:41", "at 9:41"):
 * a date with a time of day, or a time of day on its own. Dates alone are not exact
 * times: a birthday is a date.
 */
export function printsExactTime(token: TokenFact): boolean {
  return isExactTime(token.values);
}

export function isExactTime(values: readonly string[]): boolean {
  return values.some((value) => /\b\d{1,2}:\d{2}\b/u.test(value) || /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/u.test(value));
}

export function isBehaviouralSource(token: TokenFact): boolean {
  return token.source === 'observed' || token.source === 'inferred' || token.source === 'third_party';
}
