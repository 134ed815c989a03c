import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../model/input-error.js';
import { TALLY_SQL } from '../outcomes/analysis-sql.js';
import { analyse } from '../outcomes/analyse.js';
import { formatOutcomesHtml } from '../outcomes/dashboard.js';
import { MissingDuckDbError, openDuckDb } from '../outcomes/duckdb.js';
import { readCampaigns, type CampaignTally } from '../outcomes/read-campaigns.js';
import { readTally } from '../outcomes/read-tally.js';
import { formatSql } from '../outcomes/print-sql.js';
import { formatOutcomesText } from '../outcomes/text-report.js';
import { EXIT, type CliIo } from './io.js';

export interface OutcomesOptions {
  verdicts: string[];
  results: string[];
  format: 'text' | 'json' | 'html';
  /** Write the report to this file instead of stdout. */
  report?: string;
  /** Print the SQL instead of the report. */
  sql?: boolean;
  /** A tally counted by a warehouse (CSV), instead of verdicts and results. */
  tally?: string;
}

async function fromFiles(options: OutcomesOptions, cwd: string): Promise<CampaignTally> {
  const session = await openDuckDb();
  try {
    return await readCampaigns(
      options.verdicts.map((verdicts, index) => ({ verdicts, results: options.results[index] ?? '' })),
      session,
      cwd,
    );
  } finally {
    session.close();
  }
}

/**
 * `creeplint outcomes`: join each campaign's verdicts with its results and report, with
 * intervals, whether personalisation earns its keep and whether higher scores cost
 * unsubscribes and complaints. Exit 0, or 2 when an input is unusable or has unusable rows
 * (they are told by file and line, counted in the report, and left out of it).
 */
export async function outcomes(options: OutcomesOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const fail = (message: string) => {
    io.stderr(`${message}\n`);
    return EXIT.input;
  };
  if (options.tally && options.verdicts.length + options.results.length > 0) return fail('creeplint outcomes: give either --tally or --verdicts and --results, not both');
  if (!options.tally && options.verdicts.length !== options.results.length) {
    return fail(`creeplint outcomes: ${options.verdicts.length} --verdicts and ${options.results.length} --results files; give one of each per campaign, in the same order`);
  }
  // Without files, --sql prints the analysis alone: what a warehouse runs on its own tables.
  if (options.sql && options.verdicts.length === 0 && !options.tally) {
    io.stdout(formatSql([{ sql: TALLY_SQL, params: [] }]));
    return EXIT.ok;
  }
  if (!options.tally && options.verdicts.length === 0) return fail('creeplint outcomes: give --verdicts and --results (one of each per campaign), or --tally');

  let read: Pick<CampaignTally, 'campaigns' | 'tally'> & Partial<CampaignTally>;
  try {
    read = options.tally ? await readTally(options.tally, cwd) : await fromFiles(options, cwd);
  } catch (error) {
    if (error instanceof MissingDuckDbError) return fail(error.message);
    if (error instanceof InputError) return fail(error.toString());
    throw error;
  }
  if (options.sql) {
    io.stdout(formatSql(read.statements ?? [{ sql: TALLY_SQL, params: [] }]));
    return EXIT.ok;
  }
  for (const problem of read.problems ?? []) io.stderr(`${problem.file}:${problem.line}: ${problem.problem}\n`);
  const invalid = read.invalid ?? { verdicts: 0, results: 0 };
  const listed = read.problems?.length ?? 0;
  if (invalid.verdicts + invalid.results > listed) io.stderr(`…and ${invalid.verdicts + invalid.results - listed} more unusable rows, left out of the report\n`);

  const report = analyse(read.tally, read.campaigns, invalid);
  const text = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : options.format === 'html' ? formatOutcomesHtml(report) : formatOutcomesText(report);
  if (options.report) await writeFile(resolve(cwd, options.report), text);
  else io.stdout(text);
  return invalid.verdicts + invalid.results > 0 ? EXIT.input : EXIT.ok;
}
