import { createReadStream } from 'node:fs';
import { csvRecords } from './csv-records.js';
import { decodeTextStream } from './decode-text.js';
import { parseJsonText } from './json-text.js';

/**
 * One record of an audience file: a recipient object, a JSON line still to parse (so
 * worker threads parse it, not the reading thread), or why its line could not be read.
 */
export type AudienceRecord = { line: number; recipient: unknown } | { line: number; json: string } | { line: number; error: string };

/**
 * The recipient a record holds, or why it cannot be read: JSON's reason and the column
 * (the caller knows the line), never the line's text, which is a customer's data.
 */
export function recipientOf(record: AudienceRecord): { recipient: unknown } | { error: string } {
  if ('error' in record) return { error: record.error };
  if ('recipient' in record) return { recipient: record.recipient };
  const parsed = parseJsonText(record.json);
  return parsed.ok ? { recipient: parsed.value } : { error: `invalid JSON at column ${parsed.offset + 1}: ${parsed.reason}` };
}

/**
 * Read recipients one at a time, in constant memory, from JSON Lines (one profile object
 * a line) or CSV (see `csvRecipient`), in UTF-8 (a byte order mark or none) or UTF-16
 * with a byte order mark. A bad line is yielded as an error with its number; reading
 * goes on.
 */
export function readAudience(file: string, format: AudienceFormat = audienceFormatOf(file)): { records: AsyncGenerator<AudienceRecord>; bytesRead: () => number } {
  const stream = createReadStream(file);
  return { records: readAudienceStream(stream, format), bytesRead: () => stream.bytesRead };
}

/** JSON Lines (one profile object a line) or CSV. */
export type AudienceFormat = 'jsonl' | 'csv';

/** CSV for `.csv` files, else JSON Lines. */
export function audienceFormatOf(file: string): AudienceFormat {
  return file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';
}

/** Recipients from any stream of bytes: a file, standard input, a request body. */
export function readAudienceStream(stream: AsyncIterable<Buffer>, format: AudienceFormat): AsyncGenerator<AudienceRecord> {
  return format === 'csv' ? readCsv(stream) : readJsonLines(stream);
}

/**
 * Lines read chunk by chunk from the stream's own async iterator (a file, or a request
 * body), which pauses the source while the consumer is busy. (readline's iterator keeps reading and buffers every line,
 * so a slow audit would hold the whole file in memory.)
 */
export async function* readJsonLines(stream: AsyncIterable<Buffer>): AsyncGenerator<AudienceRecord> {
  let rest = '';
  let line = 0;
  const lineOf = (text: string): AudienceRecord | undefined => {
    line += 1;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    return trimmed.trim() === '' ? undefined : { line, json: trimmed };
  };
  for await (const piece of decodeTextStream(stream)) {
    const lines = (rest + piece).split('\n');
    rest = lines.pop() ?? '';
    for (const text of lines) {
      const record = lineOf(text);
      if (record) yield record;
    }
  }
  const last = lineOf(rest);
  if (last) yield last;
}

/**
 * CSV with a header row naming the columns. A record that cannot be read is one
 * malformed record at the line it starts on, and the rest is still read; so is every
 * record after a header that cannot be read, so that the counts stay exact.
 */
export async function* readCsv(stream: AsyncIterable<Buffer>): AsyncGenerator<AudienceRecord> {
  let columns: string[] | { error: string } | undefined;
  for await (const record of csvRecords(decodeTextStream(stream))) {
    if (!columns) {
      columns = 'error' in record ? { error: `invalid CSV: the header on line ${record.line} cannot be read` } : headerOf(record.fields, record.line);
      if ('error' in record) yield record;
      else if ('error' in columns) yield { line: record.line, error: columns.error };
      continue;
    }
    if ('error' in record) yield record;
    else if ('error' in columns) yield { line: record.line, error: columns.error };
    else if (record.fields.length !== columns.length) {
      yield { line: record.line, error: `invalid CSV: ${record.fields.length} field${record.fields.length === 1 ? '' : 's'} where the header has ${columns.length}` };
    } else {
      const row = Object.create(null) as Record<string, string>;
      columns.forEach((column, index) => (row[column] = record.fields[index] ?? ''));
      const recipient = csvRecipient(row);
      yield typeof recipient === 'string' ? { line: record.line, error: recipient } : { line: record.line, recipient };
    }
  }
}

/** The column names, or why the header cannot name them (by position: a header may be a customer's row by mistake). */
function headerOf(fields: string[], line: number): string[] | { error: string } {
  const seen = new Map<string, number>();
  for (const [index, name] of fields.entries()) {
    const earlier = seen.get(name);
    if (earlier !== undefined) return { error: `invalid CSV: columns ${earlier + 1} and ${index + 1} of the header on line ${line} have the same name` };
    seen.set(name, index);
  }
  return fields;
}

/**
 * A CSV row as a profile. Columns: `id`; data paths (`first_name`, `address.city`);
 * `consent.<purpose>` with `granted` or `withdrawn` (empty: no record), and optional
 * `consent.<purpose>.at` and `consent.<purpose>.expires` dates; `source.<field>` for a
 * per-person source. Empty data cells are missing values.
 */
export function csvRecipient(row: Readonly<Record<string, string>>): unknown {
  const data: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const consent: Record<string, Record<string, unknown>> = Object.create(null) as Record<string, Record<string, unknown>>;
  const sources: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [column, cell] of Object.entries(row)) {
    if (column === 'id') continue;
    if (column.startsWith('consent.')) {
      const [purpose, detail] = column.slice('consent.'.length).split('.', 2) as [string, string | undefined];
      if (cell === '') continue;
      const record = (consent[purpose] ??= Object.create(null) as Record<string, unknown>);
      if (detail === undefined) {
        if (cell !== 'granted' && cell !== 'withdrawn') return `column ${column}: expected granted or withdrawn`;
        record['granted'] = cell === 'granted';
      } else if (detail === 'at' || detail === 'expires') {
        record[detail] = cell;
      } else {
        return `column ${column}: expected consent.<purpose>, consent.<purpose>.at or consent.<purpose>.expires`;
      }
    } else if (column.startsWith('source.')) {
      if (cell !== '') sources[column.slice('source.'.length)] = cell;
    } else if (cell !== '') {
      let target = data;
      const parts = column.split('.');
      parts.forEach((part, index) => {
        if (index === parts.length - 1) target[part] = cell;
        else target = (target[part] ??= Object.create(null) as Record<string, unknown>) as Record<string, unknown>;
      });
    }
  }
  for (const [purpose, record] of Object.entries(consent)) {
    if (!('granted' in record)) return `column consent.${purpose}: dates given without granted or withdrawn`;
  }
  return { id: row['id'] ?? '', data, consent, sources };
}
