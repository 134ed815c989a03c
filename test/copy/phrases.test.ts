import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPhrasePair, matchEveryKind, matchPhrases, mentions, phraseGate } from '../../src/copy/phrases.js';
import { gateHash, wordKeys } from '../../src/copy/word-keys.js';
import { builtInLexicon } from '../../src/load/lexicon.js';
import type { LexiconEntry, LexiconKind } from '../../src/model/lexicon.js';
import { writtenForms } from './written-forms.js';

const LEXICON = builtInLexicon();
const PHRASES = LEXICON.flatMap((entry) => entry.phrases.map((phrase) => ({ entry, phrase })));

function found(text: string): string[] {
  return [...matchEveryKind(wordKeys(text), LEXICON).values()].flat().map((match) => match.phrase);
}

describe('phrases in the words people write', () => {
  it.each([
    ["We noticed you've been eyeing the boots", 'we noticed you'],
    ['WE NOTICED YOU’RE BACK', 'we noticed you'],
    ["We've seen that you like hiking", 'we have seen that you'],
    ['weʼve noticed that you like', 'we have noticed that you'],
    ["We'd noticed you", 'we have noticed you'],
    ["You've been browsing our sale", 'you have been browsing'],
    ['You browsed these last week', 'you browsed'],
    ['Because you viewed the tent', 'because you viewed'],
    ['You’re getting this email because you signed up', 'you are getting this email because'],
    ["You're receiving this because you opted in", 'you are receiving this because'],
    ['Why am I getting this?', 'why am i getting this'],
    ['Why did I get this email?', 'why did i get this'],
    ["You're on this list because you bought from us", 'you are on this list because'],
    ['You signed up for tips', 'you signed up for'],
    ['Were you pregnant?', ''],
    ['you were pregnant', 'you are pregnant'],
    ['Unsubscribed? Resubscribe', 'unsubscribe'],
    ['لاحظنا أنكَ شاهدتَ مؤخراً حذاء الجري', 'لاحظنا أنك'],
    ['وبناءً على تصفحكم', 'بناءً على تصفحك'],
    ['بـنـاءً عـلى تـصـفـحـك', 'بناءً على تصفحك'],
    ['لإلغاء الإشتراك اضغط هنا', 'إلغاء الاشتراك'],
    ['لماذا تصلُكِ هذه الرسالةُ؟', 'لماذا تصلك هذه الرسالة'],
    ['تصلك هذه الرسالة لأنك مشترك في النشرة', 'تصلك هذه الرسالة لأنك'],
    ['مازلت تفكر في الخيمة؟', 'مازلت تفكر في'],
    ['نصائح خلال حملكِ', 'خلال حملك'],
    ['Hi Layla, لاحظنا بأنك تحب الجري. Unsubscribe', 'لاحظنا أنك'],
    ['Hi Layla, لاحظنا بأنك تحب الجري. Unsubscribe', 'unsubscribe'],
  ])('%s → %s', (text, phrase) => {
    if (phrase === '') expect(found(text).filter((name) => name === 'you are pregnant')).toEqual([]);
    else expect(found(text)).toContain(phrase);
  });

  it('does not read what only looks like a phrase', () => {
    expect(found('We noticed a problem with your payment')).toEqual([]);
    expect(found('حامل البطاقة')).toEqual([]);
    expect(found('we notice-board you')).toEqual([]);
  });

  it('finds every lexicon phrase however it is written: case, apostrophes, contractions, harakat, tatweel, hamza, clitics (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PHRASES).chain(({ entry, phrase }) => writtenForms(phrase).map((text) => ({ entry, phrase, text }))),
        ({ entry, phrase, text }) => {
          const matches = matchPhrases(wordKeys(text), LEXICON, entry.kind);
          expect(
            matches.some((match) => match.entry === entry),
            `${phrase} written as ${text}`,
          ).toBe(true);
        },
      ),
      { numRuns: 4000 },
    );
  });
});

/** The gate's promise: a text whose keys pass it nowhere holds no phrase. */
function gateMisses(keys: readonly string[], lexicon: readonly LexiconEntry[]): string[] {
  const gate = phraseGate(lexicon);
  const misses: string[] = [];
  for (const [kind, list] of matchEveryKind(keys, lexicon)) {
    for (const match of list) {
      const hashes = keys.slice(match.start, match.end).map(gateHash);
      if (hashes.length === 1 && !gate.singles.has(hashes[0] as number)) misses.push(`${kind}: ${match.phrase} as a single`);
      for (let index = 0; index + 1 < hashes.length; index += 1) {
        if (!isPhrasePair(gate, hashes[index] as number, hashes[index + 1] as number)) misses.push(`${kind}: ${match.phrase} at ${index}`);
      }
    }
  }
  return misses;
}

describe('the phrase gate', () => {
  const text = fc
    .array(
      fc.oneof(
        fc.constantFrom(...PHRASES).chain(({ phrase }) => writtenForms(phrase)),
        fc.constantFrom('the', 'boots', "you've", 'we’d', "it's", 'Layla', 'و', 'ال', 'مرحبا', 'بـ', 'لـ', 'ـ', '\u064e', '٣', 'هنا'),
        fc.string({ maxLength: 6 }),
      ),
      { maxLength: 6 },
    )
    .map((parts) => parts.join(' '));

  it('knows every key pair of every match, however the words are written (property)', () => {
    fc.assert(
      fc.property(text, (sample) => {
        expect(gateMisses(wordKeys(sample), LEXICON)).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('never keeps a link from being read as a control link (property)', () => {
    const kinds: LexiconKind[] = ['unsubscribe', 'preferences', 'surveillance', 'transparency', 'sensitive'];
    fc.assert(
      fc.property(text, fc.constantFrom(...kinds), (sample, kind) => {
        expect(mentions(sample, LEXICON, kind)).toBe(matchPhrases(wordKeys(sample), LEXICON, kind).length > 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('stays small: Arabic clitics do not multiply its pairs', () => {
    const gate = phraseGate(LEXICON);
    const pairs = [...gate.pairs.values()].reduce((sum, set) => sum + set.size, 0);
    expect(pairs).toBeLessThan(60_000);
  });
});
