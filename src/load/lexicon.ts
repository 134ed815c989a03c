import { readFileSync } from 'node:fs';
import { InputError } from '../model/input-error.js';
import { LEXICON_KINDS, type LexiconEntry } from '../model/lexicon.js';
import { isOneOf } from '../model/vocabulary.js';
import { isRecord } from './datamap.js';
import { decodeText } from './decode-text.js';
import { parseStructuredFile } from './structured-file.js';

let builtIn: readonly LexiconEntry[] | undefined;

/** The lexicon shipped with creeplint (lexicon/en.yaml), read once. */
export function builtInLexicon(): readonly LexiconEntry[] {
  if (!builtIn) {
    const url = new URL('../../lexicon/en.yaml', import.meta.url);
    builtIn = parseLexicon(decodeText(readFileSync(url)), 'lexicon/en.yaml');
  }
  return builtIn;
}

/** A lexicon file: `language` and `entries`. */
export function parseLexicon(text: string, file: string): LexiconEntry[] {
  const parsed = parseStructuredFile(text, file);
  const root = parsed.value;
  if (!isRecord(root) || !Array.isArray(root['entries'])) throw new InputError({ file, line: 1, column: 1, message: 'a lexicon has `language` and a list of `entries`' });
  const language = typeof root['language'] === 'string' ? root['language'] : 'en';
  return root['entries'].map((entry, index) => lexiconEntry(entry, { file, language, position: parsed.positionOf(['entries', index]) }));
}

/** One entry, from a lexicon file or the configuration's `lexicon` list. */
export function lexiconEntry(value: unknown, context: { file: string; language: string; position?: { line: number; column: number } | undefined }): LexiconEntry {
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
  if (kind === 'sensitive' && typeof category !== 'string') return fail('lexicon entry: a sensitive entry names the `category` it reveals');
  return {
    kind,
    phrases,
    suggestion: text('suggestion'),
    note: text('note'),
    source: text('source'),
    category: typeof category === 'string' ? category : undefined,
    language: typeof value['language'] === 'string' ? value['language'] : context.language,
  };
}
