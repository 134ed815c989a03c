import { createWriteStream, type WriteStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { audienceFormatOf, readAudience, readAudienceStream, type AudienceFormat, type AudienceRecord } from '../load/audience.js';
import { loadDataMap } from '../load/datamap.js';
import { readInputFile } from '../load/read-input.js';
import { InputError } from '../model/input-error.js';
import { DEFAULT_SETTINGS } from '../model/settings.js';
import { defaultWorkerCount, workerJudge } from '../presend/audit-pool.js';
import { checkerFor, type WorkerSetup } from '../presend/audit-worker-setup.js';
import { localJudge, runAudit, type AuditSummary, type Holdout } from '../presend/audit.js';
import { formatAuditHtml } from '../report/audit-html.js';
import { formatAuditSummary } from '../report/audit-summary.js';
import { EXIT, type CliIo } from './io.js';
import { limitsOf, projectFor, type ProjectOptions } from './project.js';

/** Characters of verdicts written at once. */
const WRITE_BLOCK = 64 * 1024;

export interface AuditOptions extends ProjectOptions {
  /** The recipients' file, or `-` for standard input. */
  profiles: string;
  /** JSON Lines or CSV; by the file's extension, JSON Lines for standard input. */
  inputFormat?: AudienceFormat;
  /** Worker threads; 1 checks in this thread. */
  workers?: number;
  /** The verdicts' file, or `-` for standard output (the default). */
  output?: string;
  format: 'text' | 'json' | 'html';
  /** Write the summary to this file instead of the terminal. */
  report?: string;
  shard?: { index: number; count: number };
  quiet?: boolean;
  maxScore?: number;
  /** The share held out as the control group (`10%`, `0.1`), with `campaign`. */
  holdout?: number;
  campaign?: string;
}

/**
 * `creeplint audit`: a verdict per recipient (JSON Lines: id, verdict, score, band, rule
 * ids, and the holdout group when asked; never values) and a summary. Reads a file or
 * standard input and writes a file or standard output, so it runs unchanged as a step of
 * a pipeline (Spark's `RDD.pipe`, Hadoop Streaming, one Kubernetes job per shard). Exit 0
 * when every recipient may be sent to, 1 when any is held, 2 when records were malformed
 * or an input is unusable.
 */
export async function audit(template: string, options: AuditOptions, io: CliIo): Promise<number> {
  const project = await projectFor([template], options, io);
  if (typeof project === 'number') return project;
  const cwd = io.cwd ?? process.cwd();
  const fromStdin = options.profiles === '-';
  let setup: WorkerSetup;
  let holdout: Holdout | undefined;
  try {
    if ((options.holdout === undefined) !== (options.campaign === undefined)) {
      throw new InputError({ file: template, message: '--holdout and --campaign go together: the campaign name decides who is held out' });
    }
    if (options.holdout !== undefined && options.campaign !== undefined) holdout = { campaign: options.campaign, share: options.holdout };
    const dataMap = project.datamap === undefined ? undefined : await loadDataMap(project.datamap, cwd);
    const text = await readInputFile(template, 'template', cwd);
    if (fromStdin && !io.stdin) throw new InputError({ file: '-', message: 'there is no standard input to read recipients from' });
    // Only whether it can be opened: the audience is streamed, never read whole.
    if (!fromStdin) {
      await access(resolve(cwd, options.profiles), constants.R_OK).catch(() => {
        throw new InputError({ file: options.profiles, message: 'cannot read the recipients file' });
      });
    }
    const settings = { ...DEFAULT_SETTINGS, ...project.config?.settings, ...(options.maxScore === undefined ? {} : { maxScore: options.maxScore }) };
    setup = { template: text, file: template, location: resolve(cwd, template), dataMap, partialDirs: project.partials, cwd, settings, holdout, limits: limitsOf(options) };
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.toString()}\n`);
      return EXIT.input;
    }
    throw error;
  }
  const toStdout = options.output === undefined || options.output === '-';
  const out: WriteStream | undefined = toStdout ? undefined : createWriteStream(resolve(cwd, options.output as string));
  const flush = (text: string): Promise<void> | undefined => {
    if (!out) {
      if (io.streamOut) return io.streamOut(text);
      io.stdout(text);
      return undefined;
    }
    if (out.write(text)) return undefined;
    return new Promise((done) =>
      out.once('drain', () => {
        done();
      }),
    );
  };
  // Verdicts are written in blocks: a write per line would cost more than the line's check.
  let buffered = '';
  const write = (line: string): Promise<void> | undefined => {
    buffered += line;
    if (buffered.length < WRITE_BLOCK) return undefined;
    const block = buffered;
    buffered = '';
    return flush(block);
  };
  const started = Date.now();
  const progress = io.isTTY && !options.quiet && !toStdout;
  const workers = options.workers ?? defaultWorkerCount();
  const judge = workers > 1 ? workerJudge(setup, workers) : localJudge(checkerFor(setup), holdout);
  const format = options.inputFormat ?? (fromStdin ? 'jsonl' : audienceFormatOf(options.profiles));
  const audience: { records: AsyncIterable<AudienceRecord>; bytesRead: () => number } = fromStdin
    ? { records: readAudienceStream(io.stdin as AsyncIterable<Buffer>, format), bytesRead: () => 0 }
    : readAudience(resolve(cwd, options.profiles), format);
  const totalBytes = fromStdin ? 0 : (await stat(resolve(cwd, options.profiles))).size;
  let summary: AuditSummary;
  try {
    summary = await runAudit(judge, audience.records, {
      shard: options.shard,
      holdout,
      onVerdict: (verdict) => write(`${verdict.text}\n`),
      onProgress: (read) => {
        if (progress && read % 1000 === 0) io.stderr(`\r${progressLine(read, (Date.now() - started) / 1000, totalBytes > 0 ? audience.bytesRead() / totalBytes : undefined)}  `);
      },
    });
  } finally {
    await judge.close();
  }
  if (buffered !== '') await flush(buffered);
  if (out)
    await new Promise<void>((done) =>
      out.end(() => {
        done();
      }),
    );
  if (progress) io.stderr('\r\u001b[K');
  const report =
    options.format === 'json'
      ? `${JSON.stringify(summary, null, 2)}\n`
      : options.format === 'html'
        ? formatAuditHtml(summary, template)
        : formatAuditSummary(summary, options.profiles);
  // The summary goes to --report, else where the verdicts do not.
  if (options.report) await writeFile(resolve(cwd, options.report), report);
  else if (out) io.stdout(report);
  else io.stderr(report);
  if (summary.malformed > 0) return EXIT.input;
  return summary.hold > 0 ? EXIT.findings : EXIT.ok;
}

function progressLine(read: number, seconds: number, done: number | undefined): string {
  const rate = `${read} recipients, ${Math.round(read / Math.max(seconds, 0.001))}/s, ${seconds.toFixed(0)} s`;
  if (done === undefined || done <= 0) return rate;
  return `${rate}, ${Math.round(done * 100)}%, about ${(seconds * (1 / done - 1)).toFixed(0)} s to go`;
}
