import type { TextEdit } from './text-edits.js';

const WHITESPACE = /[ \t\r\n]/u;

/** How a language's tags say they strip the whitespace beside them: Handlebars' `{{~`/`~}}`, Liquid's `{%-`/`-%}` and `{{-`/`-}}`. */
export interface TrimMarkers {
  /** Tags starting with one of these strip the whitespace before them. */
  before: readonly string[];
  /** Tags ending with one of these strip the whitespace after them. */
  after: readonly string[];
}

/**
 * A tag with whitespace control strips the whitespace beside it. When an edit takes such a
 * tag away, it takes that whitespace too, so the twin renders its text as the template
 * did: `Hi {{~#if a}} x{{/if}}` keeps no space the `~` removed. An edit never reaches into
 * the next one's text, so two edits never overlap.
 */
export function withWhitespaceControl(text: string, edits: readonly TextEdit[], markers: TrimMarkers): TextEdit[] {
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
    if (markers.before.some((marker) => text.startsWith(marker, start))) while (start > reached && WHITESPACE.test(text[start - 1] ?? '')) start -= 1;
    if (markers.after.some((marker) => text.slice(0, end).endsWith(marker))) while (end < limit && WHITESPACE.test(text[end] ?? '')) end += 1;
    reached = Math.max(reached, end);
    return start === edit.start && end === edit.end ? edit : { ...edit, start, end };
  });
}
