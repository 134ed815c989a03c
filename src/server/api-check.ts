import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { countFindings } from '../engine/lint.js';
import { answerFor } from './check-answer.js';
import type { CheckPool } from './check-pool.js';
import { checkJobFrom, type ServerProject } from './check-request.js';
import { clientGone, HttpError, readJson, send, sendJson } from './http.js';
import { stoppedResults } from './stopped-results.js';
import type { ServerCounts } from './server-counts.js';

export interface CheckContext {
  project: ServerProject;
  pool: CheckPool;
  maxBodyBytes: number;
  counts: ServerCounts;
}

/**
 * `POST /api/check` (a report in the requested format, JSON by default: the report
 * contract in docs/judgement.md) and `POST /api/preview` (the studio's views). A check stopped by the time or
 * memory limit still answers, with a `render-error` finding that says so. A client that
 * goes away takes its check with it, waiting or running.
 */
export async function handleCheck(request: IncomingMessage, response: ServerResponse, context: CheckContext, answer: 'report' | 'studio'): Promise<void> {
  const gone = clientGone(response);
  const job = await checkJobFrom(await readJson(request, context.maxBodyBytes), context.project, answer);
  const running = context.pool.run(job, { flow: flowOf(request, job.template), signal: gone });
  if (!running) throw new HttpError(503, 'too many checks waiting; try again shortly');
  context.counts.checks += 1;
  const outcome = await running;
  if (!outcome.ok && outcome.reason === 'cancelled') return;
  if (!outcome.ok && outcome.reason === 'closed') throw new HttpError(503, 'the server is shutting down');
  // The engine's message may quote the template or a value: it is not passed on.
  if (!outcome.ok && outcome.reason === 'failed') throw new HttpError(500, 'the check failed: this is a bug in creeplint, please report it with the template');
  if (!outcome.ok) context.counts.stopped += 1;
  const result = outcome.ok ? outcome.answer : answerFor(job, await stoppedResults(job, outcome.message), [], []);
  if (result.kind === 'studio')
    sendJson(response, 200, {
      views: result.views,
      ...countFindings(
        result.views.map((view) => view.result),
        result.templates,
      ),
    });
  else if (result.kind === 'report') send(response, 200, result.body, result.contentType);
  else throw new HttpError(500, 'the check failed: this is a bug in creeplint, please report it with the template');
}

/**
 * Checks of one template from one address form a flow; flows take turns in the queue. A
 * template's cost is most of a check's cost, so three hundred checks of a slow template
 * wait behind each other, not in front of everyone else.
 */
export function flowOf(request: IncomingMessage, template: string): string {
  return `${request.socket.remoteAddress ?? ''} ${createHash('sha256').update(template).digest('base64')}`;
}
