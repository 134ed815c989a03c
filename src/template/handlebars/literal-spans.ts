import Handlebars from 'handlebars';
import type { LiteralSpan } from '../html-directives.js';
import type { SourceText } from '../source.js';
import { offsetAt } from '../text-offsets.js';
import type { Program } from './parse.js';

/**
 * Where a Handlebars text is printed as written: its content statements (in every block,
 * raw block and inline partial), as offsets into the text. Everything else is Handlebars:
 * mustaches, blocks, comments, the `\` before an escaped `{{`. Read from the program as
 * parsed, before the analysis instruments it.
 */
export function literalSpans(program: Program, source: SourceText): LiteralSpan[] {
  const spans: LiteralSpan[] = [];
  const visitor = new Handlebars.Visitor();
  visitor.ContentStatement = (node: hbs.AST.ContentStatement): void => {
    const { start, end } = node.loc;
    spans.push({ start: offsetAt(source, start.line, start.column), end: offsetAt(source, end.line, end.column) });
  };
  visitor.accept(program);
  return spans;
}
