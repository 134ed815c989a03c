import { matchPhrases } from '../../copy/phrases.js';
import { wordsOf } from '../../copy/words.js';
import type { LexiconEntry } from '../../model/lexicon.js';
import type { Range } from './html-context.js';

/** A sentence that tells the reader they were watched, and what replaces it. */
export interface SentenceReplacement {
  start: number;
  end: number;
  text: string;
  /** The lexicon's phrase that was found, and the suggestion that replaces the sentence. */
  phrase: string;
  suggestion: string;
}

/** A sentence ends at `.`, `!` or `?` (one or more) before a space or the end of the stretch, or at a blank line. */
const SENTENCE_END = /[.!?]+(?=\s|$)|\n[ \t\r]*\n/gu;

/**
 * The sentences in a stretch of words that hold surveillance phrasing ("we noticed you",
 * "you were looking at"), found with the lexicon as the rules find them, each replaced
 * whole by its entry's suggestion ("Picked for you"): the phrase alone cannot go, since
 * the rest of its sentence was built around it. Template tags in the stretch are masked
 * (`x`s), so a value between two words breaks a phrase as the rendered value would. The
 * suggestion keeps the sentence's full stop or exclamation mark; a question becomes a
 * statement (a full stop when more follows, nothing at the end).
 */
export function surveillanceSentences(masked: string, stretch: Range, lexicon: readonly LexiconEntry[]): SentenceReplacement[] {
  const text = masked.slice(stretch.start, stretch.end);
  const words = wordsOf(text);
  const matches = matchPhrases(
    words.map((word) => word.text.toLowerCase()),
    lexicon,
    'surveillance',
  );
  const replacements = new Map<number, SentenceReplacement>();
  for (const match of matches) {
    const firstWord = words[match.start];
    if (!firstWord) continue;
    const sentence = sentenceAround(text, firstWord.index);
    if (replacements.has(sentence.start)) continue;
    const ending = sentence.ending.includes('?') ? (text.slice(sentence.end).trim() === '' ? '' : '.') : sentence.ending;
    replacements.set(sentence.start, {
      start: stretch.start + sentence.start,
      end: stretch.start + sentence.end,
      text: `${match.entry.suggestion}${ending}`,
      phrase: match.phrase,
      suggestion: match.entry.suggestion,
    });
  }
  return [...replacements.values()];
}

function sentenceAround(text: string, offset: number): { start: number; end: number; ending: string } {
  let start = 0;
  let end = text.length;
  let ending = '';
  for (const found of text.matchAll(SENTENCE_END)) {
    const after = found.index + found[0].length;
    if (after <= offset) start = after;
    else {
      // A blank line ends the sentence before it, with no mark of its own.
      const blank = found[0].startsWith('\n');
      end = blank ? found.index : after;
      ending = blank ? '' : found[0];
      break;
    }
  }
  while (start < end && /\s/u.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/u.test(text[end - 1] ?? '')) end -= 1;
  return { start, end, ending };
}
