/**
 * Whether a printed value reads as an exact moment ("2026-05-03T21:41", "at 9:41"): a
 * date with a time of day, or a time of day on its own. Dates alone are not exact times:
 * a birthday is a date. The whole value is read, however long.
 */
export function isExactTime(value: string): boolean {
  // Both forms have a colon: most values are spared the patterns.
  if (!value.includes(':')) return false;
  return /\b\d{1,2}:\d{2}\b/u.test(value) || /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/u.test(value);
}
