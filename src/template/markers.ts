/**
 * Invisible markers the tracing render wraps around each printed value. A value is
 * either printed into the text (filled):
 *
 *   OPEN, the token-use ids (digits and separators), IDS_END, the value, CLOSE
 *
 * or left out, with the number of its slot in the render's list of printed values
 * (hollow): OPEN, ids, IDS_END, HOLLOW, the slot's number, CLOSE. A hollow render is the
 * email's layout: recipients who get the same layout share everything worked out from
 * it, and their own values are put into its slots (template/layout.ts).
 *
 * The characters come from the end of Unicode's private use area, which neither
 * Handlebars' escaping, mjml nor the HTML parser touch, and which email copy does not
 * use; the render removes them from customers' values, so a value cannot forge one.
 */
const OPEN = '\uF8F0';
const IDS_END = '\uF8F1';
export const CLOSE_MARKER = '\uF8F2';
const HOLLOW = '\uF8F3';
const DIGIT_ZERO = 0xf8e0;
const SEPARATOR = '\uF8EA';
const MARKER_CHARACTERS = /[\uF8E0-\uF8F3]/gu;

/** Slot numbers are encoded once each: a render encodes one per value it prints. */
const encodedNumbers: string[] = [];

function encodeNumber(value: number): string {
  if (value < 4096) return (encodedNumbers[value] ??= encodeDigits(value));
  return encodeDigits(value);
}

function encodeDigits(value: number): string {
  let encoded = '';
  for (const digit of String(value)) encoded += String.fromCharCode(DIGIT_ZERO + digit.charCodeAt(0) - 48);
  return encoded;
}

function decodeNumber(encoded: string): number {
  let value = 0;
  for (let index = 0; index < encoded.length; index += 1) {
    const digit = encoded.charCodeAt(index) - DIGIT_ZERO;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return encoded.length === 0 ? Number.NaN : value;
}

/** The opening marker of a value printed by these token uses: OPEN, the ids, IDS_END. */
export function openMarker(ids: readonly number[]): string {
  return `${OPEN}${ids.map(encodeNumber).join(SEPARATOR)}${IDS_END}`;
}

/** A hollow value: the opening marker, then the slot's number, then CLOSE. */
export function hollowMarker(open: string, slot: number): string {
  return `${open}${HOLLOW}${encodeNumber(slot)}${CLOSE_MARKER}`;
}

/** Whether a text holds any part of a traced value (an opening or a closing marker). */
export function hasMarkers(text: string): boolean {
  return text.includes(OPEN) || text.includes(CLOSE_MARKER);
}

/** Whether a text holds a hollow value. */
export function hasHollowMarkers(text: string): boolean {
  return text.includes(HOLLOW);
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER_CHARACTERS, '');
}

/** A customer's value, without the characters markers are made of. */
export function withoutMarkerCharacters(value: string): string {
  // Most values have none: the test is much cheaper than the replacement.
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code >= 0xf8e0 && code <= 0xf8f3) return value.replace(MARKER_CHARACTERS, '');
  }
  return value;
}

function parseIds(encoded: string): number[] {
  return encoded
    .split(SEPARATOR)
    .map(decodeNumber)
    .filter((id) => Number.isInteger(id) && id > 0);
}

/** The use ids of every value that starts in `text`, one list per value. */
export function markedUseIds(text: string): number[][] {
  const found: number[][] = [];
  let index = text.indexOf(OPEN);
  while (index !== -1) {
    const end = text.indexOf(IDS_END, index);
    if (end === -1) break;
    found.push(parseIds(text.slice(index + 1, end)));
    index = text.indexOf(OPEN, end);
  }
  return found;
}

/**
 * A run of marked text: plain text, a filled value with the use ids it came from, or a
 * hollow slot (its value is the recipient's, kept apart).
 */
export type MarkedSegment = { kind: 'text'; text: string } | { kind: 'value'; ids: number[]; text: string } | { kind: 'slot'; ids: number[]; slot: number };

/**
 * Split text into plain runs, filled values and hollow slots. A value whose closing
 * marker lies beyond this text (raw HTML values span elements) runs to the end of the text.
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
    const ids = parseIds(text.slice(open + 1, idsEnd));
    const close = text.indexOf(CLOSE_MARKER, idsEnd);
    const nextOpen = text.indexOf(OPEN, idsEnd);
    if (text.charAt(idsEnd + 1) === HOLLOW && close !== -1 && (nextOpen === -1 || close < nextOpen)) {
      segments.push({ kind: 'slot', ids, slot: decodeNumber(text.slice(idsEnd + 2, close)) });
      cursor = close + 1;
    } else {
      const end = close === -1 || (nextOpen !== -1 && nextOpen < close) ? (nextOpen === -1 ? text.length : nextOpen) : close;
      segments.push({ kind: 'value', ids, text: stripMarkers(text.slice(idsEnd + 1, end)) });
      cursor = end === close ? close + 1 : end;
    }
    open = text.indexOf(OPEN, cursor);
  }
  pushText(text.slice(cursor));
  return segments;
}

/** One hollow slot in a text: where it starts and ends, and its number. */
export interface HollowSpan {
  start: number;
  end: number;
  slot: number;
}

/** Every well-formed hollow slot in a text, in order. */
export function hollowSpans(text: string): HollowSpan[] {
  const spans: HollowSpan[] = [];
  let hollow = text.indexOf(HOLLOW);
  while (hollow !== -1) {
    const open = text.lastIndexOf(OPEN, hollow);
    const close = text.indexOf(CLOSE_MARKER, hollow);
    if (open !== -1 && close !== -1 && text.charAt(hollow - 1) === IDS_END) {
      const slot = decodeNumber(text.slice(hollow + 1, close));
      if (Number.isInteger(slot)) spans.push({ start: open, end: close + 1, slot });
    }
    hollow = text.indexOf(HOLLOW, hollow + 1);
  }
  return spans;
}

/**
 * Whether every hollow character in a text belongs to a whole hollow slot: a step that
 * rewrote the text (mjml) either kept each slot as it was or dropped it.
 */
export function hollowSlotsIntact(text: string): boolean {
  let count = 0;
  for (let index = text.indexOf(HOLLOW); index !== -1; index = text.indexOf(HOLLOW, index + 1)) count += 1;
  return hollowSpans(text).length === count;
}

/**
 * Replace each hollow slot by what `fill` gives for it (the slot's value, wrapped as a
 * filled value), leaving everything else as it is.
 */
export function fillHollowSlots(text: string, fill: (slot: number, open: string) => string): string {
  const spans = hollowSpans(text);
  if (spans.length === 0) return text;
  let filled = '';
  let cursor = 0;
  for (const span of spans) {
    const open = text.slice(span.start, text.indexOf(HOLLOW, span.start));
    filled += text.slice(cursor, span.start) + fill(span.slot, open);
    cursor = span.end;
  }
  return filled + text.slice(cursor);
}

/** A filled value: the opening marker, the value as printed, CLOSE. */
export function filledMarker(open: string, printed: string): string {
  return `${open}${printed}${CLOSE_MARKER}`;
}
