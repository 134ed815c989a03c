import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadAuditSummary } from '../presend/audit-summary-file.js';
import { InputError } from '../model/input-error.js';
import { mergeSummaries, type AuditSummary } from '../presend/audit-summary.js';
import { formatAuditHtml } from '../report/audit-html.js';
import { formatAuditSummary } from '../report/audit-summary.js';
import { EXIT, type CliIo } from './io.js';

export interface AuditMergeOptions {
  format: 'text' | 'json' | 'html';
  report?: string;
}

/**
 * `creeplint audit merge`: one summary from the summaries of an audience's shards, every
 * count added exactly. Exit codes as the audit's: 1 when a shard held a recipient, 2 when
 * a shard had malformed records or a summary cannot be read.
 */
export async function auditMerge(files: string[], options: AuditMergeOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const summaries: AuditSummary[] = [];
  let unreadable = false;
  for (const file of files) {
    try {
      summaries.push(await loadAuditSummary(file, cwd));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.stderr(`${error.toString()}\n`);
      unreadable = true;
    }
  }
  if (unreadable) return EXIT.input;
  const merged = mergeSummaries(summaries);
  const label = `${files.length} shard${files.length === 1 ? '' : 's'}`;
  const report =
    options.format === 'json' ? `${JSON.stringify(merged, null, 2)}\n` : options.format === 'html' ? formatAuditHtml(merged, label) : formatAuditSummary(merged, label);
  if (options.report) await writeFile(resolve(cwd, options.report), report);
  else io.stdout(report);
  if (merged.malformed > 0) return EXIT.input;
  return merged.hold > 0 ? EXIT.findings : EXIT.ok;
}
