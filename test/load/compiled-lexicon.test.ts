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
