import type { LexiconEntry, LexiconKind } from '../model/lexicon.js';
import type { Position, SourceRange } from '../model/location.js';
import type { SourceText } from '../template/source.js';
import { formsOf } from './forms.js';
import { forEachKey, gateHash, keysOfWord, plainWordHash, wordKeys } from './word-keys.js';
import { forEachWord, wordsOf } from './words.js';

/** One lexicon phrase found in a run of words. */
export interface PhraseMatch {
  entry: LexiconEntry;
  phrase: string;
  /** Index of the first and one past the last matched key (word-keys.ts: a contraction is two). */
  start: number;
  end: number;
}

interface CompiledPhrase {
  entry: LexiconEntry;
  phrase: string;
  /** The keys the phrase is matched by (word-keys.ts); each matches every form of it (forms.ts). */
  keys: readonly string[];
}

/**
 * Whether a phrase's words are the keys from `start` on. The forms of a phrase's later
 * words are worked out (and cached, forms.ts) only when its first word is met: a check of
 * one English email never pays for the forms of every Arabic phrase.
 */
function matchesAt(phrase: CompiledPhrase, keys: readonly string[], start: number): boolean {
  return phrase.keys.every((key, offset) => formsOf(key).has(keys[start + offset] ?? ''));
}

/** Phrases' keys worked out by the build (load/lexicon.ts), so a run does not segment every phrase of every lexicon. */
const knownPhraseKeys = new Map<string, readonly string[]>();

/**
 * Remember phrases' keys as the build worked them out with `wordKeys`, which reads a
 * phrase and nothing else: the same keys a run would work out.
 */
export function rememberPhraseKeys(keys: readonly (readonly [string, readonly string[]])[]): void {
  for (const [phrase, ofPhrase] of keys) knownPhraseKeys.set(phrase, ofPhrase);
}

/** The keys a phrase is matched by (word-keys.ts). */
export function phraseKeys(phrase: string): readonly string[] {
  return knownPhraseKeys.get(phrase) ?? wordKeys(phrase);
}

/** A phrase as the keys it is matched by (word-keys.ts), each with every form it matches (forms.ts). */
function phraseForms(phrase: string): ReadonlySet<string>[] {
  return phraseKeys(phrase).map(formsOf);
}

/**
 * Phrases indexed by every form of their first word, so a text is scanned once. Forms
 * that start with an ASCII character (English) are kept apart from the others (Arabic,
 * whose clitics make many forms of each word), so an English email looks its words up in
 * an index the size of the English lexicon.
 */
interface CompiledLexicon {
  ascii: Map<string, CompiledPhrase[]>;
  other: Map<string, CompiledPhrase[]>;
}

function emptyIndex(): CompiledLexicon {
  return { ascii: new Map(), other: new Map() };
}

function candidatesOf(index: CompiledLexicon, key: string): CompiledPhrase[] | undefined {
  return (key.charCodeAt(0) < 0x80 ? index.ascii : index.other).get(key);
}

const compiled = new WeakMap<readonly LexiconEntry[], Map<LexiconKind, CompiledLexicon>>();

function compile(lexicon: readonly LexiconEntry[], kind: LexiconKind): CompiledLexicon {
  let byKind = compiled.get(lexicon);
  if (!byKind) {
    byKind = new Map();
    compiled.set(lexicon, byKind);
  }
  let index = byKind.get(kind);
  if (!index) {
    index = emptyIndex();
    for (const entry of lexicon) {
      if (entry.kind !== kind) continue;
      for (const phrase of entry.phrases) {
        const compiledPhrase: CompiledPhrase = { entry, phrase, keys: phraseKeys(phrase) };
        const first = compiledPhrase.keys[0];
        if (first !== undefined) for (const form of formsOf(first)) addTo(index, form, [compiledPhrase]);
      }
    }
    byKind.set(kind, index);
  }
  return index;
}

function addTo(index: CompiledLexicon, form: string, phrases: readonly CompiledPhrase[]): void {
  const part = form.charCodeAt(0) < 0x80 ? index.ascii : index.other;
  const list = part.get(form);
  if (list) list.push(...phrases);
  else part.set(form, [...phrases]);
}

const allKinds = new WeakMap<readonly LexiconEntry[], CompiledLexicon>();

/** Every kind's phrases in one index. */
function compileAll(lexicon: readonly LexiconEntry[]): CompiledLexicon {
  let index = allKinds.get(lexicon);
  if (!index) {
    index = emptyIndex();
    for (const kind of new Set(lexicon.map((entry) => entry.kind))) {
      const ofKind = compile(lexicon, kind);
      for (const [form, phrases] of [...ofKind.ascii, ...ofKind.other]) addTo(index, form, phrases);
    }
    allKinds.set(lexicon, index);
  }
  return index;
}

/**
 * What a word must be to take part in a match: a phrase of one key (any form of it), or
 * one of two keys that follow each other in a phrase (any forms of them). A key in
 * neither cannot be part of any match. Keys are kept as their gate hashes
 * (word-keys.ts `gateHash`), so a recipient's value is checked without building its
 * keys; two keys may share a hash, which only sends a value down the exact path
 * needlessly. The gate reads words exactly as matching does (word-keys.ts): a value
 * with "you've" is read as `you have`, whose keys the gate knows if a phrase has them.
 */
export interface PhraseGate {
  singles: ReadonlySet<number>;
  /** First key → the keys that may follow it. */
  pairs: ReadonlyMap<number, ReadonlySet<number>>;
}

/** Whether two keys in a row could both be part of one phrase. */
export function isPhrasePair(gate: PhraseGate, first: number, second: number): boolean {
  return gate.pairs.get(first)?.has(second) === true;
}

const gates = new WeakMap<readonly LexiconEntry[], PhraseGate>();
const gateForms = new Map<string, ReadonlySet<number>>();

/** The gate hashes of every form of a key: few, since the gate leaves out the clitics that make most forms. */
function gateHashesOfForms(key: string): ReadonlySet<number> {
  let hashes = gateForms.get(key);
  if (!hashes) {
    hashes = new Set([...formsOf(key)].map(gateHash));
    gateForms.set(key, hashes);
  }
  return hashes;
}

export function phraseGate(lexicon: readonly LexiconEntry[]): PhraseGate {
  let gate = gates.get(lexicon);
  if (!gate) {
    const singles = new Set<number>();
    const pairs = new Map<number, Set<number>>();
    for (const entry of lexicon) {
      for (const phrase of entry.phrases) {
        const keys = phraseKeys(phrase).map(gateHashesOfForms);
        if (keys.length === 1) for (const form of keys[0] ?? []) singles.add(form);
        for (let index = 0; index + 1 < keys.length; index += 1) {
          for (const first of keys[index] ?? []) {
            const following = pairs.get(first) ?? new Set<number>();
            for (const second of keys[index + 1] ?? []) following.add(second);
            pairs.set(first, following);
          }
        }
      }
    }
    gate = { singles, pairs };
    gates.set(lexicon, gate);
  }
  return gate;
}

/** A gate as JSON holds it: the build compiles the built-in lexicons' (load/lexicon.ts). */
export interface PhraseGateJson {
  singles: number[];
  pairs: [number, number[]][];
}

export function phraseGateToJson(gate: PhraseGate): PhraseGateJson {
  return { singles: [...gate.singles], pairs: [...gate.pairs].map(([first, following]) => [first, [...following]]) };
}

/**
 * Take a lexicon's gate as the build compiled it, instead of computing it on first use
 * (the Arabic forms make that a good part of a one-email check's own work). The caller
 * vouches that it was compiled from this very lexicon.
 */
export function rememberPhraseGate(lexicon: readonly LexiconEntry[], json: PhraseGateJson): void {
  gates.set(lexicon, { singles: new Set(json.singles), pairs: new Map(json.pairs.map(([first, following]) => [first, new Set(following)])) });
}

/**
 * Every place an entry of the given kind occurs in a run of keys (`wordKeys`), whole
 * words only; where phrases overlap, the longest wins ("your diabetes" inside "managing
 * your diabetes" is the same finding). Linear in the words: each is looked up once, and
 * the overlaps are settled in one pass over the matches sorted by position.
 */
export function matchPhrases(keys: readonly string[], lexicon: readonly LexiconEntry[], kind: LexiconKind): PhraseMatch[] {
  const index = compile(lexicon, kind);
  if (index.ascii.size === 0 && index.other.size === 0) return [];
  const matches: PhraseMatch[] = [];
  for (let start = 0; start < keys.length; start += 1) {
    const candidates = candidatesOf(index, keys[start] ?? '');
    if (!candidates) continue;
    const best = new Map<LexiconEntry, PhraseMatch>();
    for (const phrase of candidates) {
      if (!matchesAt(phrase, keys, start)) continue;
      const end = start + phrase.keys.length;
      const current = best.get(phrase.entry);
      if (!current || current.end < end) best.set(phrase.entry, { entry: phrase.entry, phrase: phrase.phrase, start, end });
    }
    matches.push(...best.values());
  }
  return withoutContained(matches);
}

/** The matches of every kind in one pass over the words: the same, kind by kind, as `matchPhrases`. */
export function matchEveryKind(keys: readonly string[], lexicon: readonly LexiconEntry[]): ReadonlyMap<LexiconKind, PhraseMatch[]> {
  const index = compileAll(lexicon);
  const byKind = new Map<LexiconKind, PhraseMatch[]>();
  for (let start = 0; start < keys.length; start += 1) {
    const candidates = candidatesOf(index, keys[start] ?? '');
    if (!candidates) continue;
    let best: Map<LexiconEntry, PhraseMatch> | undefined;
    for (const phrase of candidates) {
      if (!matchesAt(phrase, keys, start)) continue;
      best ??= new Map();
      const end = start + phrase.keys.length;
      const current = best.get(phrase.entry);
      if (!current || current.end < end) best.set(phrase.entry, { entry: phrase.entry, phrase: phrase.phrase, start, end });
    }
    for (const match of best?.values() ?? []) {
      const list = byKind.get(match.entry.kind);
      if (list) list.push(match);
      else byKind.set(match.entry.kind, [match]);
    }
  }
  for (const [kind, list] of byKind) byKind.set(kind, withoutContained(list));
  return byKind;
}

/** Drop every match inside a longer one; matches over the same words all stay. */
function withoutContained(matches: PhraseMatch[]): PhraseMatch[] {
  if (matches.length < 2) return matches;
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PhraseMatch[] = [];
  let furthest = -1;
  for (let index = 0; index < sorted.length;) {
    const first = sorted[index] as PhraseMatch;
    let next = index;
    while (next < sorted.length && (sorted[next] as PhraseMatch).start === first.start && (sorted[next] as PhraseMatch).end === first.end) next += 1;
    // An earlier match (starting before, or at the same word and ending later) reaching as far contains these.
    if (furthest < first.end) kept.push(...sorted.slice(index, next));
    furthest = Math.max(furthest, first.end);
    index = next;
  }
  const order = new Map(matches.map((match, position) => [match, position]));
  return kept.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
}

/** Whether a text (a link's words or address) uses an entry of the kind. */
export function mentions(text: string, lexicon: readonly LexiconEntry[], kind: LexiconKind): boolean {
  // Most addresses and link texts hold no word a phrase could be made of: no need to match.
  const gate = phraseGate(lexicon);
  let previous: number | undefined;
  // Set in the callbacks below, which TypeScript's narrowing does not follow: declared as a boolean, not `false`.
  let possible = false as boolean;
  const read = (hash: number): void => {
    if (gate.singles.has(hash) || (previous !== undefined && isPhrasePair(gate, previous, hash))) possible = true;
    previous = hash;
  };
  forEachWord(text, (start, end) => {
    const plain = plainWordHash(text, start, end);
    if (plain !== -1) read(plain);
    else for (const key of keysOfWord(text.slice(start, end))) read(gateHash(key));
  });
  return possible && matchPhrases(wordKeys(text), lexicon, kind).length > 0;
}

/**
 * Where the words of a phrase are written in the template or its partials, so copy
 * findings point at the line a writer edits. Undefined when the words came from data.
 */
export function locatePhrase(phrase: string, texts: readonly { file: string; source: SourceText }[]): SourceRange | undefined {
  let byPhrase = located.get(texts);
  if (!byPhrase) {
    byPhrase = new Map();
    located.set(texts, byPhrase);
  }
  if (!byPhrase.has(phrase)) byPhrase.set(phrase, findInSources(phrase, texts));
  return byPhrase.get(phrase);
}

const located = new WeakMap<readonly { file: string; source: SourceText }[], Map<string, SourceRange | undefined>>();

function findInSources(phrase: string, texts: readonly { file: string; source: SourceText }[]): SourceRange | undefined {
  const pattern = phraseForms(phrase);
  for (const { file, source } of texts) {
    const keys = sourceKeys(source);
    for (let start = 0; start + pattern.length <= keys.length; start += 1) {
      if (pattern.every((forms, offset) => forms.has(keys[start + offset]?.key ?? ''))) {
        const first = keys[start];
        const last = keys[start + pattern.length - 1];
        if (!first || !last) continue;
        return { file, start: positionIn(source, first.start), end: positionIn(source, last.end) };
      }
    }
  }
  return undefined;
}

/** A key of a template's words, and where the word it belongs to starts and ends. */
interface SourceKey {
  key: string;
  start: number;
  end: number;
}

const keysBySource = new WeakMap<SourceText, SourceKey[]>();

/** A template's keys, read once however many phrases are looked up in it. */
function sourceKeys(source: SourceText): SourceKey[] {
  let keys = keysBySource.get(source);
  if (!keys) {
    const words = wordsOf(source.text);
    const found: SourceKey[] = [];
    forEachKey(source.text, (key, word) => {
      const at = words[word];
      if (at) found.push({ key, start: at.index, end: at.index + at.text.length });
    });
    keys = found;
    keysBySource.set(source, keys);
  }
  return keys;
}

function positionIn(source: SourceText, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let index = source.text.indexOf('\n'); index !== -1 && index < offset; index = source.text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  const column = line === 0 ? source.origin.column + offset : offset - lineStart + 1;
  return { line: source.origin.line + line, column };
}

/**
 * Every place a phrase's words are in a text (offsets, the end one past the last
 * character), read as the lexicon reads words: a preview marks the phrase in the email
 * as the reader sees it, wherever the copy finding was found.
 */
export function phraseSpans(phrase: string, text: string): { start: number; end: number }[] {
  const pattern = phraseForms(phrase);
  const keys = sourceKeys({ text, origin: { line: 1, column: 1 } });
  const spans: { start: number; end: number }[] = [];
  for (let start = 0; start + pattern.length <= keys.length; start += 1) {
    if (!pattern.every((forms, offset) => forms.has(keys[start + offset]?.key ?? ''))) continue;
    const first = keys[start];
    const last = keys[start + pattern.length - 1];
    if (first && last && (spans.at(-1)?.end ?? -1) <= first.start) spans.push({ start: first.start, end: last.end });
  }
  return spans;
}
