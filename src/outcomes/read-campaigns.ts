/**
 * Read each campaign's verdicts and results with DuckDB and tally them: the files are
 * checked (unusable rows reported by file, line and column, never by value, and counted),
 * the campaigns named, the two input tables built and the analysis SQL run.
 */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { InputError } from '../model/input-error.js';
import { tallyStatement } from './analysis-sql.js';
import { DuckDbQueryError, type SqlSession } from './duckdb.js';
import {
  campaignFieldStatement,
  describeStatement,
  inputTablesStatements,
  problemCountsStatement,
  problemsStatement,
  readResultsStatement,
  readVerdictsStatement,
  rejectedRowsStatement,
  PROBLEMS_LISTED,
  type ResultsFile,
  type ResultsFormat,
} from './reading-sql.js';
import type { Statement } from './sql-text.js';
import { tallyRowFrom, type TallyRow } from './tally.js';
import { RESULT_COLUMNS, type ResultColumn } from './vocabulary.js';

/** One campaign: its verdicts file and its results file, as the user named them. */
export interface CampaignFiles {
  verdicts: string;
  results: string;
}

export interface RowProblem {
  file: string;
  line: number;
  problem: string;
}

export interface CampaignTally {
  /** Campaign names, in the order their files were given. */
  campaigns: string[];
  tally: TallyRow[];
  /** Rows that could not be used, by side. */
  invalid: { verdicts: number; results: number };
  /** The first unusable rows, by file and line. */
  problems: RowProblem[];
  /** Every statement that ran, in order (`--sql`). */
  statements: Statement[];
}

const FORMATS: Readonly<Record<string, ResultsFormat>> = { '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.json': 'jsonl', '.parquet': 'parquet' };

function formatOf(file: string): ResultsFormat {
  const format = FORMATS[extname(file).toLowerCase()];
  if (!format) throw new InputError({ file, message: 'results must be .csv, .jsonl (JSON Lines) or .parquet' });
  return format;
}

async function mustRead(file: string, cwd: string, what: string): Promise<string> {
  const path = resolve(cwd, file);
  await access(path, constants.R_OK).catch(() => {
    throw new InputError({ file, message: `cannot read the ${what} file` });
  });
  return path;
}

/** The line DuckDB names in its message, if any: its own words may quote a cell, so only the number is kept. */
function lineIn(message: string): number | undefined {
  const match = /\bline:? (\d+)/iu.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** A failed read as an input error about the file it names, keeping DuckDB's error kind and line, never its text. */
function readFailure(error: DuckDbQueryError, files: readonly { file: string; path: string }[], what: string): InputError {
  const named = files.find((entry) => error.original.includes(entry.path)) ?? (files.length === 1 ? files[0] : undefined);
  const kind = /^([A-Za-z ]+Error)/u.exec(error.original)?.[1] ?? 'Error';
  return new InputError({
    file: named?.file ?? files.map((entry) => entry.file).join(', '),
    line: lineIn(error.original),
    message: `cannot be read as ${what} (DuckDB: ${kind})`,
  });
}

async function describeResults(session: SqlSession, file: string, path: string, format: 'csv' | 'parquet', pair: number, ran: Statement[]): Promise<ResultsFile> {
  const statement = describeStatement(path, format, pair);
  let rows: Record<string, unknown>[];
  try {
    rows = await session.rows(statement);
  } catch (error) {
    if (error instanceof DuckDbQueryError) throw readFailure(error, [{ file, path }], format === 'csv' ? 'CSV' : 'Parquet');
    throw error;
  }
  ran.push(statement);
  const columns = new Map<'id' | ResultColumn, string>();
  for (const row of rows) {
    const name = String(row['column_name']);
    const known = (['id', ...RESULT_COLUMNS] as const).find((column) => column === name.trim().toLowerCase());
    if (known && !columns.has(known)) columns.set(known, name);
  }
  if (!columns.has('id')) throw new InputError({ file, message: 'has no id column' });
  if (columns.size === 1) throw new InputError({ file, message: `has none of the columns ${RESULT_COLUMNS.join(', ')}` });
  return { path, format, columns };
}

/** A results row's line, counting the rows DuckDB's CSV reader rejected before it (they are not numbered). */
function lineAfterRejects(line: number, rejected: readonly number[]): number {
  let actual = line;
  for (const skipped of rejected) if (skipped <= actual) actual += 1;
  return actual;
}

const REJECTED: Readonly<Record<string, string>> = {
  'MISSING COLUMNS': "has fewer cells than the header's columns",
  'TOO MANY COLUMNS': "has more cells than the header's columns",
  'UNQUOTED VALUE': 'has a quote inside an unquoted cell',
  'INVALID UNICODE': 'is not valid UTF-8',
};

function nameFromFile(file: string): string {
  const name = basename(file);
  return name.slice(0, name.length - extname(name).length) || name;
}

export async function readCampaigns(inputs: readonly CampaignFiles[], session: SqlSession, cwd: string): Promise<CampaignTally> {
  const ran: Statement[] = [];
  const files = await Promise.all(
    inputs.map(async (input) => ({
      ...input,
      verdictsPath: await mustRead(input.verdicts, cwd, 'verdicts'),
      resultsPath: await mustRead(input.results, cwd, 'results'),
      format: formatOf(input.results),
    })),
  );
  const results: ResultsFile[] = [];
  for (const [index, file] of files.entries()) {
    results.push(
      file.format === 'jsonl'
        ? { path: file.resultsPath, format: 'jsonl', columns: new Map() }
        : await describeResults(session, file.results, file.resultsPath, file.format, index + 1, ran),
    );
  }

  const run = async (statement: Statement, onFailure: (error: DuckDbQueryError) => InputError) => {
    try {
      await session.run(statement);
    } catch (error) {
      throw error instanceof DuckDbQueryError ? onFailure(error) : error;
    }
    ran.push(statement);
  };
  await run(readVerdictsStatement(files.map((file) => file.verdictsPath)), (error) =>
    readFailure(
      error,
      files.map((file) => ({ file: file.verdicts, path: file.verdictsPath })),
      'JSON Lines',
    ),
  );
  await run(readResultsStatement(results), (error) =>
    readFailure(
      error,
      files.map((file) => ({ file: file.results, path: file.resultsPath })),
      'results',
    ),
  );

  // Rows DuckDB's CSV reader rejected, by campaign and line.
  const csvPairs = files.flatMap((file, index) => (file.format === 'csv' ? [index + 1] : []));
  const rejected = new Map<number, { line: number; kind: string }[]>();
  if (csvPairs.length > 0) {
    for (const row of await session.rows(rejectedRowsStatement(csvPairs))) {
      const pair = Number(row['pair']);
      rejected.set(pair, [...(rejected.get(pair) ?? []), { line: Number(row['line']), kind: String(row['error_type']) }]);
    }
  }
  const fileOf = (pair: number, side: 'verdicts' | 'results'): string => files[pair - 1]?.[side] ?? '';
  const problems: RowProblem[] = [];
  for (const row of await session.rows(problemsStatement('verdict_rows'))) {
    problems.push({ file: fileOf(Number(row['pair']), 'verdicts'), line: Number(row['line']), problem: String(row['problem']) });
  }
  for (const row of await session.rows(problemsStatement('result_rows'))) {
    const pair = Number(row['pair']);
    const skipped = (rejected.get(pair) ?? []).map((entry) => entry.line);
    problems.push({ file: fileOf(pair, 'results'), line: lineAfterRejects(Number(row['line']), skipped), problem: String(row['problem']) });
  }
  for (const [pair, rows] of rejected) {
    for (const entry of rows) problems.push({ file: fileOf(pair, 'results'), line: entry.line, problem: REJECTED[entry.kind] ?? 'cannot be split into cells' });
  }
  // Campaign by campaign, verdicts before results, by line.
  const order = (problem: RowProblem) =>
    files.findIndex((file) => file.verdicts === problem.file || file.results === problem.file) * 2 + (files.some((file) => file.results === problem.file) ? 1 : 0);
  problems.sort((a, b) => order(a) - order(b) || a.line - b.line);
  const sum = (rows: Record<string, unknown>[]) => rows.reduce((total, row) => total + Number(row['problems']), 0);
  const invalid = {
    verdicts: sum(await session.rows(problemCountsStatement('verdict_rows'))),
    results: sum(await session.rows(problemCountsStatement('result_rows'))) + [...rejected.values()].reduce((total, rows) => total + rows.length, 0),
  };

  // A campaign is named by its verdicts' `campaign` field, else by the verdicts file's name.
  const fields = new Map((await session.rows(campaignFieldStatement())).map((row) => [Number(row['pair']), row]));
  const campaigns = files.map((file, index) => {
    const field = fields.get(index + 1);
    const names = Number(field?.['names'] ?? 0);
    if (names > 1) throw new InputError({ file: file.verdicts, message: `holds verdicts of ${names} campaigns (the campaign field differs); give one verdicts file per campaign` });
    return names === 1 ? String(field?.['name']) : nameFromFile(file.verdicts);
  });
  const seen = new Map<string, string>();
  for (const [index, name] of campaigns.entries()) {
    const earlier = seen.get(name);
    const file = files[index]?.verdicts ?? '';
    if (earlier !== undefined) throw new InputError({ file, message: `is campaign "${name}" again (also ${earlier}); give each campaign once, its verdicts in one file` });
    seen.set(name, file);
  }

  for (const statement of inputTablesStatements(campaigns)) {
    await session.run(statement);
    ran.push(statement);
  }
  const tallyQuery = tallyStatement();
  const tally = (await session.rows(tallyQuery)).map((row) => tallyRowFrom(row));
  ran.push(tallyQuery);
  return { campaigns, tally, invalid, problems: problems.slice(0, PROBLEMS_LISTED), statements: ran };
}
