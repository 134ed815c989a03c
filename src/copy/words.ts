/** A word of a text and where it starts. */
export interface Word {
  text: string;
  index: number;
}

/**
 * Split text into words with Unicode's word rules (UAX #29), as `Intl.Segmenter` does.
 * Most of an email is in Latin or Arabic script (ASCII, accented letters, curly quotes,
 * currency signs, Arabic letters and digits), for which the rules are few and are applied
 * here directly, many times faster than the segmenter (test/copy/words.test.ts proves the results equal, character by
 * character and on random texts); other text goes to the segmenter in pieces cut where
 * a word cannot continue. Both ways are linear in the length of the text.
 */
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  forEachWord(text, (start, end) => words.push({ text: text.slice(start, end), index: start }));
  return words;
}

/**
 * Where each word starts and ends, written into `spans` as start, end, start, end…
 * (emptied first; a caller can reuse one array for many texts). Returns the number of words.
 */
export function wordSpans(text: string, spans: number[]): number {
  spans.length = 0;
  const push = (start: number, end: number): void => {
    spans.push(start, end);
  };
  if (!tabledWords(text, 0, push)) {
    spans.length = 0;
    segmentedWords(text, push);
  }
  return spans.length / 2;
}

/** Call `visit` with where each word starts and ends, in order, without building the words. */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  if (!isTabled(text)) segmentedWords(text, visit);
  else tabledWords(text, 0, visit);
}

/** Whether every character of the text has its class in the table below. */
function isTabled(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= TABLE_SIZE || CLASSES[code] === UNTABLED) return false;
  }
  return true;
}

// Word-break classes (Unicode's WordBreakProperty.txt) of ASCII, Latin-1, Latin Extended-A
// and -B, Arabic, General Punctuation and the currency signs. Characters that attach to their
// neighbours (combining marks, format controls) and scripts with rules of their own are
// not in the table: a text with one goes to the segmenter.
const UNTABLED = 255;
const OTHER = 0;
const LETTER = 1;
const NUMERIC = 2;
const EXTEND_NUM_LET = 3; // _
const MID_LETTER = 4; // :
const MID_NUM_LET = 5; // . and '
const MID_NUM = 6; // , ;
const SPACE = 7; // U+0020 (WSegSpace)
const NEWLINE = 8; // CR, LF, VT, FF
const CR = 9;

const TABLE_SIZE = 0x20d0;
const CLASSES = new Uint8Array(TABLE_SIZE).fill(UNTABLED);
for (let code = 0; code < 128; code += 1) {
  const char = String.fromCharCode(code);
  CLASSES[code] = /[A-Za-z]/u.test(char)
    ? LETTER
    : /[0-9]/u.test(char)
      ? NUMERIC
      : char === '_'
        ? EXTEND_NUM_LET
        : char === ':'
          ? MID_LETTER
          : char === '.' || char === "'"
            ? MID_NUM_LET
            : char === ',' || char === ';'
              ? MID_NUM
              : char === ' '
                ? SPACE
                : char === '\r'
                  ? CR
                  : char === '\n' || char === '\u000b' || char === '\f'
                    ? NEWLINE
                    : OTHER;
}
// Latin-1: letters (but × and ÷), ª º µ; the middle dot joins letters; the soft hyphen is a format control.
for (let code = 0x80; code < 0x100; code += 1) CLASSES[code] = OTHER;
for (let code = 0xc0; code < 0x100; code += 1) if (code !== 0xd7 && code !== 0xf7) CLASSES[code] = LETTER;
CLASSES[0xaa] = LETTER;
CLASSES[0xb5] = LETTER;
CLASSES[0xba] = LETTER;
// ICU, behind Intl.Segmenter, reads the cedilla as a letter.
CLASSES[0xb8] = LETTER;
CLASSES[0xb7] = MID_LETTER;
CLASSES[0x85] = NEWLINE;
CLASSES[0xad] = UNTABLED;
// Latin Extended-A and -B: letters.
for (let code = 0x100; code < 0x250; code += 1) CLASSES[code] = LETTER;
// General Punctuation: spaces, curly quotes (’ joins letters, as ' does), the line and paragraph separators.
for (let code = 0x2000; code < 0x2070; code += 1) CLASSES[code] = OTHER;
for (const code of [0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2008, 0x2009, 0x200a, 0x205f]) CLASSES[code] = SPACE;
for (const code of [0x2018, 0x2019, 0x2024]) CLASSES[code] = MID_NUM_LET;
CLASSES[0x2027] = MID_LETTER;
CLASSES[0x2044] = MID_NUM;
for (const code of [0x202f, 0x203f, 0x2040, 0x2054]) CLASSES[code] = EXTEND_NUM_LET;
CLASSES[0x2028] = NEWLINE;
CLASSES[0x2029] = NEWLINE;
for (const code of [
  0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0x206a, 0x206b, 0x206c,
  0x206d, 0x206e, 0x206f,
])
  CLASSES[code] = UNTABLED;
// Currency signs (€ among them).
for (let code = 0x20a0; code < 0x20d0; code += 1) CLASSES[code] = OTHER;
// Arabic: letters (tatweel among them) and both sets of digits; the Arabic comma and date separator
// join digits; the decimal separator reads as a digit (ICU's Numeric). Punctuation is OTHER. Harakat and
// the other combining marks, and the number signs and the letter mark (format controls), stay untabled:
// diacritised text goes to the segmenter.
for (let code = 0x600; code < 0x700; code += 1) CLASSES[code] = /\p{L}/u.test(String.fromCharCode(code)) ? LETTER : /\p{Nd}/u.test(String.fromCharCode(code)) ? NUMERIC : OTHER;
for (const code of [0x60c, 0x60d, 0x66c]) CLASSES[code] = MID_NUM;
CLASSES[0x66b] = NUMERIC;
for (let code = 0x600; code < 0x700; code += 1) if (/[\p{M}\p{Cf}]/u.test(String.fromCharCode(code))) CLASSES[code] = UNTABLED;

/**
 * The word-like segments of a text of tabled characters, by Unicode's rules as they apply
 * to these classes: a word starts at a letter, a digit or an underscore-like connector and
 * goes on through letters, digits and connectors (WB5, WB8-10, WB13a-b), across a
 * mid-word mark between two letters (WB6-7: "don't", "e.g", "a:b") or a mid-number mark
 * between two digits (WB11-12: "3.14", "1,000"). Everything else is a boundary, and the
 * segments it makes are not words. A run of connectors alone is a word from two on, as
 * ICU, behind Intl.Segmenter, has it. False when a character is not in the table.
 */
function tabledWords(text: string, offset: number, visit: (start: number, end: number) => void): boolean {
  const length = text.length;
  let index = 0;
  while (index < length) {
    const kind = CLASSES[text.charCodeAt(index)] ?? UNTABLED;
    if (kind === UNTABLED) return false;
    if (kind !== LETTER && kind !== NUMERIC && kind !== EXTEND_NUM_LET) {
      index += 1;
      continue;
    }
    const start = index;
    let wordLike = kind !== EXTEND_NUM_LET;
    let previous = kind;
    index += 1;
    while (index < length) {
      const next = CLASSES[text.charCodeAt(index)] ?? UNTABLED;
      if (next === UNTABLED) return false;
      if (next === LETTER || next === NUMERIC || next === EXTEND_NUM_LET) {
        wordLike ||= next !== EXTEND_NUM_LET;
        previous = next;
        index += 1;
        continue;
      }
      const after = index + 1 < length ? (CLASSES[text.charCodeAt(index + 1)] ?? UNTABLED) : -1;
      const acrossLetters = previous === LETTER && after === LETTER && (next === MID_LETTER || next === MID_NUM_LET);
      const acrossDigits = previous === NUMERIC && after === NUMERIC && (next === MID_NUM || next === MID_NUM_LET);
      if (!acrossLetters && !acrossDigits) break;
      previous = after;
      index += 2;
    }
    if (wordLike || index - start > 1) visit(offset + start, offset + index);
  }
  return true;
}

// Made on first use: building it costs about as much as a short email's whole check, and
// an email whose words are all in the table never needs it.
let segmenter: Intl.Segmenter | undefined;

/** The segmenter's cost grows with the text it is given: texts are cut into pieces of about this length. */
const PIECE_LENGTH = 2000;
/** A piece is cut after one of these (a word never continues past it), unless a combining mark follows. */
const CUT_AFTER = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000!?()[\]{}<>/\\|`~^*+=&%$#@-]/u;
const ATTACHES = /[\p{M}\p{Cf}\u200d]/u;

function segmentedWords(text: string, visit: (start: number, end: number) => void): void {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE_LENGTH);
    if (end < text.length) {
      // The first safe cut at or after the nominal end; failing one within a second piece, cut there anyway.
      let cut = -1;
      for (let index = end; index < Math.min(text.length, end + PIECE_LENGTH); index += 1) {
        if (CUT_AFTER.test(text.charAt(index)) && !ATTACHES.test(text.charAt(index + 1))) {
          cut = index + 1;
          break;
        }
      }
      end = cut === -1 ? Math.min(text.length, end + PIECE_LENGTH) : cut;
      // Never between the halves of a surrogate pair.
      if (end < text.length && /[\uDC00-\uDFFF]/u.test(text.charAt(end))) end += 1;
    }
    const piece = text.slice(start, end);
    if (isTabled(piece)) tabledWords(piece, start, visit);
    else
      for (const segment of (segmenter ??= new Intl.Segmenter('en', { granularity: 'word' })).segment(piece))
        if (segment.isWordLike) visit(start + segment.index, start + segment.index + segment.segment.length);
    start = end;
  }
}
