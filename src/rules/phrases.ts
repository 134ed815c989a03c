import type { LexiconEntry, LexiconKind } from '../model/lexicon.js';
import type { Position, SourceRange } from '../model/location.js';
import type { SourceText } from '../template/source.js';
import { wordsOf, type VisibleWord } from '../template/visible-text.js';
import { weakMemo } from '../weak-memo.js';

/** One lexicon phrase found in the email's visible words. */
export interface PhraseMatch {
  entry: LexiconEntry;
  phrase: string;
  /** Index of the first and one past the last matched word. */
  start: number;
  end: number;
}

/** Regular English inflections: "notice" matches noticed, notices, noticing. */
function formsOf(pattern: string): Set<string> {
  const forms = new Set([pattern, pattern.replaceAll("'", '’')]);
  if (pattern.length < 3) return forms;
  const stem = pattern.endsWith('e') ? pattern.slice(0, -1) : pattern;
  for (const form of [`${pattern}s`, `${pattern}es`, `${pattern}d`, `${pattern}ed`, `${pattern}ing`, `${stem}ing`, `${stem}ed`]) forms.add(form);
  if (pattern.endsWith('y')) forms.add(`${pattern.slice(0, -1)}ies`).add(`${pattern.slice(0, -1)}ied`);
  return forms;
}

interface CompiledPhrase {
  entry: LexiconEntry;
  phrase: string;
  words: Set<string>[];
}

/** Phrases indexed by every form of their first word, so a text is scanned once. */
type CompiledLexicon = Map<string, CompiledPhrase[]>;

const compiled = new WeakMap<readonly LexiconEntry[], Map<LexiconKind, CompiledLexicon>>();

function compile(lexicon: readonly LexiconEntry[], kind: LexiconKind): CompiledLexicon {
  let byKind = compiled.get(lexicon);
  if (!byKind) {
    byKind = new Map();
    compiled.set(lexicon, byKind);
  }
  let index = byKind.get(kind);
  if (!index) {
    index = new Map();
    for (const entry of lexicon.filter((candidate) => candidate.kind === kind)) {
      for (const phrase of entry.phrases) {
        const words = wordsOf(phrase.toLowerCase()).map((word) => formsOf(word.text));
        for (const form of words[0] ?? []) index.set(form, [...(index.get(form) ?? []), { entry, phrase, words }]);
      }
    }
    byKind.set(kind, index);
  }
  return index;
}

function matchesAt(keys: readonly string[], start: number, phrase: CompiledPhrase): boolean {
  return phrase.words.every((forms, offset) => forms.has(keys[start + offset] ?? ''));
}

const remembered = weakMemo<readonly VisibleWord[], PhraseMatch[]>();

/**
 * Every place an entry of the given kind occurs in the words, whole words only; the
 * longest phrase wins where phrases overlap. Remembered per word list: recipients whose
 * emails have the same shape share one.
 */
export function findPhrases(words: readonly VisibleWord[], lexicon: readonly LexiconEntry[], kind: LexiconKind): PhraseMatch[] {
  return remembered(words, `${kind}\u0000${lexicon.length}`, () => matchPhrases(words, lexicon, kind));
}

function matchPhrases(words: readonly VisibleWord[], lexicon: readonly LexiconEntry[], kind: LexiconKind): PhraseMatch[] {
  const index = compile(lexicon, kind);
  const keys = words.map((word) => word.key);
  const matches: PhraseMatch[] = [];
  keys.forEach((key, start) => {
    const best = new Map<LexiconEntry, PhraseMatch>();
    for (const phrase of index.get(key) ?? []) {
      if (!matchesAt(keys, start, phrase)) continue;
      const end = start + phrase.words.length;
      const current = best.get(phrase.entry);
      if (!current || current.end < end) best.set(phrase.entry, { entry: phrase.entry, phrase: phrase.phrase, start, end });
    }
    matches.push(...best.values());
  });
  // "your diabetes" inside "managing your diabetes" is the same finding.
  return matches.filter((match) => !matches.some((other) => other !== match && other.start <= match.start && other.end >= match.end && other.end - other.start > match.end - match.start));
}

/**
 * Where the words of a phrase are written in the template or its partials, so copy
 * findings point at the line a writer edits. Undefined when the words came from data.
 */
const located = weakMemo<readonly { file: string; source: SourceText }[], SourceRange | undefined>();

export function locatePhrase(phrase: string, texts: readonly { file: string; source: SourceText }[]): SourceRange | undefined {
  return located(texts, phrase, () => findInSources(phrase, texts));
}

function findInSources(phrase: string, texts: readonly { file: string; source: SourceText }[]): SourceRange | undefined {
  const pattern = wordsOf(phrase.toLowerCase()).map((word) => formsOf(word.text));
  for (const { file, source } of texts) {
    const words = sourceWords(source);
    for (let start = 0; start + pattern.length <= words.length; start += 1) {
      if (pattern.every((forms, offset) => forms.has((words[start + offset]?.text ?? '').toLowerCase()))) {
        const first = words[start];
        const last = words[start + pattern.length - 1];
        if (!first || !last) continue;
        return { file, start: positionIn(source, first.index), end: positionIn(source, last.index + last.text.length) };
      }
    }
  }
  return undefined;
}

const wordsBySource = new WeakMap<SourceText, { text: string; index: number }[]>();

/** A template's words, segmented once however many phrases are looked up in it. */
function sourceWords(source: SourceText): { text: string; index: number }[] {
  let words = wordsBySource.get(source);
  if (!words) {
    words = wordsOf(source.text);
    wordsBySource.set(source, words);
  }
  return words;
}

function positionIn(source: SourceText, offset: number): Position {
  const before = source.text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const column = line === 0 ? source.origin.column + offset : offset - before.lastIndexOf('\n');
  return { line: source.origin.line + line, column };
}
