/** Replace `text.slice(start, end)` with `text`: offsets in the text the edit was made for. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface EditedText {
  text: string;
  /** Where an offset of the text before the edits lands in the text after them. */
  mapOffset(offset: number): number;
}

/**
 * Apply edits to a text, keeping everything they do not touch exactly as it was. Edits
 * inside a range another edit already replaces are dropped (a block left out takes the
 * tokens inside it along). When `dropEmptiedLines` is set, a line that an edit left
 * holding only whitespace goes too, as Handlebars drops the line of a standalone tag:
 * removing `{{#if x}}` on a line of its own leaves no blank line behind.
 */
export function applyEdits(text: string, edits: readonly TextEdit[], options: { dropEmptiedLines: boolean }): EditedText {
  const first = replaceRanges(text, outermost(edits));
  if (!options.dropEmptiedLines) return first;
  const emptied = emptiedLines(
    first.text,
    edits.map((edit) => first.mapOffset(edit.start)),
    text,
    edits,
  );
  const second = replaceRanges(first.text, emptied);
  return { text: second.text, mapOffset: (offset) => second.mapOffset(first.mapOffset(offset)) };
}

/**
 * Sorted by start; an edit inside (or equal to) an earlier one is dropped, and deletions
 * that overlap become one. Any other overlap is a bug.
 */
function outermost(edits: readonly TextEdit[]): TextEdit[] {
  // At one place, an insertion goes before a replacement that starts there; a longer edit before one inside it.
  const sorted = [...edits].sort((a, b) => a.start - b.start || Number(a.end !== a.start) - Number(b.end !== b.start) || b.end - a.end);
  const kept: TextEdit[] = [];
  for (const edit of sorted) {
    const last = kept[kept.length - 1];
    if (last && edit.start < last.end) {
      if (edit.end <= last.end) continue;
      if (last.text === '' && edit.text === '') {
        kept[kept.length - 1] = { ...last, end: edit.end };
        continue;
      }
      throw new Error(`overlapping edits at ${last.start}–${last.end} and ${edit.start}–${edit.end}`);
    }
    // Two insertions at one place: both, in the order given.
    kept.push(edit);
  }
  return kept;
}

function replaceRanges(text: string, edits: readonly TextEdit[]): EditedText {
  let output = '';
  let cursor = 0;
  const shifts: { start: number; end: number; newStart: number; newEnd: number }[] = [];
  for (const edit of edits) {
    output += text.slice(cursor, edit.start);
    const newStart = output.length;
    output += edit.text;
    shifts.push({ start: edit.start, end: edit.end, newStart, newEnd: output.length });
    cursor = edit.end;
  }
  output += text.slice(cursor);
  return {
    text: output,
    mapOffset(offset) {
      let delta = 0;
      for (const shift of shifts) {
        if (offset < shift.start) break;
        // Inside a replaced range: where its replacement starts (an insertion there: after it).
        if (offset < shift.end) return shift.newStart;
        delta = shift.newEnd - shift.end;
      }
      return offset + delta;
    },
  };
}

/**
 * Deletions (as positions in the edited text) that left their line blank, as edits that
 * remove those lines with their line end. A line that was blank before is left alone.
 */
function emptiedLines(edited: string, positions: readonly number[], original: string, edits: readonly TextEdit[]): TextEdit[] {
  const lines = new Map<number, TextEdit>();
  positions.forEach((position, index) => {
    const edit = edits[index];
    if (!edit || edit.text.trim() !== '' || edit.end === edit.start) return;
    if (original.slice(edit.start, edit.end).trim() === '') return;
    // (lastIndexOf from -1 would look at the first character: a line at the very start starts there.)
    const start = position === 0 ? 0 : edited.lastIndexOf('\n', position - 1) + 1;
    const newline = edited.indexOf('\n', position);
    const end = newline === -1 ? edited.length : newline;
    if (edited.slice(start, end).trim() !== '' || lines.has(start)) return;
    // The line goes with its line end; the last line of a text takes the line end before it.
    if (newline !== -1) lines.set(start, { start, end: newline + 1, text: '' });
    else if (start > 0) lines.set(start, { start: start - 1, end, text: '' });
    else lines.set(start, { start, end, text: '' });
  });
  const sorted = [...lines.values()].sort((a, b) => a.start - b.start);
  // A last line taking the line end before it must not overlap the line removed before it.
  return sorted.map((edit, index) => {
    const previous = sorted[index - 1];
    return previous && edit.start < previous.end ? { ...edit, start: previous.end } : edit;
  });
}
