import fc from 'fast-check';
import { formsOf } from '../../src/copy/forms.js';

/**
 * A lexicon phrase as people write it: in English in any case, with any apostrophe, with
 * contractions, with another form of a word; in Arabic with harakat, tatweel, hamza on
 * alef, taa marbuta, alef maqsura, a clitic on the first word, an invisible joiner.
 * Every written form must still match the phrase (test/copy/phrases.test.ts), and the
 * differential tests put them in recipients' values.
 */
export function writtenForms(phrase: string): fc.Arbitrary<string> {
  return /\p{Script=Arabic}/u.test(phrase) ? arabic(phrase) : english(phrase);
}

const CONTRACTIONS: readonly (readonly [RegExp, string])[] = [
  [/\byou are\b/u, "you're"],
  [/\bwe are\b/u, "we're"],
  [/\bwe have\b/u, "we've"],
  [/\byou have\b/u, "you've"],
  [/\bi am\b/u, "I'm"],
  [/\bdo not\b/u, "don't"],
  [/\bit is\b/u, "it's"],
];

function english(phrase: string): fc.Arbitrary<string> {
  const words = phrase.split(' ');
  return fc
    .record({
      contract: fc.boolean(),
      apostrophe: fc.constantFrom("'", '’', 'ʼ'),
      letters: fc.constantFrom('lower', 'upper', 'title', 'first'),
      inflect: fc.nat(words.length * 3),
      form: fc.nat(),
    })
    .map(({ contract, apostrophe, letters, inflect, form }) => {
      let text = phrase;
      // Another form of one word: "we noticed you" may be written "we notice you".
      const word = words[inflect];
      if (word !== undefined && /^[a-z]{4,}$/u.test(word)) {
        const forms = [...formsOf(word)].filter((candidate) => /^[a-z]+$/u.test(candidate));
        const other = forms[form % forms.length];
        if (other) text = [...words.slice(0, inflect), other, ...words.slice(inflect + 1)].join(' ');
      }
      if (contract) for (const [long, short] of CONTRACTIONS) text = text.replace(long, short);
      text = text.replaceAll("'", apostrophe);
      if (letters === 'upper') return text.toUpperCase();
      if (letters === 'title') return text.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => `${space}${letter.toUpperCase()}`);
      if (letters === 'first') return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
      return text;
    });
}

const HARAKAT = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b', '\u064c', '\u064d'];
const CLITICS = ['', '', 'و', 'ف', 'ب', 'ك', 'ل', 'وب', 'ول'];

function arabic(phrase: string): fc.Arbitrary<string> {
  const words = phrase.split(' ');
  const perWord = fc.record({
    harakat: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HARAKAT)), { maxLength: 3 }),
    tatweel: fc.option(fc.nat(), { freq: 3 }),
    hamza: fc.constantFrom('', 'أ', 'إ', 'آ'),
    ending: fc.boolean(),
    joiner: fc.option(fc.nat(), { freq: 6 }),
  });
  return fc.tuple(fc.array(perWord, { minLength: words.length, maxLength: words.length }), fc.constantFrom(...CLITICS)).map(([changes, clitic]) =>
    words
      .map((word, index) => {
        const change = changes[index];
        if (!change) return word;
        // A clitic on the first word (ل with the article is written لل), then what writers vary.
        let written = index === 0 && clitic !== '' ? (clitic.endsWith('ل') && word.startsWith('ال') ? `${clitic}ل${word.slice(2)}` : `${clitic}${word}`) : word;
        // Hamza on a word-initial alef (not the article's), or none: writers differ.
        if (change.hamza !== '' && /^[اأإآ]/u.test(written) && !written.startsWith('ال')) written = `${change.hamza}${written.slice(1)}`;
        // Taa marbuta for haa and alef maqsura for yaa at the end, as a writer may have it either way.
        if (change.ending) written = written.replace(/ه$/u, 'ة').replace(/ي$/u, 'ى');
        const letters = Array.from(written);
        for (const [at, mark] of change.harakat) {
          const position = at % letters.length;
          letters[position] = `${letters[position] ?? ''}${mark}`;
        }
        if (change.tatweel !== null && letters.length > 1) {
          const position = change.tatweel % (letters.length - 1);
          letters[position] = `${letters[position] ?? ''}\u0640`;
        }
        if (change.joiner !== null && letters.length > 1) {
          const position = change.joiner % (letters.length - 1);
          letters[position] = `${letters[position] ?? ''}\u200c`;
        }
        return letters.join('');
      })
      .join(' '),
  );
}
