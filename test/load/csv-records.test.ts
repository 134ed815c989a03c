import { describe, expect, it } from 'vitest';
import { csvRecords, MAX_RECORD_LENGTH, type CsvRecord } from '../../src/load/csv-records.js';
import { asyncFrom } from '../async-iterable.js';

async function records(...pieces: string[]): Promise<CsvRecord[]> {
  const read: CsvRecord[] = [];
  for await (const record of csvRecords(asyncFrom(pieces))) read.push(record);
  return read;
}

describe('CSV records', () => {
  it('reads quoted fields with commas, line breaks and doubled quotes, counting each record once at the line it starts on', async () => {
    expect(await records('id,name,note\r\nr-1,"Haddad, Layla","said ""hi""\r\nthen left"\r\nr-2,Plain,\r\n')).toEqual([
      { line: 1, fields: ['id', 'name', 'note'] },
      { line: 2, fields: ['r-1', 'Haddad, Layla', 'said "hi"\r\nthen left'] },
      { line: 4, fields: ['r-2', 'Plain', ''] },
    ]);
  });

  it('reads a quote inside an unquoted field as an ordinary character, as spreadsheets do: two stray quotes are one record', async () => {
    expect(await records('id,name\nr-1,Dwayne "The Rock" Johnson\nr-2,B\n')).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, fields: ['r-1', 'Dwayne "The Rock" Johnson'] },
      { line: 3, fields: ['r-2', 'B'] },
    ]);
  });

  it('makes a quote that is never closed one error at its line, and reads the lines after it', async () => {
    expect(await records('id,name\nr-1,"Layla\nr-2,B\nr-3,C')).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, error: 'invalid CSV: a quoted field is never closed' },
      { line: 3, fields: ['r-2', 'B'] },
      { line: 4, fields: ['r-3', 'C'] },
    ]);
  });

  it('makes text after a closing quote one error at its line, also when the quote closed on a later line', async () => {
    expect(await records('id,name\nr-1,"Lay"la\nr-2,"B\nr-3,"C",x\n')).toEqual([
      { line: 1, fields: ['id', 'name'] },
      { line: 2, error: 'invalid CSV: text after a closing quote (a quote inside a quoted field is written "")' },
      { line: 3, error: 'invalid CSV: text after a closing quote (a quote inside a quoted field is written "")' },
      { line: 4, fields: ['r-3', 'C', 'x'] },
    ]);
  });

  it('skips blank lines but keeps a line of empty fields', async () => {
    expect(await records('a,b\n\n\r\n,\n""\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['', ''] },
      { line: 5, fields: [''] },
    ]);
  });

  it('reads the same records however the text is split into pieces', async () => {
    const text = 'id,name,note\r\nr-1,"Haddad, Layla","said ""hi""\r\nthen"\r\nr-2,"open\nr-3,Dwayne "R" J,\r\n\r\nr-4,"a""",b';
    const whole = await records(text);
    expect(whole).toEqual([
      { line: 1, fields: ['id', 'name', 'note'] },
      { line: 2, fields: ['r-1', 'Haddad, Layla', 'said "hi"\r\nthen'] },
      // The quote opened on line 4 closes at `"R"` on line 5, where text follows it: line 4 is broken, line 5 is read.
      { line: 4, error: 'invalid CSV: text after a closing quote (a quote inside a quoted field is written "")' },
      { line: 5, fields: ['r-3', 'Dwayne "R" J', ''] },
      { line: 7, fields: ['r-4', 'a"', 'b'] },
    ]);
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(await records(text.slice(0, cut), text.slice(cut)), `cut at ${cut}`).toEqual(whole);
    }
    expect(await records(...Array.from(text))).toEqual(whole);
  });

  it('takes a record longer than 1 MiB for an unclosed quote, holding no more than that, and reads on from its next line', async () => {
    const row = 'r-x,Name,granted\n';
    const rows = row.repeat(Math.ceil((MAX_RECORD_LENGTH * 1.5) / row.length));
    const text = `id,name,consent.marketing\nr-0,"never closed\n${rows}`;
    const pieces = text.match(/[^]{1,65536}/gu) ?? [];
    const read = await records(...pieces);
    expect(read.slice(0, 3)).toEqual([
      { line: 1, fields: ['id', 'name', 'consent.marketing'] },
      { line: 2, error: 'invalid CSV: a record longer than 1 MiB (an unclosed quote?)' },
      { line: 3, fields: ['r-x', 'Name', 'granted'] },
    ]);
    expect(read).toHaveLength(2 + rows.length / row.length);
  });
});
