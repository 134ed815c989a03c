import type { IncomingMessage, ServerResponse } from 'node:http';
import { workerJudge } from '../presend/audit-pool.js';
import { runAudit, type RecordJudge } from '../presend/audit.js';
import { readJsonLines } from '../load/audience.js';
import type { ServerProject } from './check-request.js';
import { clientGone, HttpError, limitedBody, startStream, writeChunk } from './http.js';
import type { ServerCounts } from './server-counts.js';

export interface AuditContext {
  project: ServerProject;
  maxBodyBytes: number;
  timeLimitMs: number;
  counts: ServerCounts;
  /** Audits running now, each with its own thread and a way to stop it; past `maxAudits` a new one gets 503. */
  running: Set<AbortController>;
  maxAudits: number;
}

/** Why the server stopped an audit itself (it is shutting down): said in the audit's last line. */
export class ServerClosing extends Error {
  constructor() {
    super('the server is shutting down; the verdicts sent stand, the rest were not checked');
  }
}

/**
 * `POST /api/audit?template=NAME`: a JSON Lines body of recipients in, a JSON Lines
 * stream of verdicts out (`{id, verdict, score, band, rules}`; malformed records as
 * `{line, error}`, which never quote the line), then a last line `{summary}`. The
 * template is compiled once, in a worker thread; a batch of recipients that runs past the
 * time limit stops the audit with a last line `{error}`, as does a body over the size
 * limit. However it ends (finished, refused, stopped, or its client gone), its slot and
 * thread are freed at once.
 */
export async function handleAudit(request: IncomingMessage, response: ServerResponse, url: URL, context: AuditContext): Promise<void> {
  const name = url.searchParams.get('template');
  if (!name) throw new HttpError(400, 'name the template: POST /api/audit?template=NAME (a name under the templates folder)');
  const maxScore = scoreParameter(url.searchParams.get('maxScore'));
  const template = await context.project.files.openTemplate(name);
  const root = await context.project.files.templatesRoot();
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > context.maxBodyBytes)
    throw new HttpError(413, `the request body is larger than the limit of ${context.maxBodyBytes} bytes (serve --max-body)`);
  if (context.running.size >= context.maxAudits) throw new HttpError(503, `${context.maxAudits} audits are running; try again when one has finished`);
  const stop = new AbortController();
  const gone = clientGone(response);
  const abandon = (): void => {
    stop.abort(gone.reason);
  };
  if (gone.aborted) abandon();
  else gone.addEventListener('abort', abandon, { once: true });
  context.running.add(stop);
  context.counts.audits += 1;
  let judge: RecordJudge | undefined;
  try {
    // The template's name and folder come from the real path found under the templates folder, never from the request.
    judge = timedJudge(
      workerJudge(
        {
          template: template.text,
          file: template.name,
          dataMap: context.project.dataMap,
          partialDirs: context.project.partialDirs,
          cwd: root,
          settings: maxScore === undefined ? context.project.settings : { ...context.project.settings, maxScore },
        },
        1,
      ),
      context.timeLimitMs,
    );
    startStream(response, 'application/x-ndjson; charset=utf-8');
    const line = (value: unknown): Promise<void> | undefined => writeChunk(response, `${JSON.stringify(value)}\n`);
    try {
      const summary = await runAudit(judge, readJsonLines(limitedBody(request, context.maxBodyBytes)), {
        signal: stop.signal,
        onVerdict: (verdict) => {
          context.counts.recipients += 1;
          return writeChunk(response, `${verdict.text}\n`);
        },
        onMalformed: (record) => void line({ line: record.line, error: record.message }),
      });
      await line({ summary });
    } catch (error) {
      // The verdicts already sent stand; the last line says why the rest did not come.
      if (error instanceof AuditStopped) context.counts.stopped += 1;
      await line({ error: lastWord(error) });
    }
  } finally {
    gone.removeEventListener('abort', abandon);
    context.running.delete(stop);
    await judge?.close();
    endAudit(request, response);
  }
}

/** `maxScore=N`: the highest score sent rather than held, a whole number from 0 to 100. */
export function scoreParameter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const score = Number(value);
  if (value.trim() === '' || !Number.isInteger(score) || score < 0 || score > 100) throw new HttpError(400, '`maxScore` must be a whole number from 0 to 100');
  return score;
}

/** The last line of an audit that did not finish: our own messages, never a stream's or a thread's (they may quote a value). */
function lastWord(error: unknown): string {
  if (error instanceof HttpError || error instanceof AuditStopped || error instanceof ServerClosing) return error.message;
  return 'the audit stopped early: the request body could not be read to its end';
}

/**
 * End the answer. A body refused half-read (over the limit, or stopped) is not read on:
 * once the answer is out, the connection is closed from this side, gently, so the client
 * still reads every line.
 */
function endAudit(request: IncomingMessage, response: ServerResponse): void {
  if (response.destroyed) return;
  const socket = request.socket as typeof request.socket | null;
  response.end(() => {
    if (request.complete) return;
    // Drop what still comes (closing with unread data would reset the connection and lose the answer), and say we are done.
    request.resume();
    socket?.end();
  });
}

class AuditStopped extends Error {}

/** A judge whose batches must finish within the time limit; a late one stops the audit. Closing it stops every timer. */
function timedJudge(judge: RecordJudge, timeLimitMs: number): RecordJudge {
  const timers = new Set<NodeJS.Timeout>();
  return {
    judge: (batch) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          reject(new AuditStopped(`the audit was stopped: a batch of ${batch.length} recipients took longer than the time limit of ${timeLimitMs} ms`));
        }, timeLimitMs);
        timers.add(timer);
        const done = (): void => {
          clearTimeout(timer);
          timers.delete(timer);
        };
        judge.judge(batch).then(
          (outcomes) => {
            done();
            resolve(outcomes);
          },
          (error: unknown) => {
            done();
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }),
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return judge.close();
    },
  };
}
