import type { TextEdit } from '../text-edits.js';

const WHITESPACE = /[ \t\r\n]/u;

/**
 * Handlebars' whitespace control (`{{~` and `~}}`) strips the whitespace beside a tag.
 * When an edit takes such a tag away, it takes that whitespace too, so the twin renders
 * its text as the template did: `Hi {{~#if a}} x{{/if}}` keeps no space the `~` removed.
 */
export function withWhitespaceControl(text: string, edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((edit) => {
    let { start, end } = edit;
    if (text.startsWith('{{~', start)) while (start > 0 && WHITESPACE.test(text[start - 1] ?? '')) start -= 1;
    if (end >= 3 && text.slice(end - 3, end) === '~}}') while (end < text.length && WHITESPACE.test(text[end] ?? '')) end += 1;
    return start === edit.start && end === edit.end ? edit : { ...edit, start, end };
  });
}
