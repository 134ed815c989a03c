import { weakMemo } from '../weak-memo.js';
import { findPhrases } from './phrases.js';
import type { EmailFacts } from './rule.js';
import { wordsOf } from '../template/visible-text.js';

/** A link goes somewhere when it has a target other than "#" or a script. */
function works(href: string): boolean {
  const target = href.trim().toLowerCase();
  return target !== '' && target !== '#' && !target.startsWith('javascript:');
}

/**
 * Whether the email links to an unsubscribe (or preferences) page: a link whose text or
 * address uses the lexicon's words. Text emails need the words and a URL.
 */
type LinkState = 'working' | 'empty' | 'missing';

const remember = weakMemo<object, LinkState>();

/** The answer depends only on the email's shape, so recipients that share one share it. */
export function findControlLink(facts: EmailFacts, kind: 'unsubscribe' | 'preferences'): LinkState {
  const copy = facts.copy;
  if (!copy) return 'missing';
  return remember(copy, kind, () => controlLink(facts, kind));
}

function controlLink(facts: EmailFacts, kind: 'unsubscribe' | 'preferences'): LinkState {
  const copy = facts.copy;
  if (!copy) return 'missing';
  const mentions = (text: string): boolean => {
    const words = wordsOf(text).map((word) => ({ text: word.text, key: word.text.toLowerCase(), section: 'body' as const, useIds: [] }));
    return findPhrases(words, facts.lexicon, kind).length > 0;
  };
  const links = copy.links.filter((link) => mentions(link.text) || mentions(link.href.replaceAll(/[-_/.?=&%]/gu, ' ')));
  if (links.some((link) => works(link.href))) return 'working';
  if (links.length > 0) return 'empty';
  // Text emails: the words, and an address to follow.
  if (copy.links.length === 0 && findPhrases(copy.words, facts.lexicon, kind).length > 0 && copy.text.includes('://')) return 'working';
  return 'missing';
}
