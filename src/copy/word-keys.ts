import { wordSpans } from './words.js';

/**
 * What a word is matched as: its keys. Lexicon phrases and the email's words go through
 * this one function, and so does the phrase gate (phrases.ts), so a shortcut can never
 * be stricter or looser than the match it stands in front of.
 *
 * - Case is folded, and compatibility forms are read as what they stand for (Unicode
 *   NFKC: Arabic presentation forms and ligatures, full-width Latin).
 * - Apostrophes are one apostrophe: ' ’ ‘ ʼ.
 * - English contractions are their words: "you've" is `you have`, "you're" `you are`,
 *   "we'll" `we will`, "I'm" `i am`, "don't" `do not` ("can't" `can not`, "won't" `will
 *   not`), "let's" `let us`. A contraction that could stand for two words keeps a mark
 *   of its own that the lexicon's forms read as either ("we'd" `we 'd`: had or would;
 *   "it's" `it 's`: is or has, or a possessive).
 * - Arabic is written without what varies between writers of the same word: harakat
 *   and the other marks (tashkeel), tatweel, hamza on or under alef (أ إ آ ٱ are ا),
 *   taa marbuta (ة is ه), alef maqsura (ى is ي), and the Persian yeh and keheh; as
 *   Lucene's ArabicNormalizer does, after Larkey, Ballesteros & Connell (2007).
 * - Format controls (zero-width joiners and non-joiners, the soft hyphen, bidi marks)
 *   are not read: an email's reader does not see them.
 *
 * Every word has at least one key: a word made only of what is left out is its own key.
 */
export function keysOfWord(word: string): readonly string[] {
  if (isPlainAscii(word, 0, word.length)) return [word.toLowerCase()];
  if (word.length > CACHED_LENGTH) return normaliseWord(word);
  let keys = normalised.get(word);
  if (!keys) {
    keys = normaliseWord(word);
    if (normalised.size >= CACHE_SIZE) normalised.clear();
    normalised.set(word, keys);
  }
  return keys;
}

/** Words seen often (names, products, the lexicon's own) are normalised once; the cache is bounded, in entries and in their length. */
const normalised = new Map<string, readonly string[]>();
const CACHE_SIZE = 20_000;
const CACHED_LENGTH = 64;

const APOSTROPHES = /[\u2018\u2019\u02bc]/gu;
/** Marks an Arabic writer may or may not write: harakat, Quranic marks, the superscript alef, tatweel. */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/gu;
const FORMAT_CONTROLS = /\p{Cf}/gu;
const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ
  '\u0623': '\u0627', // أ
  '\u0625': '\u0627', // إ
  '\u0671': '\u0627', // ٱ
  '\u0629': '\u0647', // ة → ه
  '\u0649': '\u064a', // ى → ي
  '\u06cc': '\u064a', // ی (Persian yeh) → ي
  '\u06a9': '\u0643', // ک (keheh) → ك
};
const ARABIC_VARIANTS = /[\u0622\u0623\u0625\u0671\u0629\u0649\u06cc\u06a9]/gu;

/** The second half of a contraction, and the word it stands for ('d and 's keep a mark: see forms.ts). */
const CONTRACTED: readonly (readonly [string, string])[] = [
  ["n't", 'not'],
  ["'re", 'are'],
  ["'ve", 'have'],
  ["'ll", 'will'],
  ["'m", 'am'],
  ["'d", "'d"],
  ["'s", "'s"],
];
/** Heads of "n't" that are not the verb written out: can't, won't, shan't, ain't. */
const NOT_HEADS: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall', ai: 'is' };

function normaliseWord(word: string): readonly string[] {
  let key = word.normalize('NFKC').toLowerCase().replace(FORMAT_CONTROLS, '').replace(APOSTROPHES, "'");
  if (hasArabic(key)) key = key.replace(ARABIC_MARKS, '').replace(ARABIC_VARIANTS, (letter) => ARABIC_LETTERS[letter] ?? letter);
  // A compatibility form may stand for several words (the ligature ﷺ is four).
  const parts = key.split(/\s+/u).filter((part) => part !== '');
  if (parts.length === 0) return [word.toLowerCase()];
  return parts.flatMap(uncontracted);
}

function uncontracted(key: string): string[] {
  if (!key.includes("'")) return [key];
  if (key === "let's") return ['let', 'us'];
  for (const [ending, expanded] of CONTRACTED) {
    if (key.length <= ending.length || !key.endsWith(ending)) continue;
    const head = key.slice(0, -ending.length);
    return [ending === "n't" ? (NOT_HEADS[head] ?? head) : head, expanded];
  }
  return [key];
}

function isPlainAscii(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code > 0x7f || code === 39) return false;
  }
  return true;
}

/** Whether a text has a letter in Arabic script (any block: Arabic, its supplements, presentation forms). */
export function hasArabic(text: string): boolean {
  return ARABIC_SCRIPT.test(text);
}

const ARABIC_SCRIPT = /\p{Script=Arabic}/u;

/** The keys of a text's words, in order: what phrases are matched against. */
export function wordKeys(text: string): string[] {
  const keys: string[] = [];
  forEachKey(text, (key) => keys.push(key));
  return keys;
}

/** Call `visit` with each key of each word, and which word (0, 1, …) it belongs to. Returns the number of words. */
export function forEachKey(text: string, visit: (key: string, word: number) => void): number {
  // One pass to split (values and runs are mostly tabled: see words.ts), then each word once.
  const spans: number[] = [];
  const count = wordSpans(text, spans);
  for (let word = 0; word < count; word += 1) {
    const start = spans[2 * word] as number;
    const end = spans[2 * word + 1] as number;
    if (isPlainAscii(text, start, end)) visit(text.slice(start, end).toLowerCase(), word);
    else for (const key of keysOfWord(text.slice(start, end))) visit(key, word);
  }
  return count;
}

/**
 * The gate hash (`gateHash`) of a word's one key when the word is ASCII without an
 * apostrophe, nearly every word of a value: its lower case, hashed in place. -1 for any
 * other word, whose keys (`keysOfWord`) are hashed one by one.
 */
export function plainWordHash(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let index = start; index < end; index += 1) {
    let code = text.charCodeAt(index);
    if (code > 0x7f || code === 39) return -1;
    if (code >= 65 && code <= 90) code += 32;
    hash = Math.imul(hash ^ code, FNV_PRIME) >>> 0;
  }
  return hash;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * What the phrase gate keeps of a key, hashed (32-bit FNV-1a). For Arabic, the key
 * without one leading clitic (a conjunction, a preposition, the article, or these
 * together) and with the plural of "your" read as the singular: the many written forms
 * of one lexicon word (forms.ts) come down to a few, and the gate stays small. Any
 * function of the key would keep the gate sound (a word that equals a form has that
 * form's gate key); this one only keeps it small. Two keys may share a hash, which only
 * sends a value down the exact path needlessly.
 */
export function gateHash(key: string): number {
  const kept = hasArabic(key) ? arabicGateKey(key) : key;
  let hash = FNV_OFFSET;
  for (let index = 0; index < kept.length; index += 1) hash = Math.imul(hash ^ kept.charCodeAt(index), FNV_PRIME) >>> 0;
  return hash;
}

/** Longest first: وبال before وب before و. */
const GATE_PREFIXES = ['وبال', 'وكال', 'فبال', 'فكال', 'ولل', 'فلل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك'];

function arabicGateKey(key: string): string {
  let kept = key;
  for (const prefix of GATE_PREFIXES) {
    if (kept.startsWith(prefix) && kept.length - prefix.length >= 2) {
      kept = kept.slice(prefix.length);
      break;
    }
  }
  for (const suffix of ['كما', 'كم', 'كن']) if (kept.endsWith(suffix) && kept.length - suffix.length >= 2) return `${kept.slice(0, -suffix.length)}ك`;
  return kept;
}
