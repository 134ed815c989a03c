import { works, type ControlKind, type LinkState } from '../copy/control-links.js';
import { isPhrasePair, matchEveryKind, mentions, phraseGate, type PhraseGate, type PhraseMatch } from '../copy/phrases.js';
import { forEachWord, wordKeys } from '../copy/words.js';
import type { LexiconEntry, LexiconKind } from '../model/lexicon.js';
import type { CopyFacts, CopyMatch } from '../rules/rule.js';
import type { Layout, TextParts } from '../template/layout.js';
import type { PrintedSlot } from '../template/trace-recorder.js';
import type { LayoutRecord } from './layouts.js';

/** Words either side of a phrase that count as "next to" it. */
const NEARBY_WORDS = 6;
/** A value's words in a run of text, when none of them is a lexicon word: only that they are there matters. */
const VALUE_WORDS = '\u0000';
const NO_IDS: readonly number[] = [];
const NO_MATCHES: readonly TokenMatch[] = [];

/** A word of the layout's static text (with the uses of a value filled into it), or a hollow slot, whose words are each recipient's. */
type Token = { kind: 'word'; key: string; ids: readonly number[] } | { kind: 'slot'; slot: number; ids: readonly number[] };

/** A match over a run's tokens: where it starts and ends, and how many words of a value it leaves out at either end. */
interface TokenMatch {
  entry: LexiconEntry;
  phrase: string;
  start: number;
  end: number;
  /** Words of the first token before the match (a value it starts inside), and of the last after it. */
  before: number;
  after: number;
}

type KindMatches = ReadonlyMap<LexiconKind, readonly TokenMatch[]>;

/** A hollow slot in a run, with the static words on either side of it (none when a slot or the run's end is there). */
interface SlotInRun {
  slot: number;
  wordBefore: string | undefined;
  wordAfter: string | undefined;
}

/** A run of text a reader sees (a text node, the subject), as tokens; phrases never cross from one run to the next. */
interface RunPlan {
  tokens: Token[];
  hasSlots: boolean;
  slots: SlotInRun[];
  /** Matches of a run without slots; of a run with slots, per pattern of empty and non-empty values. */
  matches: Map<string, KindMatches>;
}

/** A link: its address and words, and for a part without slots, whether it names each kind of control link. */
interface LinkPlan {
  href: TextParts;
  text: TextParts;
  hrefHasSlots: boolean;
  textHasSlots: boolean;
  textNames: Partial<Record<ControlKind, boolean>>;
  hrefNames: Partial<Record<ControlKind, boolean>>;
}

interface CopyPlan {
  runs: RunPlan[];
  links: LinkPlan[];
}

function hasSlots(parts: TextParts): boolean {
  return parts.some((part) => part.kind === 'slot');
}

function planOf(record: LayoutRecord): CopyPlan {
  const known = record.memo.get('copy-plan') as CopyPlan | undefined;
  if (known) return known;
  const plan: CopyPlan = {
    runs: record.layout.blocks.map((block) => {
      const tokens: Token[] = [];
      for (const part of block.parts) {
        if (part.kind === 'slot') tokens.push({ kind: 'slot', slot: part.slot, ids: part.ids });
        else {
          const ids = part.kind === 'value' ? part.ids : NO_IDS;
          forEachWord(part.text, (start, end) => tokens.push({ kind: 'word', key: part.text.slice(start, end).toLowerCase(), ids }));
        }
      }
      const slots: SlotInRun[] = [];
      tokens.forEach((token, index) => {
        if (token.kind !== 'slot') return;
        const before = tokens[index - 1];
        const after = tokens[index + 1];
        slots.push({ slot: token.slot, wordBefore: before?.kind === 'word' ? before.key : undefined, wordAfter: after?.kind === 'word' ? after.key : undefined });
      });
      return { tokens, hasSlots: slots.length > 0, slots, matches: new Map() };
    }),
    links: record.layout.links.map((link) => ({ href: link.href, text: link.text, hrefHasSlots: hasSlots(link.href), textHasSlots: hasSlots(link.text), textNames: {}, hrefNames: {} })),
  };
  record.memo.set('copy-plan', plan);
  return plan;
}

/** A recipient's value in words (lower case), and whether one of them, or two in a row, could be part of a phrase. */
interface ValueWords {
  keys: string[];
  phrasal: boolean;
}

/** One recipient's values, each read once however many runs and links use it. */
class RecipientValues {
  private readonly scanned: (ValueWords | undefined)[] = [];

  constructor(
    private readonly slots: readonly PrintedSlot[],
    readonly gate: PhraseGate,
  ) {}

  words(slot: number): ValueWords {
    const known = this.scanned[slot];
    if (known) return known;
    const keys = wordKeys(this.text(slot));
    let phrasal = false;
    for (let index = 0; index < keys.length && !phrasal; index += 1) {
      const key = keys[index] as string;
      phrasal = this.gate.singles.has(key) || (index > 0 && isPhrasePair(this.gate, keys[index - 1] as string, key));
    }
    const found: ValueWords = { keys, phrasal };
    this.scanned[slot] = found;
    return found;
  }

  text(slot: number): string {
    return this.slots[slot]?.value ?? '';
  }
}

function asTokenMatches(found: ReadonlyMap<LexiconKind, PhraseMatch[]>, at: readonly number[], within?: { index: readonly number[]; count: readonly number[] }): KindMatches {
  const byKind = new Map<LexiconKind, TokenMatch[]>();
  for (const [kind, list] of found) {
    byKind.set(
      kind,
      list.map((match) => {
        const last = match.end - 1;
        return {
          entry: match.entry,
          phrase: match.phrase,
          start: at[match.start] ?? 0,
          end: (at[last] ?? 0) + 1,
          before: within?.index[match.start] ?? 0,
          after: within ? (within.count[last] ?? 1) - (within.index[last] ?? 0) - 1 : 0,
        };
      }),
    );
  }
  return byKind;
}

/**
 * The matches in a run, every kind. A run without slots is matched once per layout. In
 * a run with slots, a value's words can take part in a match only if one of them is a
 * phrase of one word, or two words in a row (within the value, or with the word before or
 * after it) follow each other in a phrase. When no value's can, only whether each value
 * has words (whether the copy on either side meets) decides the matches, and they are
 * worked out once per pattern of empty and non-empty values. Otherwise the run is
 * matched on this recipient's words.
 */
function runMatches(run: RunPlan, values: RecipientValues, lexicon: readonly LexiconEntry[]): KindMatches {
  let pattern = '';
  const { gate } = values;
  // The word before the next value: a static word, or the last word of the value before.
  let previous: string | undefined;
  for (const { slot, wordBefore, wordAfter } of run.slots) {
    if (wordBefore !== undefined) previous = wordBefore;
    const words = values.words(slot);
    const first = words.keys[0];
    if (first === undefined) {
      // An empty value: the words on either side of it meet.
      if (previous !== undefined && wordAfter !== undefined && isPhrasePair(gate, previous, wordAfter)) return recipientMatches(run, values, lexicon);
      pattern += '0';
      continue;
    }
    const last = words.keys[words.keys.length - 1] as string;
    if (words.phrasal || (previous !== undefined && isPhrasePair(gate, previous, first)) || (wordAfter !== undefined && isPhrasePair(gate, last, wordAfter))) return recipientMatches(run, values, lexicon);
    pattern += '1';
    previous = last;
  }
  let found = run.matches.get(pattern);
  if (!found) {
    const keys: string[] = [];
    const at: number[] = [];
    let slot = 0;
    run.tokens.forEach((token, index) => {
      if (token.kind === 'word') {
        keys.push(token.key);
        at.push(index);
      } else if (pattern[slot++] === '1') {
        keys.push(VALUE_WORDS);
        at.push(index);
      }
    });
    found = asTokenMatches(matchEveryKind(keys, lexicon), at);
    run.matches.set(pattern, found);
  }
  return found;
}

/** The matches of a run on this recipient's own words: a value holds a lexicon word. */
function recipientMatches(run: RunPlan, values: RecipientValues, lexicon: readonly LexiconEntry[]): KindMatches {
  const keys: string[] = [];
  const at: number[] = [];
  // Per key: which word of its token it is, and how many words the token has.
  const within = { index: [] as number[], count: [] as number[] };
  run.tokens.forEach((token, index) => {
    if (token.kind === 'word') {
      keys.push(token.key);
      at.push(index);
      within.index.push(0);
      within.count.push(1);
      return;
    }
    const words = values.words(token.slot).keys;
    words.forEach((key, word) => {
      keys.push(key);
      at.push(index);
      within.index.push(word);
      within.count.push(words.length);
    });
  });
  return asTokenMatches(matchEveryKind(keys, lexicon), at, within);
}

export interface CopyInput {
  record: LayoutRecord;
  slots: readonly PrintedSlot[];
  lexicon: readonly LexiconEntry[];
  /** Whether a use printed observed, inferred or third-party data this recipient got. */
  undeclared: (useId: number) => boolean;
}

/**
 * What one recipient's email says in words: the lexicon's phrases in the copy (with
 * whether undeclared data sits beside each surveillance phrase) and the state of the
 * unsubscribe and preferences links. What does not depend on the recipient's values is
 * worked out once per layout; their values are read where they are.
 */
export function copyFacts(input: CopyInput): CopyFacts {
  const { record, lexicon } = input;
  const plan = planOf(record);
  const values = new RecipientValues(input.slots, phraseGate(lexicon));
  const matches = plan.runs.map((run) => runMatches(run, values, lexicon));
  const listOf = (kind: LexiconKind): { run: number; match: TokenMatch }[] => {
    const list: { run: number; match: TokenMatch }[] = [];
    matches.forEach((byKind, run) => {
      for (const match of byKind.get(kind) ?? NO_MATCHES) list.push({ run, match });
    });
    return list;
  };
  const plain = (kind: LexiconKind): CopyMatch[] => listOf(kind).map(({ match }) => ({ entry: match.entry, phrase: match.phrase, besideUndeclared: false }));
  const inWords = (kind: LexiconKind): boolean => matches.some((byKind) => (byKind.get(kind)?.length ?? 0) > 0);
  return {
    surveillance: listOf('surveillance').map(({ run, match }) => ({ entry: match.entry, phrase: match.phrase, besideUndeclared: beside(plan, values, run, match, input.undeclared) })),
    sensitive: plain('sensitive'),
    transparency: plain('transparency'),
    links: { unsubscribe: linkState(plan, record.layout, values, lexicon, 'unsubscribe', inWords), preferences: linkState(plan, record.layout, values, lexicon, 'preferences', inWords) },
  };
}

/**
 * Whether observed, inferred or third-party data is printed within a few words of a
 * phrase, counting this recipient's words. The runs are read as one sequence with a
 * boundary after each, which counts as a word; a value counts as many as it has.
 */
function beside(plan: CopyPlan, values: RecipientValues, run: number, match: TokenMatch, undeclared: (useId: number) => boolean): boolean {
  const wordsIn = (token: Token): number => (token.kind === 'slot' ? values.words(token.slot).keys.length : 1);
  const near = (token: Token): boolean => wordsIn(token) > 0 && token.ids.some(undeclared);
  const tokens = plan.runs[run]?.tokens ?? [];
  for (let index = match.start; index < match.end; index += 1) if (near(tokens[index] as Token)) return true;
  let left = NEARBY_WORDS - match.before;
  for (let runIndex = run, index = match.start - 1; runIndex >= 0 && left > 0; runIndex -= 1) {
    const runTokens = plan.runs[runIndex]?.tokens ?? [];
    if (runIndex !== run) {
      left -= 1; // the boundary after that run
      index = runTokens.length - 1;
    }
    for (; index >= 0 && left > 0; index -= 1) {
      const token = runTokens[index] as Token;
      if (near(token)) return true;
      left -= wordsIn(token);
    }
  }
  left = NEARBY_WORDS - match.after;
  for (let runIndex = run, index = match.end; runIndex < plan.runs.length && left > 0; runIndex += 1) {
    const runTokens = plan.runs[runIndex]?.tokens ?? [];
    if (runIndex !== run) index = 0;
    for (; index < runTokens.length && left > 0; index += 1) {
      const token = runTokens[index] as Token;
      if (near(token)) return true;
      left -= wordsIn(token);
    }
    left -= 1; // the boundary after this run
  }
  return false;
}

function textOfParts(parts: TextParts, values: RecipientValues, separator: string): string {
  return parts.map((part) => (part.kind === 'slot' ? values.text(part.slot) : part.text)).join(separator);
}

/**
 * Whether the email links to an unsubscribe (or preferences) page: a link whose words or
 * address use the lexicon's words for it, working when it goes somewhere. Text emails,
 * which have no links, need the words and an address to follow.
 */
function linkState(plan: CopyPlan, layout: Layout, values: RecipientValues, lexicon: readonly LexiconEntry[], kind: ControlKind, inWords: (kind: LexiconKind) => boolean): LinkState {
  let found = false;
  // Links whose own words name the kind first: one that works settles it without reading the others.
  for (const pass of [true, false]) {
    for (const link of plan.links) {
      const textNames = (): boolean => mentions(textOfParts(link.text, values, ''), lexicon, kind);
      const named = !link.textHasSlots && (link.textNames[kind] ??= textNames());
      if (named !== pass) continue;
      const hrefNames = (): boolean => mentions(textOfParts(link.href, values, '').replaceAll(/[-_/.?=&%]/gu, ' '), lexicon, kind);
      const control = named || (link.textHasSlots && textNames()) || (link.hrefHasSlots ? hrefNames() : (link.hrefNames[kind] ??= hrefNames()));
      if (!control) continue;
      if (works(textOfParts(link.href, values, ''))) return 'working';
      found = true;
    }
  }
  if (found) return 'empty';
  if (plan.links.length > 0 || !inWords(kind)) return 'missing';
  const separator = layout.format === 'text' ? '' : ' ';
  const body = layout.blocks.filter((block) => block.section === 'body').map((block) => textOfParts(block.parts, values, separator));
  return body.join(separator).includes('://') ? 'working' : 'missing';
}
