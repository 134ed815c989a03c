/**
 * Invisible markers the tracing render wraps around each printed value:
 * OPEN, the token-use ids (digits and separators), IDS_END, the value, CLOSE.
 * They come from the end of Unicode's private use area, which neither Handlebars'
 * escaping, mjml nor the HTML parser touch, and which email copy does not use.
 */
const OPEN = '\uF8F0';
const IDS_END = '\uF8F1';
export const CLOSE_MARKER = '\uF8F2';
const DIGIT_ZERO = 0xf8e0;
const SEPARATOR = '\uF8EA';
const MARKER_CHARACTERS = /[\uF8E0-\uF8F2]/gu;

export function openMarker(ids: readonly number[]): string {
  const encoded = ids
    .map((id) => [...String(id)].map((digit) => String.fromCharCode(DIGIT_ZERO + Number(digit))).join(''))
    .join(SEPARATOR);
  return `${OPEN}${encoded}${IDS_END}`;
}

/** Whether a text holds any part of a traced value (an opening or a closing marker). */
export function hasMarkers(text: string): boolean {
  return text.includes(OPEN) || text.includes(CLOSE_MARKER);
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER_CHARACTERS, '');
}

/** The use ids of every value that starts in `text`, one list per value. */
export function markedUseIds(text: string): number[][] {
  const found: number[][] = [];
  let index = text.indexOf(OPEN);
  while (index !== -1) {
    const end = text.indexOf(IDS_END, index);
    if (end === -1) break;
    const ids = text
      .slice(index + 1, end)
      .split(SEPARATOR)
      .map((encoded) => Number([...encoded].map((char) => String(char.charCodeAt(0) - DIGIT_ZERO)).join('')))
      .filter((id) => Number.isInteger(id) && id > 0);
    found.push(ids);
    index = text.indexOf(OPEN, end);
  }
  return found;
}

/** A run of marked text: plain text, or a traced value with the use ids it came from. */
export type MarkedSegment = { kind: 'text'; text: string } | { kind: 'value'; ids: number[]; text: string };

/**
 * Split text into plain runs and traced values. A value whose closing marker lies
 * beyond this text (raw HTML values span elements) runs to the end of the text.
 */
export function splitMarkedText(text: string): MarkedSegment[] {
  const segments: MarkedSegment[] = [];
  const pushText = (value: string): void => {
    const plain = stripMarkers(value);
    if (plain !== '') segments.push({ kind: 'text', text: plain });
  };
  let cursor = 0;
  let open = text.indexOf(OPEN);
  while (open !== -1) {
    pushText(text.slice(cursor, open));
    const idsEnd = text.indexOf(IDS_END, open);
    if (idsEnd === -1) break;
    const ids = markedUseIds(text.slice(open, idsEnd + 1))[0] ?? [];
    const close = text.indexOf(CLOSE_MARKER, idsEnd);
    const nextOpen = text.indexOf(OPEN, idsEnd);
    const end = close === -1 || (nextOpen !== -1 && nextOpen < close) ? (nextOpen === -1 ? text.length : nextOpen) : close;
    segments.push({ kind: 'value', ids, text: stripMarkers(text.slice(idsEnd + 1, end)) });
    cursor = end === close ? close + 1 : end;
    open = text.indexOf(OPEN, cursor);
  }
  pushText(text.slice(cursor));
  return segments;
}
