import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordsOf } from '../../src/copy/words.js';

/** What Intl.Segmenter, the reference for Unicode's word rules, calls the words of a text. */
function segmenterWords(text: string): { text: string; index: number }[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  return [...segmenter.segment(text)].filter((segment) => segment.isWordLike).map((segment) => ({ text: segment.segment, index: segment.index }));
}

/** Characters whose word-break classes differ: letters, digits, the mid-word and mid-number marks, spaces, line ends. */
/** Every character the fast path reads itself, with no segmenter. */
const TABLED = [
  ...Array.from({ length: 0x250 }, (_, code) => code),
  ...Array.from({ length: 0x100 }, (_, offset) => 0x600 + offset),
  ...Array.from({ length: 0x70 }, (_, offset) => 0x2000 + offset),
  ...Array.from({ length: 0x30 }, (_, offset) => 0x20a0 + offset),
].map((code) => String.fromCharCode(code));

const ASCII_MIX = fc.string({ unit: fc.constantFrom(...Array.from('aZq09_.,;:\'"- \t\r\n\u000b\f@#/!?()&')), maxLength: 40 });
const UNICODE_MIX = fc.string({
  unit: fc.oneof(
    fc.constantFrom(...Array.from("aZ0_.:' -\n")),
    fc.constantFrom(
      'é',
      'ß',
      'ı',
      '\u0301',
      '\u00ad',
      '\u200d',
      '\u00a0',
      '\u2019',
      '\u05d0',
      '"',
      '\u0627',
      '\u0644',
      'ك',
      '\u0640',
      '\u064e',
      '\u0651',
      '\u0663',
      '\u060c',
      '\u066b',
      '\u061f',
      '\u200c',
      '\u0600',
      '日',
      '本',
      '😀',
      '\u3000',
      '\ufeff',
    ),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('wordsOf', () => {
  it('reads every character of its table as Intl.Segmenter does, in every context that tells classes apart', () => {
    const contexts = [
      '{c}',
      '{c}{c}',
      'a{c}b',
      '1{c}2',
      'a{c}',
      '{c}a',
      '1{c}',
      '{c}1',
      '_{c}_',
      ' {c} ',
      'a{c}{c}b',
      "x{c}'y",
      "a'{c}",
      '{c}.{c}',
      'é{c}ß',
      '1.{c}',
      '{c}:a',
      '\u2019{c}',
      '{c}\u00a0{c}',
      'ب{c}ب',
      '٣{c}٣',
      'a{c}ب',
      '{c}ـ',
    ];
    const differences: string[] = [];
    for (const char of TABLED) {
      for (const context of contexts) {
        const text = context.replaceAll('{c}', char);
        if (JSON.stringify(wordsOf(text)) !== JSON.stringify(segmenterWords(text)))
          differences.push(`U+${char.charCodeAt(0).toString(16).padStart(4, '0')} in ${JSON.stringify(context)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('splits Latin text exactly as Intl.Segmenter does (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...TABLED), maxLength: 30 }), (text) => {
        expect(wordsOf(text)).toEqual(segmenterWords(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits ASCII text exactly as Intl.Segmenter does (property)', () => {
    fc.assert(
      fc.property(ASCII_MIX, (text) => {
        expect(wordsOf(text)).toEqual(segmenterWords(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('splits any text as Intl.Segmenter does (property)', () => {
    fc.assert(
      fc.property(UNICODE_MIX, (text) => {
        expect(wordsOf(text)).toEqual(segmenterWords(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts long texts only where a word cannot continue, so the words are the same', () => {
    const piece = "Café déjà vu, we noticed you're here – ";
    const long = piece.repeat(400);
    expect(wordsOf(long)).toEqual(segmenterWords(long));
    const hyphens = `${'a-'.repeat(3000)}é`;
    expect(wordsOf(hyphens)).toEqual(segmenterWords(hyphens));
  });

  it('keeps Arabic words whole: with the article and prefixes, tatweel, harakat, a ZWNJ; Arabic digits with their separators', () => {
    const text = 'لاحظنا أنكَ شاهدتَ مؤخراً وبالتفاصيل، الـمنتج ٣٫٥ و١٬٠٠٠ ريال؟ می\u200cخواهم';
    expect(wordsOf(text)).toEqual(segmenterWords(text));
    expect(wordsOf(text).map((word) => word.text)).toEqual(['لاحظنا', 'أنكَ', 'شاهدتَ', 'مؤخراً', 'وبالتفاصيل', 'الـمنتج', '٣٫٥', 'و١٬٠٠٠', 'ريال', 'می\u200cخواهم']);
  });

  it('keeps contractions, decimals, times and underscores as ICU does', () => {
    expect(wordsOf("you've seen 3.14 at 9:41 a_b __ _ U.S.A. e-mail").map((word) => word.text)).toEqual([
      "you've",
      'seen',
      '3.14',
      'at',
      '9',
      '41',
      'a_b',
      '__',
      'U.S.A',
      'e',
      'mail',
    ]);
  });
});
