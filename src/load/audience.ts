import { createReadStream, type ReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';

/**
 * One record of an audience file: a recipient object, a JSON line still to parse (so
 * worker threads parse it, not the reading thread), or why its line could not be read.
 */
export type AudienceRecord = { line: number; recipient: unknown } | { line: number; json: string } | { line: number; error: string };

/** The recipient a record holds, or why it cannot be read. */
export function recipientOf(record: AudienceRecord): { recipient: unknown } | { error: string } {
  if ('error' in record) return { error: record.error };
  if ('recipient' in record) return { recipient: record.recipient };
  try {
    return { recipient: JSON.parse(record.json) as unknown };
  } catch (error) {
    // V8's message quotes the line (a recipient's values): keep only where it broke.
    const offset = /at position (\d+)/u.exec((error as Error).message)?.[1];
    return { error: offset === undefined ? 'invalid JSON' : `invalid JSON at column ${Number(offset) + 1}` };
  }
}

/**
 * Read recipients one at a time, in constant memory, from JSON Lines (one profile object
 * a line) or CSV (see `csvRecipient`). A bad line is yielded as an error with its number;
 * reading goes on.
 */
export function readAudience(file: string): { records: AsyncGenerator<AudienceRecord>; bytesRead: () => number } {
  const stream = createReadStream(file);
  const records = file.toLowerCase().endsWith('.csv') ? readCsv(stream) : readJsonLines(stream);
  return { records, bytesRead: () => stream.bytesRead };
}

/**
 * Lines read chunk by chunk from the stream's own async iterator (a file, or a request
 * body), which pauses the source while the consumer is busy. (readline's iterator keeps reading and buffers every line,
 * so a slow audit would hold the whole file in memory.)
 */
export async function* readJsonLines(stream: AsyncIterable<Buffer>): AsyncGenerator<AudienceRecord> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  const lineOf = (text: string): AudienceRecord | undefined => {
    line += 1;
    const trimmed = text.endsWith('\r') ? text.slice(0, -1) : text;
    return trimmed.trim() === '' ? undefined : { line, json: trimmed };
  };
  for await (const chunk of stream) {
    const text = rest + decoder.write(chunk);
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const piece of lines) {
      const record = lineOf(piece);
      if (record) yield record;
    }
  }
  const last = lineOf(rest + decoder.end());
  if (last) yield last;
}

async function* readCsv(stream: ReadStream): AsyncGenerator<AudienceRecord> {
  // A row with the wrong number of cells is reported and skipped; the rest is still read.
  const skipped: AudienceRecord[] = [];
  const parser = stream.pipe(
    parse({
      columns: true,
      skip_empty_lines: true,
      bom: true,
      info: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skipped.push({ line: Number(error.lines), error: `invalid CSV: ${error.message.split('\n')[0] ?? ''}` });
      },
    }),
  );
  try {
    for await (const row of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield* skipped.splice(0);
      const line = row.info.lines;
      const recipient = csvRecipient(row.record);
      yield typeof recipient === 'string' ? { line, error: recipient } : { line, recipient };
    }
    yield* skipped.splice(0);
  } catch (error) {
    // csv-parse stops at a structural error (an unclosed quote); say where.
    const where = (error as { lines?: number }).lines;
    yield { line: where ?? 0, error: `invalid CSV: ${(error as Error).message.split('\n')[0] ?? ''}` };
  }
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
