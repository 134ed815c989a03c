import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBuiltInLexicon, type CompiledLexicon } from '../../src/load/lexicon.js';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the built-in lexicons as the build compiles them', () => {
  it('are what the sources compile now: the same entries, phrase gate and digest (the test setup builds when stale)', () => {
    const built = JSON.parse(readFileSync(resolve(ROOT, 'dist/load/built-in-lexicon.json'), 'utf8')) as CompiledLexicon;
    expect(built).toEqual(JSON.parse(JSON.stringify(compileBuiltInLexicon())));
  });
});

describe('phrase keys the build worked out', () => {
  it('are the keys a run works out itself, for every built-in phrase and for hostile ones', async () => {
    const { wordKeys } = await import('../../src/copy/word-keys.js');
    const { phraseKeys, rememberPhraseKeys } = await import('../../src/copy/phrases.js');
    const built = JSON.parse(readFileSync(resolve(ROOT, 'dist/load/built-in-lexicon.json'), 'utf8')) as CompiledLexicon;
    expect(built.keys.length).toBeGreaterThan(100);
    for (const [phrase, keys] of built.keys) expect(keys, phrase).toEqual(wordKeys(phrase));
    rememberPhraseKeys(built.keys);
    // A phrase the build never saw is worked out on the spot.
    for (const phrase of ['__proto__', 'We noticed you’ve', 'لاحظنا أنك', 'constructor toString']) expect(phraseKeys(phrase)).toEqual(wordKeys(phrase));
  });
});
