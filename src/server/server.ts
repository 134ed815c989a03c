import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { VERSION } from '../version.js';
import { SERVE_DEFAULTS } from './defaults.js';
import { handleAudit, ServerClosing } from './api-audit.js';
import { handleCheck } from './api-check.js';
import { handleControl } from './api-control.js';
import { handleProject, handleReadPartial, handleReadProfile, handleReadTemplate, handleRules, handleSaveTemplate } from './api-project.js';
import { bearerMatches, isLoopback, newToken } from './auth.js';
import { CheckPool } from './check-pool.js';
import type { ServerProject } from './check-request.js';
import { HttpError, requireMediaType, send, sendError, sendJson } from './http.js';
import { emptyCounts, type ServerCounts } from './server-counts.js';
import { loadAssets, STUDIO_CSP } from './static-assets.js';
import { TrustedHosts } from './trusted-hosts.js';

export interface ServeOptions {
  host: string;
  port: number;
  project: ServerProject;
  /**
   * The bearer token every API call must carry. A fresh random one is made when none is
   * given; off loopback one must be given.
   */
  token: string | undefined;
  maxBodyBytes: number;
  timeLimitMs: number;
  /** Threads checking in parallel. */
  workers: number;
  /** Heap for each checking thread; a check that needs more is stopped with a finding. */
  memoryLimitMb?: number | undefined;
}

/** How long a closing server lets the work in flight finish before it answers the rest 503 and stops. */
const DRAIN_MS = 3000;

/** Every route the server answers: the OpenAPI description (schema/openapi.json) lists exactly these. */
export const ROUTES = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/api/openapi.json' },
  { method: 'GET', path: '/api/report.schema.json' },
  { method: 'GET', path: '/api/rules' },
  { method: 'POST', path: '/api/check' },
  { method: 'POST', path: '/api/audit' },
  { method: 'POST', path: '/api/preview' },
  { method: 'POST', path: '/api/control' },
  { method: 'GET', path: '/api/project' },
  { method: 'GET', path: '/api/templates/{name}' },
  { method: 'PUT', path: '/api/templates/{name}' },
  { method: 'GET', path: '/api/profiles/{name}' },
  { method: 'GET', path: '/api/partials/{name}' },
] as const;

export interface RunningServer {
  url: string;
  /** The bearer token API calls must carry: the one given, or the one made at start. */
  token: string;
  counts: ServerCounts;
  /** Stop taking requests, let the work in flight finish (a few seconds at most), then stop. */
  close(): Promise<void>;
}

const OPENAPI = readFileSync(new URL('../../schema/openapi.json', import.meta.url), 'utf8');
const REPORT_SCHEMA = readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8');
const JSON_TYPE = ['application/json'];
const AUDIT_TYPES = ['application/x-ndjson', 'application/json'];

/**
 * `creeplint serve`: the studio page and the HTTP API on one local server. It stores and
 * logs nothing from a request; it counts them. It trusts only its own page: a request must
 * name this server in `Host`, come from no other site's page (`Origin`), carry the token
 * for `/api`, and send JSON when it sends a body.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(options.host) && !options.token) {
    throw new Error(`serving on ${options.host} makes the API reachable from other machines: give --token (every API call must then carry it)`);
  }
  const token = options.token || newToken();
  const assets = await loadAssets();
  const counts = emptyCounts();
  const pool = new CheckPool({ size: options.workers, timeLimitMs: options.timeLimitMs, memoryLimitMb: options.memoryLimitMb ?? SERVE_DEFAULTS.memoryLimitMb, maxQueue: 256 });
  const { project, maxBodyBytes, timeLimitMs } = options;
  const audits = new Set<AbortController>();
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Before anything else, and never repeating what the headers said: exactly one Host
    // (Node would keep the first of several), naming this server; no other site's Origin.
    const hosts = request.headersDistinct['host'] ?? [];
    if (hosts.length !== 1 || !trusted.allowsHost(hosts[0]))
      throw new HttpError(403, 'this server answers only to its own address (the Host header names another): open the URL `creeplint serve` printed');
    if (!trusted.allowsOrigin(request.headers.origin)) throw new HttpError(403, 'requests from pages on other sites are refused (the Origin header names another)');
    if (closing) throw new HttpError(503, 'the server is shutting down');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const asset = method === 'GET' ? assets.get(path) : undefined;
    if (asset) {
      response.setHeader('content-security-policy', STUDIO_CSP);
      send(response, 200, asset.body, asset.type);
      return;
    }
    if (path === '/healthz' && method === 'GET') {
      sendJson(response, 200, { status: 'ok', version: VERSION, counts });
      return;
    }
    if (!path.startsWith('/api/')) throw new HttpError(404, 'nothing at this path');
    if (!bearerMatches(request.headers.authorization, token)) {
      response.setHeader('www-authenticate', 'Bearer');
      throw new HttpError(401, 'this server needs its token: send `Authorization: Bearer <token>` (the token is in the studio URL `creeplint serve` printed, after #token=)');
    }
    const named = (prefix: string): string | undefined => {
      if (!path.startsWith(prefix) || path.length === prefix.length) return undefined;
      try {
        return decodeURIComponent(path.slice(prefix.length));
      } catch {
        throw new HttpError(400, `the name in ${prefix}… is not valid URL encoding`);
      }
    };
    const template = named('/api/templates/');
    const profile = named('/api/profiles/');
    const partial = named('/api/partials/');
    const key = `${method} ${template !== undefined ? '/api/templates/{name}' : profile !== undefined ? '/api/profiles/{name}' : partial !== undefined ? '/api/partials/{name}' : path}`;
    switch (key) {
      case 'GET /api/openapi.json':
        send(response, 200, OPENAPI, 'application/json; charset=utf-8');
        return;
      case 'GET /api/report.schema.json':
        send(response, 200, REPORT_SCHEMA, 'application/json; charset=utf-8');
        return;
      case 'GET /api/rules':
        handleRules(response);
        return;
      case 'POST /api/check':
        requireMediaType(request, JSON_TYPE);
        return handleCheck(request, response, { project, pool, maxBodyBytes, counts }, 'report');
      case 'POST /api/preview':
        requireMediaType(request, JSON_TYPE);
        return handleCheck(request, response, { project, pool, maxBodyBytes, counts }, 'studio');
      case 'POST /api/control':
        requireMediaType(request, JSON_TYPE);
        return handleControl(request, response, { project, pool, maxBodyBytes, counts });
      case 'POST /api/audit':
        requireMediaType(request, AUDIT_TYPES);
        return handleAudit(request, response, url, { project, maxBodyBytes, timeLimitMs, counts, running: audits, maxAudits: options.workers });
      case 'GET /api/project':
        return handleProject(response, project);
      case 'GET /api/templates/{name}':
        return handleReadTemplate(response, project, template as string);
      case 'PUT /api/templates/{name}':
        requireMediaType(request, JSON_TYPE);
        return handleSaveTemplate(request, response, project, template as string, maxBodyBytes);
      case 'GET /api/profiles/{name}':
        return handleReadProfile(response, project, profile as string);
      case 'GET /api/partials/{name}':
        return handleReadPartial(response, project, partial as string);
      default: {
        const known = ROUTES.filter((candidate) => candidate.path === key.slice(method.length + 1));
        if (known.length > 0) {
          response.setHeader('allow', known.map((candidate) => candidate.method).join(', '));
          throw new HttpError(405, `${method} is not allowed on ${known[0]?.path ?? 'this path'}`);
        }
        throw new HttpError(404, 'no API at this path');
      }
    }
  };

  const server: Server = createServer((request, response) => {
    counts.requests += 1;
    // A response's errors mean its client has gone: nothing to answer, and never a crash.
    response.on('error', () => undefined);
    const handling = route(request, response)
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (status >= 400) counts.refused += 1;
        // A body refused before it was read to its end: close the connection rather than read the rest.
        if (!request.complete && !response.headersSent) response.setHeader('connection', 'close');
        sendError(response, status, error instanceof HttpError ? error.message : 'the server could not answer this request');
      })
      .catch(() => undefined)
      .finally(() => inFlight.delete(handling));
    inFlight.add(handling);
  });
  const trusted = new TrustedHosts(options.host, () => (server.address() as AddressInfo | null)?.port);
  server.requestTimeout = Math.max(30_000, timeLimitMs * 4);
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host, () => {
      server.off('error', failed);
      listening();
    });
  });
  // Once listening, a connection that cannot be accepted (too many open files) is lost, not the server.
  server.on('error', () => undefined);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const settled = (limitMs: number): Promise<void> => Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), delay(limitMs)]);
  return {
    url: `http://${host}:${address.port}/`,
    token,
    counts,
    async close() {
      if (closing) return;
      closing = true;
      const closed = new Promise<void>((done) =>
        server.close(() => {
          done();
        }),
      );
      server.closeIdleConnections();
      // An audit can stream for minutes: it stops now, with a last line that says why.
      for (const audit of audits) audit.abort(new ServerClosing());
      await settled(DRAIN_MS);
      // Checks still waiting or running are answered 503.
      await pool.close();
      await settled(500);
      server.closeAllConnections();
      await closed;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}
