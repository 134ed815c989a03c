import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { InputError } from '../model/input-error.js';
import { wordKeys } from '../copy/word-keys.js';
import { phraseGate, phraseGateToJson, rememberPhraseGate, rememberPhraseKeys, type PhraseGateJson } from '../copy/phrases.js';
import { LEXICON_KINDS, type LexiconEntry } from '../model/lexicon.js';
import { isOneOf } from '../model/vocabulary.js';
import { isRecord } from './datamap.js';
import { decodeText } from './decode-text.js';
import { parseStructuredFile } from './structured-file.js';

let builtIn: readonly LexiconEntry[] | undefined;

/** The lexicons shipped with creeplint, one per language; every one applies to every email. */
export const BUILT_IN_LEXICONS = ['lexicon/en.yaml', 'lexicon/ar.yaml'] as const;

/**
 * The built-in lexicons as `npm run build` compiles them (scripts/compile-lexicon.mjs),
 * beside this module: their entries, their phrase gate (copy/phrases.ts), and a digest of
 * the YAML they were read from.
 */
export const COMPILED_LEXICON = new URL('./built-in-lexicon.json', import.meta.url);

/** What COMPILED_LEXICON holds. */
export interface CompiledLexicon {
  digest: string;
  entries: LexiconEntry[];
  gate: PhraseGateJson;
  /** Each phrase's keys (copy/phrases.ts `phraseKeys`), worked out by the build. */
  keys: [phrase: string, keys: readonly string[]][];
}

/**
 * The lexicons shipped with creeplint (English, then Arabic), read once. Parsing their
 * YAML is most of a one-email check's own work, so a run takes the compiled entries when
 * they were compiled from exactly these files, and reads the YAML otherwise (from source,
 * or after an edit that was not built): never a stale answer, only a slower one.
 */
export function builtInLexicon(): readonly LexiconEntry[] {
  if (!builtIn) {
    const texts = builtInLexiconTexts();
    builtIn = compiledEntries(lexiconDigest(texts)) ?? parseBuiltIn(texts);
  }
  return builtIn;
}

/** Parse the built-in lexicons' YAML, for the build to write COMPILED_LEXICON. */
export function compileBuiltInLexicon(): CompiledLexicon {
  const texts = builtInLexiconTexts();
  const entries = parseBuiltIn(texts);
  const keys = [...new Set(entries.flatMap((entry) => entry.phrases))].map((phrase): [string, readonly string[]] => [phrase, wordKeys(phrase)]);
  return { digest: lexiconDigest(texts), entries, gate: phraseGateToJson(phraseGate(entries)), keys };
}

function builtInLexiconTexts(): string[] {
  return BUILT_IN_LEXICONS.map((file) => decodeText(readFileSync(new URL(`../../${file}`, import.meta.url))));
}

function parseBuiltIn(texts: readonly string[]): LexiconEntry[] {
  return texts.flatMap((text, index) => parseLexicon(text, BUILT_IN_LEXICONS[index] ?? 'lexicon'));
}

/** SHA-256 of the files' names and texts, in order. */
function lexiconDigest(texts: readonly string[]): string {
  const hash = createHash('sha256');
  texts.forEach((text, index) => hash.update(`${BUILT_IN_LEXICONS[index] ?? ''}\u0000${text}\u0000`));
  return hash.digest('hex');
}

/**
 * The compiled entries, if there are some for these texts; each passes through lexiconEntry
 * again, as when read from YAML, and their gate is remembered for them.
 */
function compiledEntries(digest: string): LexiconEntry[] | undefined {
  let compiled: CompiledLexicon;
  try {
    compiled = JSON.parse(readFileSync(COMPILED_LEXICON, 'utf8')) as CompiledLexicon;
  } catch {
    return undefined; // not built: the YAML is read instead
  }
  if (compiled.digest !== digest) return undefined;
  const entries = compiled.entries.map((entry) => lexiconEntry(entry, { file: 'lexicon' }));
  rememberPhraseGate(entries, compiled.gate);
  rememberPhraseKeys(compiled.keys);
  return entries;
}

/** A lexicon file: `language` and `entries`. */
export function parseLexicon(text: string, file: string): LexiconEntry[] {
  const parsed = parseStructuredFile(text, file);
  const root = parsed.value;
  if (!isRecord(root) || !Array.isArray(root['entries'])) throw new InputError({ file, line: 1, column: 1, message: 'a lexicon has `language` and a list of `entries`' });
  const language = root['language'];
  if (language !== undefined && !isLanguageTag(language))
    throw new InputError({ file, line: 1, column: 1, message: "a lexicon's `language` is a BCP 47 language tag such as en or ar" });
  return root['entries'].map((entry, index) => lexiconEntry(entry, { file, language, position: parsed.positionOf(['entries', index]) }));
}

/** A BCP 47 tag as far as creeplint reads one: a language, then optional subtags (ar, ar-SA, zh-Hant-TW). */
export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/u.test(value);
}

/**
 * One entry, from a lexicon file or the configuration's `lexicon` list. Its language is
 * its own `language`, else its file's, else the script of its phrases: Arabic script is
 * `ar`, anything else `en`.
 */
export function lexiconEntry(value: unknown, context: { file: string; language?: string | undefined; position?: { line: number; column: number } | undefined }): LexiconEntry {
  const fail = (message: string): never => {
    throw new InputError({ file: context.file, line: context.position?.line, column: context.position?.column, message });
  };
  if (!isRecord(value)) return fail('a lexicon entry is a mapping with kind, phrases, suggestion, note and source');
  const kind = value['kind'];
  if (!isOneOf(LEXICON_KINDS, kind)) return fail(`lexicon entry: kind must be one of ${LEXICON_KINDS.join(', ')}`);
  const phrases = value['phrases'];
  if (!Array.isArray(phrases) || phrases.length === 0 || !phrases.every((phrase): phrase is string => typeof phrase === 'string' && phrase.trim() !== '')) {
    return fail('lexicon entry: phrases must be a non-empty list of strings');
  }
  const text = (key: string): string => {
    const field = value[key];
    return typeof field === 'string' && field.trim() !== '' ? field : fail(`lexicon entry: \`${key}\` is required`);
  };
  const category = value['category'];
  if ((kind === 'sensitive' || kind === 'revealing') && typeof category !== 'string') return fail(`lexicon entry: a ${kind} entry names the \`category\` it reveals`);
  const language = value['language'];
  if (language !== undefined && !isLanguageTag(language)) return fail('lexicon entry: `language` is a BCP 47 language tag such as en or ar');
  return {
    kind,
    phrases,
    suggestion: text('suggestion'),
    note: text('note'),
    source: text('source'),
    category: typeof category === 'string' ? category : undefined,
    language: language ?? context.language ?? (phrases.some((phrase) => /\p{Script=Arabic}/u.test(phrase)) ? 'ar' : 'en'),
  };
}
