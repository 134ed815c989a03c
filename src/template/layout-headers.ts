import type { Placements, TextParts } from './layout-html.js';
import { splitMarkedText, type MarkedSegment } from './markers.js';

/** A header the front matter declares, as sent: its name, its value, and the URLs it gives in angle brackets (RFC 2369). */
export interface LayoutHeader {
  name: string;
  value: TextParts;
  urls: TextParts[];
}

/**
 * The headers section (`Name: value` per line, as the template languages render it)
 * read into headers, and where each value in them lands: inside `<…>` it is part of a
 * URL (`link-url`: List-Unsubscribe's addresses go to mail servers and their logs),
 * elsewhere it is `hidden` (not shown, but sent). A value is one piece wherever it is:
 * a line break or a bracket inside a value never splits a header or a URL, so a
 * recipient's value cannot change the layout.
 */
export function analyseHeaders(text: string | undefined, placements: Placements): LayoutHeader[] {
  if (text === undefined) return [];
  const headers: LayoutHeader[] = [];
  for (const line of lines(splitMarkedText(text))) {
    const first = line[0];
    if (first?.kind !== 'text') continue;
    const colon = first.text.indexOf(':');
    if (colon <= 0) continue;
    const name = first.text.slice(0, colon).trim();
    const rest = first.text.slice(colon + 1).replace(/^ /u, '');
    const value: MarkedSegment[] = rest === '' ? [] : [{ kind: 'text', text: rest }];
    value.push(...line.slice(1));
    headers.push({ name, value, urls: bracketed(value, placements) });
  }
  return headers;
}

/** The segments split at line breaks in the template's own text. */
function lines(segments: readonly MarkedSegment[]): MarkedSegment[][] {
  const result: MarkedSegment[][] = [[]];
  for (const segment of segments) {
    if (segment.kind !== 'text') {
      result[result.length - 1]?.push(segment);
      continue;
    }
    segment.text.split('\n').forEach((piece, index) => {
      if (index > 0) result.push([]);
      if (piece !== '') result[result.length - 1]?.push({ kind: 'text', text: piece });
    });
  }
  return result.filter((line) => line.length > 0);
}

/** The parts inside each `<…>`, placing each value in them as `link-url` and every other value `hidden`. */
function bracketed(value: readonly MarkedSegment[], placements: Placements): TextParts[] {
  const urls: MarkedSegment[][] = [];
  let current: MarkedSegment[] | undefined;
  const place = (ids: readonly number[], placement: 'link-url' | 'hidden'): void => {
    for (const id of ids) placements.set(id, (placements.get(id) ?? new Set()).add(placement));
  };
  for (const segment of value) {
    if (segment.kind !== 'text') {
      place(segment.ids, current ? 'link-url' : 'hidden');
      current?.push(segment);
      continue;
    }
    let text = '';
    for (const character of segment.text) {
      if (character === '<' && !current) {
        current = [];
        text = '';
      } else if (character === '>' && current) {
        if (text !== '') current.push({ kind: 'text', text });
        urls.push(current);
        current = undefined;
        text = '';
      } else if (current) text += character;
    }
    if (current && text !== '') current.push({ kind: 'text', text });
  }
  return urls;
}
