import Handlebars from 'handlebars';
import type { Position } from '../../model/location.js';
import type { Section } from '../../model/vocabulary.js';
import { sectionTexts, type SourceText, type TemplateKind, type TemplateSource } from '../source.js';

export type Program = hbs.AST.Program;

export type ParseOutcome = { ok: true; program: Program } | { ok: false; message: string; position: Position };

/**
 * Parse with Handlebars' own parser. Handlebars counts lines from 1 and columns from 0
 * inside the text it was given; `toFilePosition` turns that into the file's 1-based
 * position once, here, so nothing downstream converts again.
 */
export function parseHandlebars(source: SourceText): ParseOutcome {
  try {
    // Whitespace control is left to compile(), which applies it to the program it is given.
    return { ok: true, program: Handlebars.parseWithoutProcessing(source.text) };
  } catch (error) {
    return { ok: false, ...describeParseError(error, source) };
  }
}

export function toFilePosition(source: SourceText, position: hbs.AST.Position): Position {
  if (position.line <= 1) return { line: source.origin.line, column: source.origin.column + position.column };
  return { line: source.origin.line + position.line - 1, column: position.column + 1 };
}

interface JisonLocation {
  first_line: number;
  first_column: number;
}

function describeParseError(error: unknown, source: SourceText): { message: string; position: Position } {
  const raw = error instanceof Error ? error.message : String(error);
  const exception = error as { lineNumber?: number; column?: number };
  if (typeof exception.lineNumber === 'number') {
    // Handlebars' own exceptions ("each doesn't match with") carry the position.
    const message = raw.replace(/ - \d+:\d+$/u, '');
    return { message, position: toFilePosition(source, { line: exception.lineNumber, column: exception.column ?? 0 }) };
  }
  // Jison's errors only say the line; the lexer still holds the offending token's location.
  const lexer = (Handlebars as unknown as { Parser: { lexer?: { yylloc?: JisonLocation } } }).Parser.lexer;
  const location = lexer?.yylloc;
  const position = location ? toFilePosition(source, { line: location.first_line, column: location.first_column }) : source.origin;
  return { message: summariseJisonMessage(raw), position };
}

/** "Parse error on line 3: <excerpt> Expecting 'X', got 'EOF'" → "expected X, got end of file". */
function summariseJisonMessage(message: string): string {
  const lines = message.split('\n');
  const expecting = lines.find((line) => line.startsWith('Expecting '));
  if (!expecting) return lines[0] ?? message;
  const [expectedPart, gotPart] = expecting.slice('Expecting '.length).split(', got ');
  const expected = (expectedPart ?? '').split(', ').map((token) => describeToken(token.replace(/'/gu, '')));
  const got = describeToken((gotPart ?? '').replace(/'/gu, ''));
  return `unexpected ${got}; expected ${[...new Set(expected)].join(', ')}`;
}

const TOKEN_WORDS: Readonly<Record<string, string>> = {
  EOF: 'end of file',
  OPEN_ENDBLOCK: 'a closing {{/block}}',
  OPEN_INVERSE_CHAIN: '{{else}}',
  INVERSE: '{{else}}',
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  CLOSE_RAW_BLOCK: '}}}}',
  OPEN_SEXPR: '(',
  CLOSE_SEXPR: ')',
  ID: 'a name',
  STRING: 'a string',
  NUMBER: 'a number',
  BOOLEAN: 'true or false',
  UNDEFINED: 'undefined',
  NULL: 'null',
  DATA: 'an @variable',
  INVALID: 'an invalid character',
  EQUALS: '=',
  SEP: 'a path separator',
  OPEN_BLOCK_PARAMS: 'as |',
  CLOSE_BLOCK_PARAMS: '|',
};

function describeToken(token: string): string {
  return TOKEN_WORDS[token] ?? token;
}

/** One text of a template (the subject, the preheader, a header, the body) and what its parse gave. */
export interface ParsedSection {
  section: Section;
  /** The body is read as the template's kind; every other section is text. */
  kind: TemplateKind;
  source: SourceText;
  parsed: ParseOutcome;
}

/** Parse each text the template has, in the order the template is read. */
export function parseSections(template: TemplateSource): ParsedSection[] {
  return sectionTexts(template).flatMap(([section, source]): ParsedSection[] =>
    source ? [{ section, kind: section === 'body' ? template.kind : 'text', source, parsed: parseHandlebars(source) }] : [],
  );
}
