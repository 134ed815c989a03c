import type { IncomingMessage, ServerResponse } from 'node:http';

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
  for await (const chunk of request as AsyncIterable<Buffer>) {
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

/** The body as JSON; 400 with where it broke when it is not. */
export async function readJson(request: IncomingMessage, limit: number): Promise<unknown> {
  const text = await readBody(request, limit);
  if (text.trim() === '') throw new HttpError(400, 'the request body is empty; expected a JSON object');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `the request body is not valid JSON: ${(error as Error).message}`);
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

/** Write to a response, waiting when the client reads slower than the server writes. */
export function writeChunk(response: ServerResponse, text: string): Promise<void> | undefined {
  if (response.write(text)) return undefined;
  return new Promise((resume) => response.once('drain', () => resume()));
}
