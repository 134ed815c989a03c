import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank } from '../../src/template/trace-recorder.js';

describe('isBlank', () => {
  it('calls a value blank exactly when trimming it leaves nothing, for every character', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const text = String.fromCharCode(code);
      expect(isBlank(text), `U+${code.toString(16)}`).toBe(text.trim() === '');
    }
  });

  it('agrees with trim on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\u00a0', '\u3000', 'a', '\u0085', '\ufeff', '\u200b') }), (text) => {
        expect(isBlank(text)).toBe(text.trim() === '');
      }),
    );
  });
});
