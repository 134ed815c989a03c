import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonTextProblem } from '../../src/server/json-text.js';

const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('jsonTextProblem: JSON syntax and depth, checked without recursion', () => {
  it('accepts exactly what JSON.parse accepts', () => {
    // Valid JSON, and JSON with one character inserted, replaced or removed.
    const nearJson = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('insert', 'replace', 'remove', 'keep'), fc.constantFrom(...Array.from('{}[]",:\\-+.eE0 1\n\u0001\u00a0tfnu')))
      .map(([text, at, edit, character]) => {
        const index = text.length === 0 ? 0 : at % text.length;
        if (edit === 'insert') return text.slice(0, index) + character + text.slice(index);
        if (edit === 'replace') return text.slice(0, index) + character + text.slice(index + 1);
        if (edit === 'remove') return text.slice(0, index) + text.slice(index + 1);
        return text;
      });
    fc.assert(
      fc.property(fc.oneof(nearJson, fc.string()), (text) => {
        expect(jsonTextProblem(text, Number.POSITIVE_INFINITY) === undefined, text).toBe(parses(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('says where, in words that quote nothing', () => {
    expect(jsonTextProblem('{"name": secret-value}', 64)).toEqual({
      line: 1,
      column: 10,
      reason: 'unexpected character (expected a value: an object, array, string, number, true, false or null)',
    });
    expect(jsonTextProblem('{\n  "a": 1,\n  "b" 2\n}', 64)).toEqual({ line: 3, column: 7, reason: 'expected `:` after a key' });
    expect(jsonTextProblem('{"a": "open', 64)).toEqual({ line: 1, column: 7, reason: 'a string that is never closed' });
    expect(jsonTextProblem('{"a": 1', 64)).toEqual({ line: 1, column: 8, reason: 'the JSON text ends early' });
    expect(jsonTextProblem(' \n ', 64)).toEqual({ line: 2, column: 2, reason: 'no JSON value' });
    expect(jsonTextProblem('{"a": 1} {}', 64)).toEqual({ line: 1, column: 10, reason: 'more text after the JSON value' });
    expect(jsonTextProblem('"tab\there"', 64)).toEqual({ line: 1, column: 5, reason: 'a control character inside a string (escape it)' });
    expect(jsonTextProblem('["\\x"]', 64)).toEqual({ line: 1, column: 3, reason: 'an invalid escape in a string' });
    expect(jsonTextProblem('[01]', 64)).toEqual({ line: 1, column: 3, reason: 'expected `,` or `]` after a value in an array' });
  });

  it('refuses nesting past the limit at the bracket that passes it, even 100,000 deep', () => {
    expect(jsonTextProblem('[[[]]]', 3)).toBeUndefined();
    expect(jsonTextProblem('[[[[]]]]', 3)).toEqual({ line: 1, column: 4, reason: 'objects and arrays nest deeper than 3 levels' });
    const deep = `${'{"a":['.repeat(50_000)}${']}'.repeat(50_000)}`;
    expect(jsonTextProblem(deep, 64)?.reason).toBe('objects and arrays nest deeper than 64 levels');
    expect(jsonTextProblem(deep, Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});
