import type { ReadKind } from './trace-nodes.js';

/**
 * Whether a value read by a construct counts as missing for this recipient, as
 * Handlebars 4.7 itself decides what to show (its `if`, `with`, `each` helpers and
 * `blockHelperMissing`): a condition on a value the recipient lacks reveals nothing.
 */
export function isMissingFor(kind: ReadKind, value: unknown): boolean {
  switch (kind) {
    case 'if':
      // `#if` and `#unless` hide 0, "", false, null, NaN and [] (Utils.isEmpty, and !value).
      return !value || (Array.isArray(value) && value.length === 0);
    case 'if-zero':
    case 'with':
      // `includeZero=true` and `#with` keep 0.
      return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
    case 'each':
      // `#each` runs its block for the items of a list or the keys of an object.
      if (Array.isArray(value)) return value.length === 0;
      return typeof value !== 'object' || value === null || Object.keys(value).length === 0;
    case 'section':
      // A Mustache section hides false, null, undefined and [], and shows anything else.
      return value === false || value == null || (Array.isArray(value) && value.length === 0);
    case 'value':
      // A helper's argument or a looked-up value: absent or empty.
      return value == null || value === '' || value === false || (Array.isArray(value) && value.length === 0);
  }
}
