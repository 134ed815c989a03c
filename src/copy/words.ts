/** A word of a text and where it starts. */
export interface Word {
  text: string;
  index: number;
}

/**
 * Split text into words with Unicode's word rules (UAX #29), as `Intl.Segmenter` does.
 * Most of an email is ASCII, for which the rules are few and are applied here directly
 * (test/copy/words.test.ts proves the result equal to the segmenter's on random ASCII);
 * other text goes to the segmenter in pieces cut where a word cannot continue. Both
 * ways are linear in the length of the text.
 */
export function wordsOf(text: string): Word[] {
  return isAscii(text) ? asciiWords(text, 0, []) : segmentedWords(text);
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

// Word-break classes of the ASCII characters (Unicode's WordBreakProperty.txt).
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

const CLASSES = new Uint8Array(128);
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

const classAt = (text: string, index: number): number => (index >= 0 && index < text.length ? (CLASSES[text.charCodeAt(index)] ?? OTHER) : -1);

/** Whether the rules keep the characters at `index - 1` and `index` in one segment. */
function joins(text: string, index: number): boolean {
  const before = classAt(text, index - 1);
  const after = classAt(text, index);
  if (before === CR && after === NEWLINE && text.charCodeAt(index) === 10) return true; // WB3
  if (before === CR || before === NEWLINE || after === CR || after === NEWLINE) return false; // WB3a, WB3b
  if (before === SPACE && after === SPACE) return true; // WB3d
  const letterOrNumber = (kind: number): boolean => kind === LETTER || kind === NUMERIC;
  if (letterOrNumber(before) && letterOrNumber(after)) return true; // WB5, WB8, WB9, WB10
  if (before === LETTER && (after === MID_LETTER || after === MID_NUM_LET) && classAt(text, index + 1) === LETTER) return true; // WB6
  if ((before === MID_LETTER || before === MID_NUM_LET) && after === LETTER && classAt(text, index - 2) === LETTER) return true; // WB7
  if ((before === MID_NUM || before === MID_NUM_LET) && after === NUMERIC && classAt(text, index - 2) === NUMERIC) return true; // WB11
  if (before === NUMERIC && (after === MID_NUM || after === MID_NUM_LET) && classAt(text, index + 1) === NUMERIC) return true; // WB12
  if ((letterOrNumber(before) || before === EXTEND_NUM_LET) && after === EXTEND_NUM_LET) return true; // WB13a
  if (before === EXTEND_NUM_LET && letterOrNumber(after)) return true; // WB13b
  return false; // WB999
}

/**
 * The word-like segments of an ASCII text: those with a letter or a digit, and runs of
 * two or more underscores (which ICU, behind Intl.Segmenter, also calls words).
 */
function asciiWords(text: string, offset: number, into: Word[]): Word[] {
  let start = 0;
  let wordLike = false;
  const end = (at: number): void => {
    if (at > start && (wordLike || (at - start > 1 && classAt(text, start) === EXTEND_NUM_LET))) into.push({ text: text.slice(start, at), index: offset + start });
  };
  for (let index = 0; index < text.length; index += 1) {
    if (index > 0 && !joins(text, index)) {
      end(index);
      start = index;
      wordLike = false;
    }
    const kind = classAt(text, index);
    if (kind === LETTER || kind === NUMERIC) wordLike = true;
  }
  end(text.length);
  return into;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** The segmenter's cost grows with the text it is given: texts are cut into pieces of about this length. */
const PIECE_LENGTH = 2000;
/** A piece is cut after one of these (a word never continues past it), unless a combining mark follows. */
const CUT_AFTER = /[ \t\n\r\f\v\u00a0\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000!?()[\]{}<>/\\|`~^*+=&%$#@-]/u;
const ATTACHES = /[\p{M}\p{Cf}\u200d]/u;

function segmentedWords(text: string): Word[] {
  const words: Word[] = [];
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
    if (isAscii(piece)) asciiWords(piece, start, words);
    else for (const segment of segmenter.segment(piece)) if (segment.isWordLike) words.push({ text: segment.segment, index: start + segment.index });
    start = end;
  }
  return words;
}
