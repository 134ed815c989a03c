import type { Position } from '../model/location.js';
import type { SourceText } from './source.js';

/** Where each line of a text starts, as offsets into it; worked out once per text. */
const lineStarts = new WeakMap<SourceText, number[]>();

function startsOf(source: SourceText): number[] {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = [0];
    for (let index = source.text.indexOf('\n'); index !== -1; index = source.text.indexOf('\n', index + 1)) starts.push(index + 1);
    lineStarts.set(source, starts);
  }
  return starts;
}

/** An offset into a text as a 1-based position in the file it came from (front matter counted). */
export function positionAt(source: SourceText, offset: number): Position {
  const starts = startsOf(source);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  const column = offset - (starts[low] ?? 0);
  if (low === 0) return { line: source.origin.line, column: source.origin.column + column };
  return { line: source.origin.line + low, column: column + 1 };
}

/** The offset into a text of a line (1-based, counted in the text) and a column (0-based): how Handlebars counts. */
export function offsetAt(source: SourceText, line: number, column: number): number {
  const starts = startsOf(source);
  return (starts[Math.min(Math.max(line, 1), starts.length) - 1] ?? 0) + column;
}
