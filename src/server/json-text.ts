/** Where a JSON text goes wrong, in words that quote nothing from it. */
export interface JsonTextProblem {
  line: number;
  column: number;
  reason: string;
}

type Expecting = 'value' | 'value-or-]' | 'key-or-}' | 'key' | 'colon' | 'after-value';

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(Array.from('"\\/bfnrt', (character) => character.charCodeAt(0)));
const isDigit = (code: number): boolean => code >= 0x30 && code <= 0x39;
const isHex = (code: number): boolean => isDigit(code) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);

/**
 * Check a JSON text's syntax and nesting in one pass, without recursion, before
 * `JSON.parse` builds it and before anything recursive (validation, `JSON.stringify`,
 * `postMessage`) walks it: a 100,000-deep body is refused here instead of overflowing the
 * stack there. Accepts exactly what `JSON.parse` accepts. The reason names the kind of
 * problem and the position, never the text (V8's own messages quote an excerpt).
 */
export function jsonTextProblem(text: string, maxDepth: number): JsonTextProblem | undefined {
  const open: number[] = [];
  let expecting: Expecting = 'value';
  let index = 0;
  const problem = (at: number, reason: string): JsonTextProblem => ({ ...positionOf(text, at), reason });
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (WHITESPACE.has(code)) {
      index += 1;
      continue;
    }
    switch (expecting) {
      case 'colon':
        if (code !== 0x3a) return problem(index, 'expected `:` after a key');
        index += 1;
        expecting = 'value';
        continue;
      case 'after-value': {
        const container = open[open.length - 1];
        if (container === undefined) return problem(index, 'more text after the JSON value');
        if (code === 0x2c) {
          index += 1;
          expecting = container === 0x7b ? 'key' : 'value';
          continue;
        }
        if ((container === 0x7b && code === 0x7d) || (container === 0x5b && code === 0x5d)) {
          open.pop();
          index += 1;
          expecting = 'after-value';
          continue;
        }
        return problem(index, container === 0x7b ? 'expected `,` or `}` after a value in an object' : 'expected `,` or `]` after a value in an array');
      }
      case 'key-or-}':
      case 'key': {
        if (expecting === 'key-or-}' && code === 0x7d) {
          open.pop();
          index += 1;
          expecting = 'after-value';
          continue;
        }
        if (code !== 0x22) return problem(index, 'expected a key in double quotes');
        const end = stringEnd(text, index);
        if (typeof end !== 'number') return problem(end.at, end.reason);
        index = end;
        expecting = 'colon';
        continue;
      }
      case 'value-or-]':
      case 'value': {
        if (expecting === 'value-or-]' && code === 0x5d) {
          open.pop();
          index += 1;
          expecting = 'after-value';
          continue;
        }
        if (code === 0x7b || code === 0x5b) {
          if (open.length >= maxDepth) return problem(index, `objects and arrays nest deeper than ${maxDepth} levels`);
          open.push(code);
          index += 1;
          expecting = code === 0x7b ? 'key-or-}' : 'value-or-]';
          continue;
        }
        const end = code === 0x22 ? stringEnd(text, index) : code === 0x2d || isDigit(code) ? numberEnd(text, index) : literalEnd(text, index);
        if (typeof end !== 'number') return problem(end.at, end.reason);
        index = end;
        expecting = 'after-value';
        continue;
      }
    }
  }
  if (expecting !== 'after-value' || open.length > 0) return problem(text.length, text.trim() === '' ? 'no JSON value' : 'the JSON text ends early');
  return undefined;
}

type End = number | { at: number; reason: string };

/** The index just past a string that starts at `start` (a double quote). */
function stringEnd(text: string, start: number): End {
  let index = start + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return index + 1;
    if (code < 0x20) return { at: index, reason: 'a control character inside a string (escape it)' };
    if (code === 0x5c) {
      const next = text.charCodeAt(index + 1);
      if (next === 0x75) {
        for (let digit = 2; digit < 6; digit += 1) {
          if (!isHex(text.charCodeAt(index + digit))) return { at: index, reason: 'a `\\u` escape without four hex digits' };
        }
        index += 6;
        continue;
      }
      if (!ESCAPES.has(next)) return { at: index, reason: 'an invalid escape in a string' };
      index += 2;
      continue;
    }
    index += 1;
  }
  return { at: start, reason: 'a string that is never closed' };
}

/** The index just past a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
function numberEnd(text: string, start: number): End {
  const malformed = { at: start, reason: 'a malformed number' };
  let index = start;
  if (text.charCodeAt(index) === 0x2d) index += 1;
  if (text.charCodeAt(index) === 0x30) index += 1;
  else if (isDigit(text.charCodeAt(index))) while (isDigit(text.charCodeAt(index))) index += 1;
  else return malformed;
  if (text.charCodeAt(index) === 0x2e) {
    index += 1;
    if (!isDigit(text.charCodeAt(index))) return malformed;
    while (isDigit(text.charCodeAt(index))) index += 1;
  }
  if (text.charCodeAt(index) === 0x65 || text.charCodeAt(index) === 0x45) {
    index += 1;
    if (text.charCodeAt(index) === 0x2b || text.charCodeAt(index) === 0x2d) index += 1;
    if (!isDigit(text.charCodeAt(index))) return malformed;
    while (isDigit(text.charCodeAt(index))) index += 1;
  }
  return index;
}

function literalEnd(text: string, start: number): End {
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, start)) return start + literal.length;
  return { at: start, reason: 'unexpected character (expected a value: an object, array, string, number, true, false or null)' };
}

/** A 1-based line and column (in UTF-16 code units, as editors count) of an offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
