/**
 * CSV records counted exactly, as people's spreadsheets save them (RFC 4180: fields
 * separated by commas, records by LF or CRLF; a field in double quotes may hold commas,
 * line breaks and doubled quotes `""`). Every physical record is read once:
 *
 * - a quote inside an unquoted field is an ordinary character (`Dwayne "The Rock" Johnson`),
 *   as Excel and Python's csv module read it;
 * - a broken record (text after a closing quote, a quote never closed) is one error at the
 *   line it starts on, and reading resumes on the next line, so one stray quote cannot
 *   swallow the rows after it;
 * - blank lines are skipped.
 *
 * Errors say what is wrong, never what the cells hold.
 */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

/** A record still open after this much text is taken for an unclosed quote; it bounds the memory a record takes. */
export const MAX_RECORD_LENGTH = 1024 * 1024;

type Parsed = { kind: 'record'; fields: string[]; end: number } | { kind: 'error'; reason: string } | { kind: 'more' };

/** Records from text arriving in pieces (a decoded file stream), holding at most one record's text. */
export async function* csvRecords(pieces: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const iterator = pieces[Symbol.asyncIterator]();
  let buffer = '';
  let final = false;
  let line = 1;
  // After a broken record: drop the rest of the line it started on, then read on.
  let skipping = false;
  for (;;) {
    const text = new ScannedText(buffer);
    let start = 0;
    while (start < text.length) {
      if (skipping) {
        const newline = text.next('\n', start);
        start = Math.min(newline + 1, text.length);
        if (newline === text.length) break;
        line += 1;
        skipping = false;
        continue;
      }
      const parsed = parseRecord(text, start, final);
      if (parsed.kind === 'more' && text.length - start <= MAX_RECORD_LENGTH) break;
      if (parsed.kind !== 'record') {
        const reason = parsed.kind === 'error' ? parsed.reason : `a record longer than ${MAX_RECORD_LENGTH / 1024 / 1024} MiB (an unclosed quote?)`;
        yield { line, error: `invalid CSV: ${reason}` };
        skipping = true;
        continue;
      }
      const blank = parsed.fields.length === 1 && parsed.fields[0] === '' && text.at(start) !== '"';
      if (!blank) yield { line, fields: parsed.fields };
      line += text.count('\n', start, parsed.end);
      start = parsed.end;
    }
    buffer = buffer.slice(start);
    if (final) return;
    const next = await iterator.next();
    if (next.done === true) final = true;
    else buffer += next.value;
  }
}

/** One record starting at `start`: its fields and where the next begins, an error, or a need for more text. */
function parseRecord(text: ScannedText, start: number, final: boolean): Parsed {
  const fields: string[] = [];
  let index = start;
  for (;;) {
    if (text.at(index) === '"') {
      const quoted = quotedField(text, index + 1, final);
      if (typeof quoted === 'string') return quoted === 'more' ? { kind: 'more' } : { kind: 'error', reason: 'a quoted field is never closed' };
      fields.push(quoted.value);
      index = quoted.end;
      if (text.at(index) === ',') {
        index += 1;
        continue;
      }
      const end = lineEnd(text, index, final);
      if (end === 'more') return { kind: 'more' };
      if (end === undefined) return { kind: 'error', reason: 'text after a closing quote (a quote inside a quoted field is written "")' };
      return { kind: 'record', fields, end };
    }
    const newline = text.next('\n', index);
    const comma = text.next(',', index);
    if (comma < newline) {
      fields.push(text.slice(index, comma));
      index = comma + 1;
      continue;
    }
    if (newline === text.length && !final) return { kind: 'more' };
    fields.push(withoutCarriageReturn(text.slice(index, newline)));
    return { kind: 'record', fields, end: Math.min(newline + 1, text.length) };
  }
}

/** A quoted field's value and the index after its closing quote; 'more' or 'unclosed' when the text ends first. */
function quotedField(text: ScannedText, from: number, final: boolean): { value: string; end: number } | 'more' | 'unclosed' {
  let value = '';
  for (let at = from; ;) {
    const quote = text.next('"', at);
    // A quote at the very end may be the first of a doubled pair in the next piece.
    if (quote >= text.length - (final ? 0 : 1)) return final ? 'unclosed' : 'more';
    value += text.slice(at, quote);
    if (text.at(quote + 1) !== '"') return { value, end: quote + 1 };
    value += '"';
    at = quote + 2;
  }
}

/** After a closing quote: the index past the line break, 'more', or undefined when other text follows. */
function lineEnd(text: ScannedText, index: number, final: boolean): number | 'more' | undefined {
  if (index >= text.length) return final ? index : 'more';
  if (text.at(index) === '\n') return index + 1;
  if (text.at(index) === '\r') {
    if (index + 1 >= text.length) return final ? index + 1 : 'more';
    if (text.at(index + 1) === '\n') return index + 2;
  }
  return undefined;
}

function withoutCarriageReturn(field: string): string {
  return field.endsWith('\r') ? field.slice(0, -1) : field;
}

/**
 * Text that remembers where the next comma, quote and line break are, so finding them
 * for every field is one pass over the text (a file without commas would otherwise be
 * searched to its end once a line). Searches only move forward.
 */
class ScannedText {
  private readonly found = new Map<string, { from: number; at: number }>();

  constructor(private readonly value: string) {}

  get length(): number {
    return this.value.length;
  }

  at(index: number): string | undefined {
    return this.value[index];
  }

  slice(from: number, to: number): string {
    return this.value.slice(from, to);
  }

  /** The index of the next `char` at or after `from`, or the text's length when there is none. */
  next(char: string, from: number): number {
    const known = this.found.get(char);
    if (known && known.from <= from && from <= known.at) return known.at;
    const index = this.value.indexOf(char, from);
    const at = index === -1 ? this.value.length : index;
    this.found.set(char, { from, at });
    return at;
  }

  count(char: string, from: number, to: number): number {
    let count = 0;
    for (let index = this.value.indexOf(char, from); index !== -1 && index < to; index = this.value.indexOf(char, index + 1)) count += 1;
    return count;
  }
}
