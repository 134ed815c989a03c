/**
 * Text in code-unit order, as `Array.prototype.sort` orders strings. Reports sort file names,
 * fields and rule ids this way rather than with `localeCompare`, whose order follows the
 * machine's locale (a report must read the same on every machine) and whose first call
 * loads ICU's collator, a cost every one-email check would pay.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
