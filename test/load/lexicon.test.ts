import { describe, expect, it } from 'vitest';
import { BUILT_IN_LEXICONS, builtInLexicon, lexiconEntry, parseLexicon } from '../../src/load/lexicon.js';
import { LEXICON_KINDS } from '../../src/model/lexicon.js';
import { check } from '../support.js';

describe('the built-in lexicons', () => {
  it('are English and Arabic, each with every kind, and every entry has a note and a source', () => {
    expect(BUILT_IN_LEXICONS).toEqual(['lexicon/en.yaml', 'lexicon/ar.yaml']);
    const lexicon = builtInLexicon();
    for (const language of ['en', 'ar']) {
      const entries = lexicon.filter((entry) => entry.language === language);
      expect(new Set(entries.map((entry) => entry.kind))).toEqual(new Set(LEXICON_KINDS));
      for (const entry of entries) {
        expect(entry.note.length).toBeGreaterThan(20);
        expect(entry.source.length).toBeGreaterThan(5);
      }
    }
  });

  it('write each phrase once: no two phrases of an entry read as the same words', async () => {
    const { wordKeys } = await import('../../src/copy/word-keys.js');
    for (const entry of builtInLexicon()) {
      const keys = entry.phrases.map((phrase) => wordKeys(phrase).join(' '));
      expect(
        keys.filter((key, index) => keys.indexOf(key) !== index),
        entry.phrases[0],
      ).toEqual([]);
    }
  });
});

describe('lexicon entries from a configuration', () => {
  const base = { kind: 'surveillance', suggestion: 'x', note: 'why', source: 'where' };

  it('carry the language they are given, else the one their script says', () => {
    expect(lexiconEntry({ ...base, phrases: ['wir haben bemerkt'], language: 'de' }, { file: 'c.yaml' }).language).toBe('de');
    expect(lexiconEntry({ ...base, phrases: ['شفنا إنك'] }, { file: 'c.yaml' }).language).toBe('ar');
    expect(lexiconEntry({ ...base, phrases: ['we clocked you'] }, { file: 'c.yaml' }).language).toBe('en');
    expect(parseLexicon('language: ar-SA\nentries:\n  - { kind: unsubscribe, phrases: ["وقف"], suggestion: x, note: y, source: z }\n', 'l.yaml')[0]?.language).toBe('ar-SA');
  });

  it('refuse a language that is not a BCP 47 tag, at the entry', () => {
    expect(() => lexiconEntry({ ...base, phrases: ['x'], language: 'Arabic!' }, { file: 'c.yaml', position: { line: 4, column: 5 } })).toThrow(/BCP 47/u);
    expect(() => parseLexicon('language: 7\nentries: []\n', 'l.yaml')).toThrow(/BCP 47/u);
  });

  it('apply to every email, beside both built-in lexicons, with the same reading of words', async () => {
    const entry = lexiconEntry({ ...base, phrases: ['شفنا إنك'] }, { file: 'c.yaml' });
    const result = await check('---\npurpose: [marketing, personalisation]\n---\n<p>وشفنا إنكِ تحب الجري. We noticed you’re back.</p>', { settings: { lexicon: [entry] } });
    expect(result.findings.filter((finding) => finding.ruleId === 'no-surveillance-phrasing').map((finding) => finding.message)).toEqual([
      '"شفنا إنك" tells the reader they were watched',
      '"we noticed you" tells the reader they were watched',
    ]);
  });
});
