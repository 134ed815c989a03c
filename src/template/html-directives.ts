import { Parser } from 'htmlparser2';
import { parseDirective, type Directive } from './directives.js';
import type { SourceText } from './source.js';
import { positionAt } from './text-offsets.js';

/** A stretch of a template's text that its language prints as written (literal HTML), as offsets `[start, end)`. */
export interface LiteralSpan {
  start: number;
  end: number;
}

/**
 * `creeplint-disable…` directives written as HTML comments in an HTML or MJML template:
 * `<!-- creeplint-disable-next-line rule -- reason -->`, `<!-- creeplint-disable rule -- reason -->`,
 * `<!-- creeplint-enable rule -->`; read exactly as the language's own comments are.
 *
 * htmlparser2 (cheerio's parser) reads the text with every template tag blanked out (its
 * language's parser says where the literal text is; offsets unchanged), so HTML context is
 * kept (no comment inside `<script>`, `<title>` or an attribute value) and a `<!--` written
 * in a template comment or expression is never taken for HTML. A comment that holds
 * template code is output the template makes, not a directive.
 */
export function htmlCommentDirectives(source: SourceText, file: string, literals: readonly LiteralSpan[]): Directive[] {
  const { text } = source;
  const masked = maskOutside(text, literals);
  const directives: Directive[] = [];
  const parser = new Parser({
    oncomment(data) {
      const start = parser.startIndex;
      const end = parser.endIndex + 1;
      if (masked.slice(start, end) !== text.slice(start, end)) return;
      const directive = parseDirective(data, { file, start: positionAt(source, start), end: positionAt(source, end) });
      if (directive) directives.push(directive);
    },
  });
  parser.end(masked);
  return directives;
}

/** The text with everything outside the literal spans replaced by spaces, same length. */
function maskOutside(text: string, literals: readonly LiteralSpan[]): string {
  const pieces: string[] = [];
  let cursor = 0;
  for (const span of [...literals].sort((a, b) => a.start - b.start)) {
    const start = Math.max(span.start, cursor);
    const end = Math.min(Math.max(span.end, start), text.length);
    pieces.push(' '.repeat(start - cursor), text.slice(start, end));
    cursor = end;
  }
  pieces.push(' '.repeat(text.length - cursor));
  return pieces.join('');
}
