import { toValue } from 'liquidjs';
import { printedString } from '../printed-string.js';

/**
 * How the construct that reads a value judges it, which decides whether the value counts
 * as missing for this recipient: a Liquid condition (`if`, `unless`, `and`, `or`) hides
 * only `nil` and `false` (0, "" and [] are true in Liquid), a loop needs an item, and a
 * value compared, switched on or handed to a filter is missing when absent or empty.
 */
export const LIQUID_READ_KINDS = ['truthy', 'loop', 'value'] as const;
export type LiquidReadKind = (typeof LIQUID_READ_KINDS)[number];

export function isMissingFor(kind: LiquidReadKind, raw: unknown): boolean {
  const value = toValue(raw) as unknown;
  switch (kind) {
    case 'truthy':
      return value === false || value === null || value === undefined;
    case 'loop':
      return enumerable(value).length === 0;
    case 'value':
      return value == null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
  }
}

/** What `{% for %}` iterates, as liquidjs decides it (its toEnumerable): a list, a non-empty string, an object's entries. */
export function enumerable(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return value.length > 0 ? [value] : [];
  if (value !== null && typeof value === 'object') {
    if (Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
    return Object.keys(value);
  }
  return [];
}

/** The text Liquid prints for a value (liquidjs's stringify): nil is empty, a list its items run together. */
export function printedText(raw: unknown): string {
  const value = toValue(raw) as unknown;
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(printedText).join('');
  return printedString(value);
}
