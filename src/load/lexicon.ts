import { readFileSync } from 'node:fs';
import { InputError } from '../model/input-error.js';
import { LEXICON_KINDS, type LexiconEntry } from '../model/lexicon.js';
import { isOneOf } from '../model/vocabulary.js';
import { isRecord } from './datamap.js';
import { decodeText } from './decode-text.js';
import { parseStructuredFile } from './structured-file.js';

let builtIn: readonly LexiconEntry[] | undefined;

/** The lexicons shipped with creeplint, one per language; every one applies to every email. */
export const BUILT_IN_LEXICONS = ['lexicon/en.yaml', 'lexicon/ar.yaml'] as const;

/** The lexicons shipped with creeplint (English, then Arabic), read once. */
export function builtInLexicon(): readonly LexiconEntry[] {
  if (!builtIn) {
    builtIn = BUILT_IN_LEXICONS.flatMap((file) => parseLexicon(decodeText(readFileSync(new URL(`../../${file}`, import.meta.url))), file));
  }
  return builtIn;
}

/** A lexicon file: `language` and `entries`. */
export function parseLexicon(text: string, file: string): LexiconEntry[] {
  const parsed = parseStructuredFile(text, file);
  const root = parsed.value;
  if (!isRecord(root) || !Array.isArray(root['entries'])) throw new InputError({ file, line: 1, column: 1, message: 'a lexicon has `language` and a list of `entries`' });
  const language = root['language'];
  if (language !== undefined && !isLanguageTag(language)) throw new InputError({ file, line: 1, column: 1, message: 'a lexicon\'s `language` is a BCP 47 language tag such as en or ar' });
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
