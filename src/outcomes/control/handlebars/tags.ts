import Handlebars from 'handlebars';
import type { TrimMarkers } from '../whitespace-control.js';

/**
 * What a Handlebars tag does, as its opening token says: `{{x}}` and `{{{x}}}` print,
 * `{{#x}}` and `{{^x}}` open a block, `{{else}}` (`{{^}}`) and `{{else if x}}` start a
 * block's other branch, `{{/x}}` closes one; partials, comments and the rest.
 */
export type TagKind = 'print' | 'open-block' | 'open-inverse' | 'else' | 'else-chain' | 'close' | 'partial' | 'comment' | 'other';

/** Handlebars' whitespace control: `{{~` strips the whitespace before a tag, `~}}` the whitespace after it. */
export const HANDLEBARS_TRIM: TrimMarkers = { before: ['{{~'], after: ['~}}'] };

/** A comment for a person, as Handlebars writes one that renders as nothing. */
export function handlebarsComment(message: string): string {
  return `{{!-- creeplint-control: ${message.replaceAll('}}', '} }')} --}}`;
}

/** One `{{…}}` tag: its kind and where it is (offsets in the text, end exclusive). */
export interface Tag {
  kind: TagKind;
  start: number;
  end: number;
}

interface JisonLocation {
  first_line: number;
  first_column: number;
  last_line: number;
  last_column: number;
}

interface JisonLexer {
  setInput(input: string, yy?: object): void;
  lex(): number | string | undefined;
  yylloc: JisonLocation;
}

const OPENERS: Readonly<Record<string, TagKind>> = {
  OPEN: 'print',
  OPEN_UNESCAPED: 'print',
  OPEN_BLOCK: 'open-block',
  OPEN_INVERSE: 'open-inverse',
  OPEN_INVERSE_CHAIN: 'else-chain',
  OPEN_ENDBLOCK: 'close',
  OPEN_PARTIAL: 'partial',
  OPEN_PARTIAL_BLOCK: 'partial',
  OPEN_RAW_BLOCK: 'other',
};
const CLOSERS = new Set(['CLOSE', 'CLOSE_UNESCAPED', 'CLOSE_RAW_BLOCK']);

/**
 * Every tag in a Handlebars text, with Handlebars' own lexer. The parser's tree gives each
 * block its whole range but not where its opening tag, `{{else}}` or closing tag are: the
 * lexer's tokens do. Call it only on text that parsed (the lexer is Handlebars' shared one).
 */
export function handlebarsTags(text: string): Tag[] {
  const parser = (Handlebars as unknown as { Parser: { lexer: JisonLexer; terminals_: Record<number, string> } }).Parser;
  const lexer = parser.lexer;
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const offset = (line: number, column: number): number => (lineStarts[line - 1] ?? 0) + column;
  lexer.setInput(text, {});
  const tags: Tag[] = [];
  let open: { kind: TagKind; start: number } | undefined;
  for (;;) {
    const token = lexer.lex();
    const name = typeof token === 'number' ? parser.terminals_[token] : token;
    if (name === undefined || name === 'EOF') break;
    const { first_line, first_column, last_line, last_column } = lexer.yylloc;
    const start = offset(first_line, first_column);
    const end = offset(last_line, last_column);
    if (name === 'INVERSE') tags.push({ kind: 'else', start, end });
    else if (name === 'COMMENT') tags.push({ kind: 'comment', start, end });
    else if (name === 'END_RAW_BLOCK') tags.push({ kind: 'other', start, end });
    else if (OPENERS[name] !== undefined && open === undefined) open = { kind: OPENERS[name], start };
    else if (CLOSERS.has(name) && open !== undefined) {
      tags.push({ kind: open.kind, start: open.start, end });
      open = undefined;
    }
  }
  return tags;
}
