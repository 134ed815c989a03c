/**
 * A tally counted elsewhere: the analysis SQL's answer exported from a warehouse as CSV,
 * read without DuckDB. Campaigns keep the order in which they first appear.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../model/input-error.js';
import { TALLY_COLUMNS, tallyRowFrom, type TallyRow } from './tally.js';

export async function readTally(file: string, cwd: string): Promise<{ campaigns: string[]; tally: TallyRow[] }> {
  const text = await readFile(resolve(cwd, file), 'utf8').catch(() => {
    throw new InputError({ file, message: 'cannot read the tally file' });
  });
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()), skip_empty_lines: true, bom: true });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw new InputError({ file, line: typeof line === 'number' ? line : undefined, message: 'is not valid CSV' });
  }
  const first = records[0];
  const missing = first ? TALLY_COLUMNS.filter((column) => !(column in first)) : [];
  if (missing.length > 0) throw new InputError({ file, line: 1, message: `lacks the tally columns ${missing.join(', ')}` });
  const tally = records.map((record, index) => {
    try {
      return tallyRowFrom(record);
    } catch (error) {
      throw new InputError({ file, line: index + 2, message: error instanceof Error ? error.message : 'is not a tally row' });
    }
  });
  return { campaigns: [...new Set(tally.map((row) => row.campaign))], tally };
}
