import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formsOf } from '../../src/copy/forms.js';
import { gateHash, keysOfWord, plainWordHash, wordKeys } from '../../src/copy/word-keys.js';
import { wordsOf } from '../../src/copy/words.js';

/** Characters that take different paths through the keys: ASCII, apostrophes, Arabic letters, marks, tatweel, format controls, ligatures. */
const MIXED = fc.string({
  unit: fc.constantFrom(
    ...Array.from("aZqS09' "),
    '’',
    'ʼ',
    '‘',
    'é',
    'ß',
    'İ',
    'ا',
    'أ',
    'إ',
    'آ',
    'ة',
    'ى',
    'ي',
    'ك',
    'ل',
    'و',
    'ب',
    '\u064e',
    '\u0651',
    '\u0640',
    '\u200c',
    '\u200d',
    '\u00ad',
    '\u200f',
    'ﻻ',
    'ﷺ',
    'Ａ',
    '٣',
  ),
  maxLength: 24,
});

describe('keysOfWord', () => {
  it('reads case, apostrophes and contractions as their words', () => {
    const keys = (text: string): string[] => wordKeys(text);
    expect(keys("We've seen you’re BACK, weʼd noticed; it's here; let's go")).toEqual([
      'we',
      'have',
      'seen',
      'you',
      'are',
      'back',
      'we',
      "'d",
      'noticed',
      'it',
      "'s",
      'here',
      'let',
      'us',
      'go',
    ]);
    expect(keys("don't can't won't shan't isn't I'm we'll")).toEqual(['do', 'not', 'can', 'not', 'will', 'not', 'shall', 'not', 'is', 'not', 'i', 'am', 'we', 'will']);
    expect(keys("O’Brien rock'n'roll")).toEqual(["o'brien", "rock'n'roll"]);
  });

  it('writes Arabic without harakat, tatweel, hamza on alef, taa marbuta and alef maqsura, as one spelling', () => {
    expect(wordKeys('بِنَاءً عَلَى تَصَفُّحِكَ')).toEqual(['بناء', 'علي', 'تصفحك']);
    expect(wordKeys('بـنـاءً عـلى تـصـفـحـك')).toEqual(['بناء', 'علي', 'تصفحك']);
    expect(wordKeys('إلغاء الإشتراك')).toEqual(wordKeys('الغاء الاشتراك'));
    expect(wordKeys('هذه الرسالة')).toEqual(['هذه', 'الرساله']);
    expect(wordKeys('آخر أنك إنك')).toEqual(['اخر', 'انك', 'انك']);
    // Presentation forms and ligatures are the letters they stand for; a ligature of words is its words.
    expect(wordKeys('ﻻ')).toEqual(['لا']);
    expect(keysOfWord('ﷺ')).toEqual(['صلي', 'الله', 'عليه', 'وسلم']);
  });

  it('does not read format controls, which a reader does not see', () => {
    expect(wordKeys('un\u00adsub\u200dscribe')).toEqual(['unsubscribe']);
    expect(wordKeys('إلغاء\u200c الاشتراك\u200f')).toEqual(['الغاء', 'الاشتراك']);
  });

  it('gives every word at least one key, whatever it is made of', () => {
    fc.assert(
      fc.property(MIXED, (text) => {
        for (const word of wordsOf(text)) {
          const keys = keysOfWord(word.text);
          expect(keys.length).toBeGreaterThan(0);
          for (const key of keys) expect(key).not.toBe('');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('hashes a plain word in place exactly as its one key is hashed (the gate reads what matching reads)', () => {
    fc.assert(
      fc.property(MIXED, (text) => {
        for (const word of wordsOf(text)) {
          const plain = plainWordHash(text, word.index, word.index + word.text.length);
          if (plain === -1) expect(Array.from(word.text).every((char) => char.charCodeAt(0) < 0x80) && !word.text.includes("'")).toBe(false);
          else expect([plain]).toEqual(keysOfWord(word.text).map(gateHash));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('is the same for a word alone and for the same word cut from a longer text', () => {
    fc.assert(
      fc.property(MIXED, MIXED, MIXED, (before, word, after) => {
        const alone = wordsOf(word).map((found) => [...keysOfWord(found.text)]);
        const inText = wordsOf(`${before} ${word} ${after}`).map((found) => [...keysOfWord(found.text)]);
        expect(JSON.stringify(inText)).toContain(JSON.stringify(alone).slice(1, -1));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formsOf', () => {
  it('reads regular, doubled and irregular English forms, and the base of an inflected word', () => {
    expect([...formsOf('notice')]).toEqual(expect.arrayContaining(['notice', 'noticed', 'notices', 'noticing']));
    expect([...formsOf('shop')]).toEqual(expect.arrayContaining(['shopped', 'shopping']));
    expect([...formsOf('see')]).toEqual(expect.arrayContaining(['saw', 'seen', 'seeing']));
    expect(formsOf('see').has('seed')).toBe(false);
    expect([...formsOf('viewing')]).toEqual(expect.arrayContaining(['view', 'viewed', 'views']));
    expect([...formsOf('browsed')]).toEqual(expect.arrayContaining(['browse', 'browsing']));
    expect([...formsOf('receiving')]).toEqual(expect.arrayContaining(['receive', 'received']));
    expect([...formsOf('getting')]).toEqual(expect.arrayContaining(['get', 'got', 'gotten']));
    expect([...formsOf('are')]).toEqual(expect.arrayContaining(['is', 'were', "'s"]));
    expect([...formsOf('had')]).toEqual(expect.arrayContaining(['have', "'d"]));
    expect([...formsOf("'d")]).toEqual(expect.arrayContaining(['had', 'would']));
  });

  it('reads Arabic clitics, the article (لل with ل) and "your" to several', () => {
    const forms = formsOf(wordKeys('الاشتراك')[0] ?? '');
    for (const written of ['الاشتراك', 'اشتراك', 'والاشتراك', 'بالاشتراك', 'للاشتراك', 'وللاشتراك', 'فالاشتراك', 'كالاشتراك'])
      expect(forms.has(wordKeys(written)[0] ?? '')).toBe(true);
    const cancel = formsOf(wordKeys('إلغاء')[0] ?? '');
    for (const written of ['إلغاء', 'لإلغاء', 'وإلغاء', 'الإلغاء', 'بالإلغاء']) expect(cancel.has(wordKeys(written)[0] ?? '')).toBe(true);
    const that = formsOf(wordKeys('أنك')[0] ?? '');
    for (const written of ['أنك', 'أنكم', 'أنكما', 'أنكن', 'بأنك', 'بأنكم']) expect(that.has(wordKeys(written)[0] ?? '')).toBe(true);
  });
});
