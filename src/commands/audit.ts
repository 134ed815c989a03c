import { createWriteStream, type WriteStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { localJudge, runAudit, verdictRecord, type AuditSummary } from '../presend/audit.js';
import { workerJudge } from '../presend/audit-pool.js';
import type { WorkerSetup } from '../presend/audit-worker-setup.js';
import { DEFAULT_SETTINGS } from '../model/settings.js';
import { createChecker } from '../presend/checker.js';
import { readAudience } from '../load/audience.js';
import { loadDataMap } from '../load/datamap.js';
import { fileSystemPartials } from '../load/partials.js';
import { InputError } from '../model/input-error.js';
import { formatAuditHtml } from '../report/audit-html.js';
import { formatAuditSummary } from '../report/audit-summary.js';
import { EXIT, type CliIo } from './io.js';
import { projectFor, type ProjectOptions } from './project.js';

export interface AuditOptions extends ProjectOptions {
  profiles: string;
  /** Worker threads; 1 checks in this thread. */
  workers?: number;
  output?: string;
  format: 'text' | 'json' | 'html';
  /** Write the summary to this file instead of the terminal. */
  report?: string;
  shard?: { index: number; count: number };
  quiet?: boolean;
}

/**
 * `creeplint audit`: a verdict per recipient (JSON Lines: id, verdict, score, band, rule
 * ids; never values) and a summary. Exit 0 when every recipient may be sent to, 1 when
 * any is held, 2 when records were malformed or an input is unusable.
 */
export async function audit(template: string, options: AuditOptions, io: CliIo): Promise<number> {
  const project = await projectFor([template], options, io);
  if (typeof project === 'number') return project;
  const cwd = io.cwd ?? process.cwd();
  let setup: WorkerSetup;
  try {
    const dataMap = project.datamap === undefined ? undefined : await loadDataMap(project.datamap, cwd);
    const text = await readFile(resolve(cwd, template), 'utf8').catch(() => {
      throw new InputError({ file: template, message: 'cannot read the template file' });
    });
    // Only whether it can be opened: the audience is streamed, never read whole.
    await access(resolve(cwd, options.profiles), constants.R_OK).catch(() => {
      throw new InputError({ file: options.profiles, message: 'cannot read the recipients file' });
    });
    setup = { template: text, file: template, dataMap, partialDirs: project.partials, cwd, settings: { ...DEFAULT_SETTINGS, ...project.config?.settings } };
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.toString()}\n`);
      return EXIT.input;
    }
    throw error;
  }
  const out: WriteStream | undefined = options.output ? createWriteStream(resolve(cwd, options.output)) : undefined;
  const write = (line: string): Promise<void> | void => {
    if (!out) return io.stdout(line);
    if (out.write(line)) return undefined;
    return new Promise((done) => out.once('drain', () => done()));
  };
  const started = Date.now();
  const progress = io.isTTY && !options.quiet;
  const workers = options.workers ?? availableParallelism();
  const judge =
    workers > 1
      ? workerJudge(setup, workers)
      : localJudge(
          createChecker({
            template: setup.template,
            file: setup.file,
            dataMap: setup.dataMap,
            partials: fileSystemPartials({ templateFile: setup.file, partialDirs: setup.partialDirs, cwd, partialNames: setup.settings.partialNames }),
            config: setup.settings,
          }),
        );
  const audience = readAudience(resolve(cwd, options.profiles));
  const totalBytes = (await stat(resolve(cwd, options.profiles))).size;
  const summary: AuditSummary = await runAudit(judge, audience.records, {
    shard: options.shard,
    onVerdict: (verdict) => write(`${JSON.stringify(verdictRecord(verdict))}\n`),
    onProgress: (read) => {
      if (progress && read % 1000 === 0) {
        const seconds = (Date.now() - started) / 1000;
        const done = audience.bytesRead() / Math.max(1, totalBytes);
        const eta = done > 0 ? seconds * (1 / done - 1) : 0;
        io.stderr(`\r${read} recipients, ${Math.round(read / Math.max(seconds, 0.001))}/s, ${seconds.toFixed(0)} s, ${Math.round(done * 100)}%, about ${eta.toFixed(0)} s to go  `);
      }
    },
  });
  await judge.close();
  if (out) await new Promise<void>((done) => out.end(() => done()));
  if (progress) io.stderr('\r\u001b[K');
  const report =
    options.format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : options.format === 'html' ? formatAuditHtml(summary, template) : formatAuditSummary(summary, options.profiles);
  // The summary goes to --report, else where the verdicts do not.
  if (options.report) await writeFile(resolve(cwd, options.report), report);
  else if (out) io.stdout(report);
  else io.stderr(report);
  if (summary.malformed > 0) return EXIT.input;
  return summary.hold > 0 ? EXIT.findings : EXIT.ok;
}
