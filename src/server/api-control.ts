import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from '../load/datamap.js';
import { flowOf, type CheckContext } from './api-check.js';
import { checkJobFrom } from './check-request.js';
import { clientGone, HttpError, readJson, sendJson } from './http.js';

const KNOWN_KEYS = ['templateName', 'template', 'file', 'language', 'profile'];

/**
 * `POST /api/control` with `{ templateName | template, file?, language?, profile? }`: the
 * template's de-personalised twin for a control group (its source, what changed, the lines
 * a person must reword) and, with a profile, the twin as that recipient gets it.
 * `templateName`, `template`, `file` and `language` are read as `/api/check` reads them
 * (the twin is written in the language the template is checked in); the twin is made in
 * a checking thread, under its limits.
 */
export async function handleControl(request: IncomingMessage, response: ServerResponse, context: CheckContext): Promise<void> {
  const gone = clientGone(response);
  const body = await readJson(request, context.maxBodyBytes);
  if (!isRecord(body)) throw new HttpError(400, 'expected a JSON object: { "templateName" or "template": …, "file"?: …, "language"?: …, "profile"?: … }');
  const unknown = Object.keys(body).filter((key) => !KNOWN_KEYS.includes(key));
  if (unknown.length > 0)
    throw new HttpError(400, `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `\`${key}\``).join(', ')}; expected ${KNOWN_KEYS.join(', ')}`);
  const job = await checkJobFrom(body, context.project, 'control');
  const running = context.pool.run(job, { flow: flowOf(request, job.template), signal: gone });
  if (!running) throw new HttpError(503, 'too many checks waiting; try again shortly');
  context.counts.checks += 1;
  const outcome = await running;
  if (!outcome.ok && outcome.reason === 'cancelled') return;
  if (!outcome.ok && outcome.reason === 'closed') throw new HttpError(503, 'the server is shutting down');
  if (!outcome.ok && outcome.reason === 'failed') throw new HttpError(500, 'the twin could not be made: this is a bug in creeplint, please report it with the template');
  if (!outcome.ok) {
    context.counts.stopped += 1;
    throw new HttpError(422, `making the twin was stopped by the ${outcome.reason === 'time' ? 'time' : 'memory'} limit: /api/check shows where the template runs away`);
  }
  const answer = outcome.answer;
  // A parser's own words about a template that does not parse may quote it: only where it broke is said.
  if (answer.kind === 'control-unparsed')
    throw new HttpError(422, `the template does not parse (line ${answer.line}, column ${answer.column}), so it has no twin: /api/check says why`);
  if (answer.kind !== 'control') throw new HttpError(500, 'the twin could not be made: this is a bug in creeplint, please report it with the template');
  sendJson(response, 200, { source: answer.source, notes: answer.notes, needsHuman: answer.needsHuman, ...(answer.preview ? { preview: answer.preview } : {}) });
}
