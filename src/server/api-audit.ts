import type { IncomingMessage, ServerResponse } from 'node:http';
import { workerJudge } from '../presend/audit-pool.js';
import { runAudit, verdictRecord, type RecordJudge } from '../presend/audit.js';
import { readJsonLines } from '../load/audience.js';
import type { ServerProject } from './check-request.js';
import { HttpError, limitedBody, startStream, writeChunk } from './http.js';
import type { ServerCounts } from './server-counts.js';

export interface AuditContext {
  project: ServerProject;
  maxBodyBytes: number;
  timeLimitMs: number;
  counts: ServerCounts;
  /** Audits running now, each with its own thread; past `maxAudits` a new one gets 503. */
  running: { audits: number };
  maxAudits: number;
}

/**
 * `POST /api/audit?template=NAME`: a JSON Lines body of recipients in, a JSON Lines
 * stream of verdicts out (`{id, verdict, score, band, rules}`; malformed records as
 * `{line, error}`), then a last line `{summary}`. The template is compiled once, in a worker
 * thread; a batch of recipients that runs past the time limit stops the audit with a
 * last line `{error}`.
 */
export async function handleAudit(request: IncomingMessage, response: ServerResponse, url: URL, context: AuditContext): Promise<void> {
  const name = url.searchParams.get('template');
  if (!name) throw new HttpError(400, 'name the template: POST /api/audit?template=NAME (a name under the templates folder)');
  const template = await context.project.files.readTemplate(name);
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > context.maxBodyBytes) throw new HttpError(413, `the request body is larger than the limit of ${context.maxBodyBytes} bytes (serve --max-body)`);
  if (context.running.audits >= context.maxAudits) throw new HttpError(503, `${context.maxAudits} audits are running; try again when one has finished`);
  context.running.audits += 1;
  context.counts.audits += 1;
  let judge: RecordJudge | undefined;
  try {
    judge = timedJudge(
      workerJudge({ template, file: name, dataMap: context.project.dataMap, partialDirs: context.project.partialDirs, cwd: context.project.files.templatesDir, settings: context.project.settings }, 1),
      context.timeLimitMs,
    );
    startStream(response, 'application/x-ndjson; charset=utf-8');
    const line = (value: unknown): Promise<void> | undefined => writeChunk(response, `${JSON.stringify(value)}\n`);
    try {
      const summary = await runAudit(judge, readJsonLines(limitedBody(request, context.maxBodyBytes)), {
        onVerdict: (verdict) => {
          context.counts.recipients += 1;
          return line(verdictRecord(verdict));
        },
        onMalformed: (record) => void line({ line: record.line, error: record.message }),
      });
      await line({ summary });
    } catch (error) {
      // The verdicts already sent stand; the last line says why the rest did not come.
      if (error instanceof AuditStopped) context.counts.stopped += 1;
      await line({ error: error instanceof Error ? error.message : String(error) });
    }
  } finally {
    context.running.audits -= 1;
    await judge?.close();
    response.end();
  }
}

class AuditStopped extends Error {}

/** A judge whose batches must finish within the time limit; a late one stops the audit. */
function timedJudge(judge: RecordJudge, timeLimitMs: number): RecordJudge {
  return {
    judge: (batch) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new AuditStopped(`the audit was stopped: a batch of ${batch.length} recipients took longer than the time limit of ${timeLimitMs} ms`)), timeLimitMs);
        judge.judge(batch).then(
          (outcomes) => {
            clearTimeout(timer);
            resolve(outcomes);
          },
          (error: unknown) => {
            clearTimeout(timer);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }),
    close: () => judge.close(),
  };
}
