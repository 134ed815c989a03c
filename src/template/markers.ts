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

export function hasMarkers(text: string): boolean {
  return text.includes(OPEN);
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
