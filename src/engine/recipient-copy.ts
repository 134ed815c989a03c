import type { FieldRole } from '../model/datamap.js';
import { hrefNamesKind, works, type ControlKind, type LinkState } from '../copy/control-links.js';
import { isPhrasePair, matchEveryKind, mentions, phraseGate, type PhraseGate, type PhraseMatch } from '../copy/phrases.js';
import { forEachKey, gateHash, keysOfWord, plainWordHash } from '../copy/word-keys.js';
import { forEachWord, wordSpans } from '../copy/words.js';
import type { LexiconEntry, LexiconKind } from '../model/lexicon.js';
import type { CopyFacts, CopyMatch, RevealingValue } from '../rules/rule.js';
import type { Layout, TextParts } from '../template/layout.js';
import type { PrintedSlot } from '../template/trace-recorder.js';
import { layoutLanguage } from './email-language.js';
import type { LayoutRecord } from './layouts.js';

/** Words either side of a phrase that count as "next to" it. */
const NEARBY_WORDS = 6;
/** A value's words in a run of text, when none of them could be part of a phrase: only that they are there matters. */
const VALUE_WORDS = '\u0000';
const NO_IDS: readonly number[] = [];
const NO_MATCHES: readonly TokenMatch[] = [];
const LINK_STATES: Readonly<Record<LinkState, string>> = { working: 'w', empty: 'e', missing: 'm' };
const PASSES = [true, false] as const;
/** Word spans of the value being read (one array for every value: reading is synchronous). */
const SPANS: number[] = [];

/**
 * A word of the layout's static text (with the uses of a value filled into it): its keys
 * (word-keys.ts; a contraction has two) and the gate hashes of its first and last; or a
 * hollow slot, whose words are each recipient's.
 */
type Token = { kind: 'word'; keys: string | readonly string[]; first: number; last: number; ids: readonly number[] } | { kind: 'slot'; slot: number; ids: readonly number[] };

/** A word token's keys one by one (most words have one key, kept as a string: layouts have many words). */
function pushKeys(keys: string | readonly string[], push: (key: string) => void): void {
  if (typeof keys === 'string') push(keys);
  else for (const key of keys) push(key);
}

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
  wordBefore: number | undefined;
  wordAfter: number | undefined;
}

/** A run of text a reader sees (a text node, the subject), as tokens; phrases never cross from one run to the next. */
interface RunPlan {
  tokens: Token[];
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
  /** Roles of the fields its address prints (`role: unsubscribe` in the data map): such a link is that link, whatever its words. */
  hrefRoles: ReadonlySet<FieldRole>;
}

interface CopyPlan {
  runs: RunPlan[];
  /** The runs with slots, whose matches are each recipient's. */
  dynamic: number[];
  /** Per run: the matches of a run without slots (the same for every recipient), undefined for one with slots. */
  fixedByRun: (KindMatches | undefined)[];
  links: LinkPlan[];
  /** Per block of a text email's body, by role, the parts that print a field with that role: a URL printed from one is that link. */
  blockRoles: ReadonlyMap<FieldRole, number[]>[];
}

function hasSlots(parts: TextParts): boolean {
  return parts.some((part) => part.kind === 'slot');
}

/** The roles of the fields some parts print (slots and values alike). */
function rolesOf(parts: TextParts, roleOf: (useId: number) => FieldRole | undefined): ReadonlySet<FieldRole> {
  const roles = new Set<FieldRole>();
  for (const part of parts) {
    if (part.kind === 'text') continue;
    for (const id of part.ids) {
      const role = roleOf(id);
      if (role) roles.add(role);
    }
  }
  return roles.size === 0 ? NO_ROLES : roles;
}

const NO_ROLES: ReadonlySet<FieldRole> = new Set();
const NO_ROLE_PARTS: ReadonlyMap<FieldRole, number[]> = new Map();

/** By role, the indexes of the parts that print a field with it. */
function rolePartsOf(parts: TextParts, roleOf: (useId: number) => FieldRole | undefined): ReadonlyMap<FieldRole, number[]> {
  const byRole = new Map<FieldRole, number[]>();
  parts.forEach((part, index) => {
    if (part.kind === 'text') return;
    for (const role of new Set(part.ids.map(roleOf))) if (role) byRole.set(role, [...(byRole.get(role) ?? []), index]);
  });
  return byRole.size === 0 ? NO_ROLE_PARTS : byRole;
}
const NO_ROLE = (): FieldRole | undefined => undefined;

function planOf(record: LayoutRecord, lexicon: readonly LexiconEntry[], roleOf: (useId: number) => FieldRole | undefined): CopyPlan {
  const known = record.memo.get('copy-plan') as CopyPlan | undefined;
  if (known) return known;
  const plan: CopyPlan = {
    runs: record.layout.blocks.map((block) => {
      const tokens: Token[] = [];
      for (const part of block.parts) {
        if (part.kind === 'slot') tokens.push({ kind: 'slot', slot: part.slot, ids: part.ids });
        else {
          const ids = part.kind === 'value' ? part.ids : NO_IDS;
          forEachWord(part.text, (start, end) => {
            const keys = keysOfWord(part.text.slice(start, end));
            const first = gateHash(keys[0] ?? '');
            tokens.push({ kind: 'word', keys: keys.length === 1 ? (keys[0] ?? '') : keys, first, last: keys.length === 1 ? first : gateHash(keys[keys.length - 1] ?? ''), ids });
          });
        }
      }
      const slots: SlotInRun[] = [];
      tokens.forEach((token, index) => {
        if (token.kind !== 'slot') return;
        const before = tokens[index - 1];
        const after = tokens[index + 1];
        slots.push({ slot: token.slot, wordBefore: before?.kind === 'word' ? before.last : undefined, wordAfter: after?.kind === 'word' ? after.first : undefined });
      });
      return { tokens, slots, matches: new Map() };
    }),
    dynamic: [],
    fixedByRun: [],
    links: record.layout.links.map((link) => ({
      href: link.href,
      text: link.text,
      hrefHasSlots: hasSlots(link.href),
      textHasSlots: hasSlots(link.text),
      textNames: {},
      hrefNames: {},
      hrefRoles: rolesOf(link.href, roleOf),
    })),
    blockRoles: record.layout.format === 'text' ? record.layout.blocks.map((block) => (block.section === 'body' ? rolePartsOf(block.parts, roleOf) : NO_ROLE_PARTS)) : [],
  };
  plan.runs.forEach((run, index) => {
    if (run.slots.length > 0) {
      plan.dynamic.push(index);
      plan.fixedByRun.push(undefined);
      return;
    }
    const fixed = matchedRun(run, '', lexicon);
    plan.fixedByRun.push(fixed);
  });
  record.memo.set('copy-plan', plan);
  return plan;
}

/** A recipient's value in words: how many, its first and last key (gate hashes), and whether one key, or two in a row, could be part of a phrase. */
interface ValueWords {
  count: number;
  first: number | undefined;
  last: number | undefined;
  phrasal: boolean;
}

/** A value's keys, the word (0, 1, …) each belongs to, and how many words it has. */
interface ValueKeys {
  keys: readonly string[];
  words: readonly number[];
  count: number;
}

/** One recipient's values, each read once however many runs and links use it. */
class RecipientValues {
  private readonly scanned: (ValueWords | undefined)[] = [];
  private readonly keyed: (ValueKeys | undefined)[] = [];

  constructor(
    private readonly slots: readonly PrintedSlot[],
    readonly gate: PhraseGate,
  ) {}

  words(slot: number): ValueWords {
    const known = this.scanned[slot];
    if (known) return known;
    const text = this.text(slot);
    const { gate } = this;
    const count = wordSpans(text, SPANS);
    let first: number | undefined;
    let last: number | undefined;
    let phrasal = false;
    const read = (hash: number): void => {
      if (!phrasal && (gate.singles.has(hash) || (last !== undefined && isPhrasePair(gate, last, hash)))) phrasal = true;
      first ??= hash;
      last = hash;
    };
    for (let word = 0; word < count; word += 1) {
      const start = SPANS[2 * word] as number;
      const end = SPANS[2 * word + 1] as number;
      // Nearly every word of a value is plain ASCII with one key: no keys are built for it.
      const plain = plainWordHash(text, start, end);
      if (plain !== -1) read(plain);
      else for (const key of keysOfWord(text.slice(start, end))) read(gateHash(key));
    }
    const found: ValueWords = { count, first, last, phrasal };
    this.scanned[slot] = found;
    return found;
  }

  /** The value's keys, for matching it key by key, with the word each belongs to. */
  keys(slot: number): ValueKeys {
    let known = this.keyed[slot];
    if (!known) {
      const keys: string[] = [];
      const words: number[] = [];
      const count = forEachKey(this.text(slot), (key, word) => {
        keys.push(key);
        words.push(word);
      });
      known = { keys, words, count };
      this.keyed[slot] = known;
    }
    return known;
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

/** A run's matches for this recipient, and what of them goes into the recipient's class key. */
interface RunMatches {
  matches: KindMatches;
  /** The pattern of empty and non-empty values the matches were worked out for, or undefined when matched on the recipient's own words. */
  pattern: string | undefined;
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
function runMatches(run: RunPlan, values: RecipientValues, lexicon: readonly LexiconEntry[]): RunMatches {
  let pattern = '';
  const { gate } = values;
  // The word before the next value: a static word, or the last word of the value before.
  let previous: number | undefined;
  for (const { slot, wordBefore, wordAfter } of run.slots) {
    if (wordBefore !== undefined) previous = wordBefore;
    const words = values.words(slot);
    if (words.first === undefined || words.last === undefined) {
      // An empty value: the words on either side of it meet.
      if (previous !== undefined && wordAfter !== undefined && isPhrasePair(gate, previous, wordAfter))
        return { matches: recipientMatches(run, values, lexicon), pattern: undefined };
      pattern += '0';
      continue;
    }
    if (words.phrasal || (previous !== undefined && isPhrasePair(gate, previous, words.first)) || (wordAfter !== undefined && isPhrasePair(gate, words.last, wordAfter))) {
      return { matches: recipientMatches(run, values, lexicon), pattern: undefined };
    }
    pattern += '1';
    previous = words.last;
  }
  return { matches: matchedRun(run, pattern, lexicon), pattern };
}

/** A run's matches when its values take no part in any: worked out once per pattern of empty ('0') and non-empty ('1') values. */
function matchedRun(run: RunPlan, pattern: string, lexicon: readonly LexiconEntry[]): KindMatches {
  let found = run.matches.get(pattern);
  if (!found) {
    const keys: string[] = [];
    const at: number[] = [];
    let slot = 0;
    run.tokens.forEach((token, index) => {
      if (token.kind === 'word') {
        pushKeys(token.keys, (key) => {
          keys.push(key);
          at.push(index);
        });
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

/** The matches of a run on this recipient's own words: a value holds a word that could be part of a phrase. */
function recipientMatches(run: RunPlan, values: RecipientValues, lexicon: readonly LexiconEntry[]): KindMatches {
  const keys: string[] = [];
  const at: number[] = [];
  // Per key: which word of its token it is, and how many words the token has.
  const within = { index: [] as number[], count: [] as number[] };
  run.tokens.forEach((token, index) => {
    if (token.kind === 'word') {
      pushKeys(token.keys, (key) => {
        keys.push(key);
        at.push(index);
        within.index.push(0);
        within.count.push(1);
      });
      return;
    }
    const value = values.keys(token.slot);
    value.keys.forEach((key, position) => {
      keys.push(key);
      at.push(index);
      within.index.push(value.words[position] ?? 0);
      within.count.push(value.count);
    });
  });
  return asTokenMatches(matchEveryKind(keys, lexicon), at, within);
}

export interface CopyInput {
  record: LayoutRecord;
  slots: readonly PrintedSlot[];
  lexicon: readonly LexiconEntry[];
  /** By use id, 1 when it printed observed, inferred or third-party data this recipient got; asked for only when a surveillance phrase is there. */
  undeclared: () => Uint8Array;
  /** By use id, the data map's role for its field (a link the company owns: unsubscribe, preferences, privacy notice). */
  roleOf?: ((useId: number) => FieldRole | undefined) | undefined;
  /**
   * The template judged on its own: its values are not known, not empty. A link whose
   * address is printed from a field is taken to go where the field says.
   */
  valuesUnknown?: boolean | undefined;
}

/** What a recipient's copy says: a key that tells it apart (for the recipient's class), and the facts, made when asked. */
export interface RecipientCopy {
  key: string;
  facts(): CopyFacts;
}

const entryIndexes = new WeakMap<readonly LexiconEntry[], Map<LexiconEntry, number>>();

/**
 * What one recipient's email says in words: the lexicon's phrases in the copy (with
 * whether undeclared data sits beside each surveillance phrase) and the state of the
 * unsubscribe and preferences links. What does not depend on the recipient's values is
 * worked out once per layout; their values are read where they are. The key names the
 * matches by the pattern they were worked out for, or one by one when a recipient's own
 * words were matched: two recipients with the same key have the same copy facts.
 */
export function copyFacts(input: CopyInput): RecipientCopy {
  const { record, lexicon } = input;
  const plan = planOf(record, lexicon, input.roleOf ?? NO_ROLE);
  const values = new RecipientValues(input.slots, phraseGate(lexicon));
  let key = '';
  const matches: (KindMatches | undefined)[] = plan.fixedByRun.slice();
  for (const index of plan.dynamic) {
    const found = runMatches(plan.runs[index] as RunPlan, values, lexicon);
    key += found.pattern === undefined ? `${index}!${described(found.matches, lexicon)};` : `${index}=${found.pattern};`;
    matches[index] = found.matches;
  }
  const matchesOf = (run: number): KindMatches | undefined => matches[run];
  let beside = '';
  let undeclared: Uint8Array | undefined;
  for (let run = 0; run < matches.length; run += 1) {
    const watching = matches[run]?.get('surveillance');
    if (!watching) continue;
    undeclared ??= input.undeclared();
    for (const match of watching) beside += besideUndeclared(plan, values, run, match, undeclared) ? '1' : '0';
  }
  const inWords = (kind: LexiconKind): boolean => matches.some((byKind) => (byKind?.get(kind)?.length ?? 0) > 0);
  const unknown = input.valuesUnknown === true;
  const links = {
    unsubscribe: oneClickUnsubscribe(record.layout, values, unknown) ? 'working' : linkState(plan, record.layout, values, lexicon, 'unsubscribe', inWords, unknown),
    preferences: linkState(plan, record.layout, values, lexicon, 'preferences', inWords, unknown),
    privacyNotice: privacyNoticeLink(plan, values, unknown),
  } as const;
  key += `|${beside}|${LINK_STATES[links.unsubscribe]}${LINK_STATES[links.preferences]}${LINK_STATES[links.privacyNotice]}`;
  // Built when first asked (a recipient whose class is known needs none), and once.
  let made: CopyFacts | undefined;
  return {
    key,
    facts: () => {
      if (made) return made;
      const listOf = (kind: LexiconKind): TokenMatch[] => plan.runs.flatMap((_, run) => [...(matchesOf(run)?.get(kind) ?? NO_MATCHES)]);
      const plain = (kind: LexiconKind): CopyMatch[] => listOf(kind).map((match) => ({ entry: match.entry, phrase: match.phrase, besideUndeclared: false }));
      made = {
        surveillance: listOf('surveillance').map((match, index) => ({ entry: match.entry, phrase: match.phrase, besideUndeclared: beside[index] === '1' })),
        sensitive: plain('sensitive'),
        transparency: plain('transparency'),
        revealing: revealingValues(plan, record.layout, matchesOf),
        links,
        language: layoutLanguage(record).language,
      };
      return made;
    },
  };
}

/** A run's matches, named for a key: the lexicon entry and phrase of each, kind by kind. */
function described(matches: KindMatches, lexicon: readonly LexiconEntry[]): string {
  let indexes = entryIndexes.get(lexicon);
  if (!indexes) {
    indexes = new Map(lexicon.map((entry, index) => [entry, index]));
    entryIndexes.set(lexicon, indexes);
  }
  const known = indexes;
  // Where each match lies too: a term in one value and the same term in another are different findings.
  return [...matches].map(([kind, list]) => `${kind}:${list.map((match) => `${known.get(match.entry) ?? -1}/${match.phrase}@${match.start}-${match.end}`).join(',')}`).join(' ');
}

/**
 * Terms that name a special category matched in a recipient's values ("home HIV test" in
 * a purchase history): the uses whose values hold them and the section they show in.
 * The template's own words are not the reader's data and do not count here.
 */
function revealingValues(plan: CopyPlan, layout: Layout, matchesOf: (run: number) => KindMatches | undefined): RevealingValue[] {
  const found: RevealingValue[] = [];
  plan.runs.forEach((run, index) => {
    for (const match of matchesOf(index)?.get('revealing') ?? NO_MATCHES) {
      const ids = new Set<number>();
      for (let at = match.start; at < match.end; at += 1) for (const id of run.tokens[at]?.ids ?? NO_IDS) ids.add(id);
      if (ids.size > 0) found.push({ entry: match.entry, useIds: [...ids], section: layout.blocks[index]?.section ?? 'body' });
    }
  });
  return found;
}

/**
 * Whether observed, inferred or third-party data is printed within a few words of a
 * phrase, counting this recipient's words. The runs are read as one sequence with a
 * boundary after each, which counts as a word; a value counts as many as it has.
 */
function besideUndeclared(plan: CopyPlan, values: RecipientValues, run: number, match: TokenMatch, undeclared: Uint8Array): boolean {
  const wordsIn = (token: Token): number => (token.kind === 'slot' ? values.words(token.slot).count : 1);
  const near = (token: Token): boolean => {
    if (token.ids.length === 0 || wordsIn(token) === 0) return false;
    for (const id of token.ids) if (undeclared[id] === 1) return true;
    return false;
  };
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
  if (parts.length === 1 && parts[0]?.kind === 'slot') return values.text(parts[0].slot);
  return parts.map((part) => (part.kind === 'slot' ? values.text(part.slot) : part.text)).join(separator);
}

/**
 * Whether the email links to an unsubscribe (or preferences) page: a link to a field with
 * that role in the data map, or whose words or address use the lexicon's words for it,
 * working when it goes somewhere. Text emails, which have no links, need a URL printed
 * from a field with that role, or the words with a URL after them (on their line or the
 * next).
 */
function linkState(
  plan: CopyPlan,
  layout: Layout,
  values: RecipientValues,
  lexicon: readonly LexiconEntry[],
  kind: ControlKind,
  inWords: (kind: LexiconKind) => boolean,
  valuesUnknown: boolean,
): LinkState {
  let found = false;
  // Links whose own words name the kind first: one that works settles it without reading the others.
  for (const pass of PASSES) {
    for (const link of plan.links) {
      let named = false;
      if (!link.textHasSlots) named = link.textNames[kind] ??= mentions(textOfParts(link.text, values, ''), lexicon, kind);
      if (named !== pass) continue;
      const control =
        named ||
        link.hrefRoles.has(kind) ||
        (link.textHasSlots && mentions(textOfParts(link.text, values, ''), lexicon, kind)) ||
        (link.hrefHasSlots
          ? hrefNamesKind(textOfParts(link.href, values, ''), lexicon, kind)
          : (link.hrefNames[kind] ??= hrefNamesKind(textOfParts(link.href, values, ''), lexicon, kind)));
      if (!control) continue;
      if ((valuesUnknown && link.hrefHasSlots) || works(textOfParts(link.href, values, ''))) return 'working';
      found = true;
    }
  }
  if (found) return 'empty';
  if (plan.links.length > 0 || layout.format !== 'text') return 'missing';
  return textLinkState(plan, layout, values, lexicon, kind, inWords, valuesUnknown);
}

/** A link to the field the data map gives the `privacy-notice` role: working when it goes somewhere. */
function privacyNoticeLink(plan: CopyPlan, values: RecipientValues, valuesUnknown: boolean): LinkState {
  let found = false;
  for (const link of plan.links) {
    if (!link.hrefRoles.has('privacy-notice')) continue;
    if (valuesUnknown || works(textOfParts(link.href, values, ''))) return 'working';
    found = true;
  }
  return found ? 'empty' : 'missing';
}

/**
 * A one-click unsubscribe in the headers (RFC 8058): `List-Unsubscribe` with an HTTPS URL
 * in angle brackets (RFC 2369) and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
 * Mail clients show their own unsubscribe button for it.
 */
function oneClickUnsubscribe(layout: Layout, values: RecipientValues, valuesUnknown: boolean): boolean {
  const header = (name: string) => layout.headers.find((entry) => entry.name.toLowerCase() === name);
  const post = header('list-unsubscribe-post');
  if (!post || textOfParts(post.value, values, '').trim() !== 'List-Unsubscribe=One-Click') return false;
  return (header('list-unsubscribe')?.urls ?? []).some((url) => (valuesUnknown && hasSlots(url)) || /^https:\/\/[^\s]/iu.test(textOfParts(url, values, '').trim()));
}

/** In a text email: a URL printed from a field with the role, or the kind's words with a URL after them. */
function textLinkState(
  plan: CopyPlan,
  layout: Layout,
  values: RecipientValues,
  lexicon: readonly LexiconEntry[],
  kind: ControlKind,
  inWords: (kind: LexiconKind) => boolean,
  valuesUnknown: boolean,
): LinkState {
  let found = false;
  for (const [index, block] of layout.blocks.entries()) {
    const parts = plan.blockRoles[index]?.get(kind);
    if (!parts) continue;
    found = true;
    // The template on its own: the field holds the URL, whatever it is.
    if (valuesUnknown) return 'working';
    for (const at of parts) {
      const part = block.parts[at];
      const value = part?.kind === 'slot' ? values.text(part.slot) : part?.kind === 'value' ? part.text : '';
      if (works(value)) return 'working';
    }
  }
  if (!inWords(kind)) return found ? 'empty' : 'missing';
  // Line by line: the words, and a URL on their line or the next one that is not blank.
  const lines = layout.blocks
    .filter((block) => block.section === 'body')
    .flatMap((block) => textOfParts(block.parts, values, '').split('\n'))
    .filter((line) => line.trim() !== '');
  for (const [index, line] of lines.entries()) {
    if (!mentions(line, lexicon, kind)) continue;
    if (line.includes('://') || (lines[index + 1] ?? '').includes('://')) return 'working';
    found = true;
  }
  return found ? 'empty' : 'missing';
}
