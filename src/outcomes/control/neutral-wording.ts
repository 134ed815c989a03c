import { isWithin } from '../../model/categories.js';
import type { FieldFacts } from './personal-data.js';

/**
 * Where a personal value is printed, as the twin sees the text around it: in the words
 * of the email (with the words before and after it in the same stretch of text, and
 * whether it is that stretch's only content), in a link or image address, or elsewhere
 * in markup (an attribute, a tag).
 */
export type Slot = { kind: 'text'; before: string; after: string; alone: boolean } | { kind: 'url'; before: string; after: string } | { kind: 'markup' };

export interface NeutralWording {
  text: string;
  /** Why this wording fits here, for the notes. */
  reason: string;
}

const GREETING = /(?:^|[^\p{L}])(?:hi|hello|hey)[ \t]+$/iu;
const DEAR = /(?:^|[^\p{L}])dear[ \t]+$/iu;
const THE = /(?:^|[^\p{L}])the[ \t]+$/iu;
/** A query parameter's value: `?u=` or `&p=` (also `&amp;p=` as HTML writes it) just before the value. */
const QUERY_VALUE = /[?&][^=&#?"'\s]*=$/u;
const QUERY_VALUE_END = /^(?:$|&|#)/u;
const PRODUCT_HISTORIES = ['user.behavior.browsing_history', 'user.behavior.search_history', 'user.behavior.purchase_history'];
/** The last part of a path that names a thing (not its price, count or time): `last_viewed_product`, `items[].name`. */
const NAMES_A_THING = /product|^name$|^title$/iu;

/**
 * A wording that says nothing about the reader in place of a personal value, where one
 * reads naturally; undefined where none does, and a person must reword the sentence.
 *
 * - A first (or whole) name right after "Hi", "Hello" or "Hey" becomes "there", and
 *   after "Dear", "customer".
 * - The value of a query parameter in a link or image address is left empty: the address
 *   still works and no longer carries the reader's data.
 * - The name of a product from browsing, search or purchase history becomes "our latest
 *   range" where it is all the text of its element, and "latest range" right after "the".
 *
 * Nothing else is guessed: a date, an amount, an address, a place or a time of day has no
 * wording that fits every sentence.
 */
export function neutralWording(facts: FieldFacts, slot: Slot): NeutralWording | undefined {
  const category = facts.category;
  if (slot.kind === 'url') {
    if (QUERY_VALUE.test(slot.before) && QUERY_VALUE_END.test(slot.after)) return { text: '', reason: 'a value in a link or image address is left empty' };
    return undefined;
  }
  if (slot.kind !== 'text' || category === undefined) return undefined;
  if (category === 'user.name' || isWithin(category, 'user.name.first')) {
    if (GREETING.test(slot.before)) return { text: 'there', reason: 'a name after a greeting' };
    if (DEAR.test(slot.before)) return { text: 'customer', reason: 'a name after "Dear"' };
    return undefined;
  }
  if (PRODUCT_HISTORIES.some((history) => isWithin(category, history)) && NAMES_A_THING.test(lastSegment(facts.field))) {
    if (slot.alone) return { text: 'Our latest range', reason: 'a product name that is all the text of its element' };
    if (THE.test(slot.before)) return { text: 'latest range', reason: 'a product name after "the"' };
  }
  return undefined;
}

function lastSegment(field: string): string {
  return (field.split('.').pop() ?? field).replaceAll('[]', '');
}
