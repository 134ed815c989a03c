import type { Position } from '../model/location.js';

/** Why a JSON text does not parse, in JSON.parse's own words, and where (a character offset). */
export interface JsonSyntaxError {
  offset: number;
  reason: string;
}

/**
 * JSON.parse, with a failure told without quoting the text. V8 quotes an excerpt of the
 * input in some messages (`Unexpected token 'L', "{"name": Layla}" is not valid JSON`),
 * and the input is a customer's profile: the reason keeps V8's words, drops the excerpt
 * and the offending character, and the offset is V8's (or, when V8 gives none, the first
 * character a JSON grammar rejects).
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | ({ ok: false } & JsonSyntaxError) {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = / at position (\d+)/u.exec(message);
    return { ok: false, offset: at ? Number(at[1]) : Math.max(0, firstSyntaxError(text)), reason: reasonOf(message) };
  }
}

/**
 * `positionAt` for many offsets of one text: the line starts are found once, and each
 * offset's line by binary search.
 */
export function linePositions(text: string): (offset: number) => Position {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return (offset) => {
    const end = Math.min(offset, text.length);
    // The last line start at or before `end`, counting a newline only when it lies before `end` (as positionAt does).
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((lineStarts[middle] as number) <= end) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: end - (lineStarts[low] as number) + 1 };
  };
}

/** 1-based line and column of a character offset (lines end at `\n`, so CRLF counts once). */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let index = text.indexOf('\n'); index !== -1 && index < end; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: end - lineStart + 1 };
}

function reasonOf(message: string): string {
  // "… in JSON at position 12" and, in newer V8, "(line 1 column 13)" are given as a position instead.
  const reason = message.replace(/( in JSON)? at position \d+.*$/su, '').replace(/\s*\(line \d+ column \d+\)$/u, '');
  // "Unexpected token 'x', "…" is not valid JSON": the token and the excerpt are the customer's text.
  if (reason.startsWith('Unexpected token')) return 'Unexpected token';
  // Any other quoted text, in some other V8's wording, is left out the same way.
  return reason === '' || ['"', '\n', '\r', '\0'].some((char) => reason.includes(char)) ? 'not valid JSON' : reason;
}

/** What the grammar accepts next. */
type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after-value';

/**
 * The offset of the first character that makes `text` invalid JSON (RFC 8259), its
 * length when the text ends too soon, or -1 when it is valid. Iterative, so nesting
 * depth costs no stack.
 */
export function firstSyntaxError(text: string): number {
  const containers: ('{' | '[')[] = [];
  let index = 0;
  let expect: Expect = 'value';
  for (;;) {
    while (index < text.length && isSpace(text.charCodeAt(index))) index += 1;
    if (index >= text.length) return expect === 'after-value' && containers.length === 0 ? -1 : text.length;
    const char = text[index];
    switch (expect) {
      case 'value':
      case 'value-or-close': {
        if (expect === 'value-or-close' && char === ']') {
          containers.pop();
          index += 1;
          expect = 'after-value';
        } else if (char === '{') {
          containers.push('{');
          index += 1;
          expect = 'key-or-close';
        } else if (char === '[') {
          containers.push('[');
          index += 1;
          expect = 'value-or-close';
        } else {
          const end = scalarEnd(text, index);
          if (end < 0) return -end - 1;
          index = end;
          expect = 'after-value';
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (expect === 'key-or-close' && char === '}') {
          containers.pop();
          index += 1;
          expect = 'after-value';
          break;
        }
        if (char !== '"') return index;
        const end = stringEnd(text, index);
        if (end < 0) return -end - 1;
        index = end;
        while (index < text.length && isSpace(text.charCodeAt(index))) index += 1;
        if (text[index] !== ':') return index;
        index += 1;
        expect = 'value';
        break;
      }
      case 'after-value': {
        const open = containers[containers.length - 1];
        if (open === undefined) return index;
        if (char === ',') expect = open === '{' ? 'key' : 'value';
        else if (char === (open === '{' ? '}' : ']')) containers.pop();
        else return index;
        index += 1;
        break;
      }
    }
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The end of a string, number or literal starting at `start`, or -(offset of the error) - 1. */
function scalarEnd(text: string, start: number): number {
  const char = text[start];
  if (char === '"') return stringEnd(text, start);
  if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return numberEnd(text, start);
  for (const literal of ['true', 'false', 'null']) {
    if (literal[0] !== char) continue;
    for (let offset = 1; offset < literal.length; offset += 1) {
      if (text[start + offset] !== literal[offset]) return -(start + offset) - 1;
    }
    return start + literal.length;
  }
  return -start - 1;
}

function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x22) return index + 1;
    if (code < 0x20) return -index - 1;
    if (code !== 0x5c) continue;
    const escape = text[index + 1];
    if (escape === 'u') {
      for (let digit = 2; digit < 6; digit += 1) {
        if (!/^[0-9a-fA-F]$/u.test(text[index + digit] ?? '')) return -(index + digit) - 1;
      }
      index += 5;
    } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
      index += 1;
    } else {
      return -(index + 1) - 1;
    }
  }
  return -text.length - 1;
}

function numberEnd(text: string, start: number): number {
  let index = start;
  const digits = (): number => {
    const from = index;
    for (let code = text.charCodeAt(index); code >= 0x30 && code <= 0x39; code = text.charCodeAt(index)) index += 1;
    return index - from;
  };
  if (text[index] === '-') index += 1;
  if (text[index] === '0') index += 1;
  else if (digits() === 0) return -index - 1;
  if (text[index] === '.') {
    index += 1;
    if (digits() === 0) return -index - 1;
  }
  if (text[index] === 'e' || text[index] === 'E') {
    index += 1;
    if (text[index] === '+' || text[index] === '-') index += 1;
    if (digits() === 0) return -index - 1;
  }
  return index;
}
