import type { TextEdit } from '../text-edits.js';

const WHITESPACE = /[ \t\r\n]/u;

/**
 * Handlebars' whitespace control (`{{~` and `~}}`) strips the whitespace beside a tag.
 * When an edit takes such a tag away, it takes that whitespace too, so the twin renders
 * its text as the template did: `Hi {{~#if a}} x{{/if}}` keeps no space the `~` removed.
 * An edit never reaches into the next one's text, so two edits never overlap.
 */
export function withWhitespaceControl(text: string, edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let reached = 0;
  return sorted.map((edit, index) => {
    if (edit.start === edit.end) {
      reached = Math.max(reached, edit.end);
      return edit;
    }
    const next = sorted.slice(index + 1).find((other) => other.start >= edit.end);
    const limit = next ? next.start : text.length;
    let { start, end } = edit;
    if (text.startsWith('{{~', start)) while (start > reached && WHITESPACE.test(text[start - 1] ?? '')) start -= 1;
    if (end >= 3 && text.slice(end - 3, end) === '~}}') while (end < limit && WHITESPACE.test(text[end] ?? '')) end += 1;
    reached = Math.max(reached, end);
    return start === edit.start && end === edit.end ? edit : { ...edit, start, end };
  });
}
