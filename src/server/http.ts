import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonTextProblem } from './json-text.js';

/**
 * How deep objects and arrays in a request body may nest. A profile, a data map or a
 * check request needs a handful of levels; past this the body is refused before anything
 * walks it recursively.
 */
export const MAX_JSON_DEPTH = 64;

/** A request the server refuses, with the status and a message for the caller (never a customer value). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request body, chunk by chunk, stopping with 413 once it passes the limit: a
 * declared Content-Length over it is refused before anything is read.
 */
export async function* limitedBody(request: IncomingMessage, limit: number): AsyncGenerator<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  let received = 0;
  // Stopping early must not destroy the request (and with it the connection) while the answer is still being written.
  for await (const chunk of request.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limit) throw tooLarge(limit);
    yield chunk;
  }
}

export async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of limitedBody(request, limit)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The body as JSON; 400 with where it broke (line, column and what is wrong, never the text) when it is not. */
export async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const text = await readBody(request, limit);
  if (text.trim() === '') throw new HttpError(400, 'the request body is empty; expected a JSON object');
  return parseJsonText(text, 'the request body');
}

/** JSON text checked for syntax and depth first, then parsed; 400 naming what and where. */
export function parseJsonText(text: string, what: string): unknown {
  const problem = jsonTextProblem(text, MAX_JSON_DEPTH);
  if (problem) throw new HttpError(400, `${what} is not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}`);
  return JSON.parse(text) as unknown;
}

/**
 * Refuse a body of another type with 415 before reading it. Browsers send a cross-site
 * `text/plain`, form or multipart POST without asking first (no CORS preflight); a JSON
 * type makes them ask, and this server never says yes.
 */
export function requireMediaType(request: IncomingMessage, accepted: readonly string[]): void {
  const [type = '', ...parameters] = (request.headers['content-type'] ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters
    .find((parameter) => parameter.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/gu, '');
  if (!accepted.includes(type) || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new HttpError(415, `send the body as ${accepted.map((name) => `\`${name}\``).join(' or ')} (UTF-8)`);
  }
}

function tooLarge(limit: number): HttpError {
  return new HttpError(413, `the request body is larger than the limit of ${limit} bytes (serve --max-body)`);
}

/** Headers on every response: nothing is cached, sniffed or framed by another site. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

export function send(response: ServerResponse, status: number, body: string, contentType: string): void {
  response.writeHead(status, { ...COMMON_HEADERS, 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, `${JSON.stringify(value, null, 2)}\n`, 'application/json; charset=utf-8');
}

export function sendError(response: ServerResponse, status: number, message: string): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  sendJson(response, status, { error: message });
}

export function startStream(response: ServerResponse, contentType: string): void {
  response.writeHead(200, { ...COMMON_HEADERS, 'content-type': contentType });
}

/** The one wait for `drain` per response that writers share (listeners do not pile up). */
const draining = new WeakMap<ServerResponse, Promise<void>>();

/**
 * Write to a response, waiting when the client reads slower than the server writes. A
 * response whose client has gone is not written to, and never makes its writer wait.
 */
export function writeChunk(response: ServerResponse, text: string): Promise<void> | undefined {
  if (response.destroyed || response.writableEnded) return undefined;
  if (response.write(text)) return undefined;
  let waiting = draining.get(response);
  if (!waiting) {
    waiting = new Promise((resume) => {
      const done = (): void => {
        response.off('drain', done);
        response.off('close', done);
        draining.delete(response);
        resume();
      };
      response.once('drain', done);
      response.once('close', done);
    });
    draining.set(response, waiting);
  }
  return waiting;
}

/**
 * A signal that aborts when the client goes away before its answer is sent (it closed the
 * connection, or its request was cut off mid-body).
 */
export function clientGone(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  const gone = (): void => {
    if (!response.writableFinished) controller.abort(new Error('the client went away'));
  };
  if (response.destroyed) gone();
  response.once('close', gone);
  return controller.signal;
}
