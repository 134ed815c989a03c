import type { LexiconEntry } from '../model/lexicon.js';
import { mentions } from './phrases.js';

/** The links that let a reader leave or choose what they get. */
export type ControlKind = 'unsubscribe' | 'preferences';

/** Whether the email has such a link: working, present but going nowhere, or missing. */
export type LinkState = 'working' | 'empty' | 'missing';

/** A link goes somewhere when it has a target other than "#" or a script. */
export function works(href: string): boolean {
  const target = href.trim().toLowerCase();
  return target !== '' && target !== '#' && !target.startsWith('javascript:');
}

/** Whether a link's address uses the lexicon's words for an unsubscribe (or preferences) page (`/unsubscribe?u=1`). */
export function hrefNamesKind(href: string, lexicon: readonly LexiconEntry[], kind: ControlKind): boolean {
  return mentions(href.replaceAll(/[-_/.?=&%]/gu, ' '), lexicon, kind);
}
