import { isControlLink, works, type ControlKind, type LinkState } from '../copy/control-links.js';
import { matchPhrases, type PhraseMatch } from '../copy/phrases.js';
import { wordsOf } from '../copy/words.js';
import type { LexiconEntry, LexiconKind } from '../model/lexicon.js';
import type { CopyFacts, CopyMatch } from '../rules/rule.js';
import type { TextParts } from '../template/layout.js';
import type { PrintedSlot } from '../template/trace-recorder.js';
import type { LayoutRecord } from './layouts.js';
import type { ResultCache } from './result-cache.js';

/** Words either side of a phrase that count as "next to" it. */
const NEARBY_WORDS = 6;

/** The words of a run of text, lower case, with the token uses each came from (none for copy). */
interface Words {
  keys: string[];
  ids: (readonly number[])[];
}

const NO_IDS: readonly number[] = [];

function hasSlots(parts: TextParts): boolean {
  return parts.some((part) => part.kind === 'slot');
}

/**
 * A run of text's words. Each part is split on its own (values meet copy at a word
 * boundary, as the markers around them say); a hollow slot takes this recipient's value.
 */
function wordsOfParts(parts: TextParts, slots: readonly PrintedSlot[]): Words {
  const words: Words = { keys: [], ids: [] };
  for (const part of parts) {
    const text = part.kind === 'slot' ? (slots[part.slot]?.value ?? '') : part.text;
    const ids = part.kind === 'text' ? NO_IDS : part.ids;
    for (const word of wordsOf(text)) {
      words.keys.push(word.text.toLowerCase());
      words.ids.push(ids);
    }
  }
  return words;
}

function textOfParts(parts: TextParts, slots: readonly PrintedSlot[], separator: string): string {
  return parts.map((part) => (part.kind === 'slot' ? (slots[part.slot]?.value ?? '') : part.text)).join(separator);
}

/** Something about a layout's static part, worked out once per layout. */
function remembered<T>(record: LayoutRecord, key: string, make: () => T): T {
  if (!record.memo.has(key)) record.memo.set(key, make());
  return record.memo.get(key) as T;
}

export interface CopyInput {
  record: LayoutRecord;
  slots: readonly PrintedSlot[];
  lexicon: readonly LexiconEntry[];
  /** Whether a use printed observed, inferred or third-party data this recipient got. */
  undeclared: (useId: number) => boolean;
  caches: ResultCache;
}

/**
 * What one recipient's email says in words: the lexicon's phrases in the copy (with
 * whether undeclared data sits beside each surveillance phrase) and the state of the
 * unsubscribe and preferences links. Runs of text and links without a hollow value
 * are judged once per layout; those with one are judged with this recipient's value.
 */
export function copyFacts(input: CopyInput): CopyFacts {
  const { record, slots, lexicon } = input;
  const blocks = record.layout.blocks;
  const words = blocks.map((block, index) => (hasSlots(block.parts) ? wordsOfParts(block.parts, slots) : remembered(record, `words:${index}`, () => wordsOfParts(block.parts, slots))));
  const matchesOf = (kind: LexiconKind): { block: number; match: PhraseMatch }[] =>
    blocks.flatMap((block, index) => {
      const found = hasSlots(block.parts) ? matchPhrases((words[index] as Words).keys, lexicon, kind) : remembered(record, `${kind}:${index}`, () => matchPhrases((words[index] as Words).keys, lexicon, kind));
      return found.map((match) => ({ block: index, match }));
    });
  const plain = (found: { match: PhraseMatch }[]): CopyMatch[] => found.map(({ match }) => ({ entry: match.entry, phrase: match.phrase, besideUndeclared: false }));
  const surveillance = matchesOf('surveillance');
  return {
    surveillance: surveillance.map(({ block, match }) => ({ entry: match.entry, phrase: match.phrase, besideUndeclared: besideUndeclared(words, block, match, input.undeclared) })),
    sensitive: plain(matchesOf('sensitive')),
    transparency: plain(matchesOf('transparency')),
    links: { unsubscribe: linkState(input, words, 'unsubscribe'), preferences: linkState(input, words, 'preferences') },
  };
}

/**
 * Whether observed, inferred or third-party data is printed within a few words of a
 * phrase. Runs of text are read as one sequence with a boundary between them, which
 * counts as a word.
 */
function besideUndeclared(words: readonly Words[], block: number, match: PhraseMatch, undeclared: (useId: number) => boolean): boolean {
  const near = (ids: readonly number[] | undefined): boolean => ids !== undefined && ids.some(undeclared);
  const within = words[block] as Words;
  for (let index = Math.max(0, match.start - NEARBY_WORDS); index < Math.min(within.ids.length, match.end + NEARBY_WORDS); index += 1) {
    if (near(within.ids[index])) return true;
  }
  // Words in the runs before and after, each run followed by its boundary.
  let reach = NEARBY_WORDS - match.start - 1;
  for (let before = block - 1; before >= 0 && reach > 0; before -= 1) {
    const ids = (words[before] as Words).ids;
    for (let index = ids.length - 1; index >= 0 && reach > 0; index -= 1, reach -= 1) if (near(ids[index])) return true;
    reach -= 1;
  }
  reach = NEARBY_WORDS - (within.ids.length - match.end) - 1;
  for (let after = block + 1; after < words.length && reach > 0; after += 1) {
    const ids = (words[after] as Words).ids;
    for (let index = 0; index < ids.length && reach > 0; index += 1, reach -= 1) if (near(ids[index])) return true;
    reach -= 1;
  }
  return false;
}

/**
 * Whether the email links to an unsubscribe (or preferences) page: a link whose text or
 * address uses the lexicon's words, working when it goes somewhere. Text emails, which
 * have no links, need the words and an address to follow.
 */
function linkState(input: CopyInput, words: readonly Words[], kind: ControlKind): LinkState {
  const { record, slots, lexicon, caches } = input;
  const links = record.layout.links;
  let found = false;
  for (const [index, link] of links.entries()) {
    const judged = (): { control: boolean; works: boolean } => {
      const href = textOfParts(link.href, slots, '');
      const text = textOfParts(link.text, slots, '');
      return { control: caches.link(`${kind}\u0000${href}\u0000${text}`, () => isControlLink({ href, text }, lexicon, kind)), works: works(href) };
    };
    const { control, works: goes } = hasSlots(link.href) || hasSlots(link.text) ? judged() : remembered(record, `link:${kind}:${index}`, judged);
    if (!control) continue;
    if (goes) return 'working';
    found = true;
  }
  if (found) return 'empty';
  if (links.length > 0) return 'missing';
  const mentioned = record.layout.blocks.some((block, index) => matchPhrases((words[index] as Words).keys, lexicon, kind).length > 0);
  if (!mentioned) return 'missing';
  const separator = record.layout.format === 'text' ? '' : ' ';
  const body = record.layout.blocks.filter((block) => block.section === 'body').map((block) => textOfParts(block.parts, slots, separator));
  return body.join(separator).includes('://') ? 'working' : 'missing';
}
