import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { VERSION } from '../version.js';
import { handleAudit } from './api-audit.js';
import { handleCheck } from './api-check.js';
import { handleProject, handleReadProfile, handleReadTemplate, handleRules, handleSaveTemplate } from './api-project.js';
import { bearerMatches, isLoopback } from './auth.js';
import { CheckPool } from './check-pool.js';
import type { ServerProject } from './check-request.js';
import { HttpError, send, sendError, sendJson } from './http.js';
import { emptyCounts, type ServerCounts } from './server-counts.js';
import { loadAssets, STUDIO_CSP } from './static-assets.js';

export interface ServeOptions {
  host: string;
  port: number;
  project: ServerProject;
  /** Required when the host is not a loopback address: every API call must carry it as a bearer token. */
  token: string | undefined;
  maxBodyBytes: number;
  timeLimitMs: number;
  /** Threads checking in parallel. */
  workers: number;
  /** Heap for each checking thread; a check that needs more is stopped with a finding. */
  memoryLimitMb?: number | undefined;
}

export const DEFAULTS = { host: '127.0.0.1', port: 4870, maxBodyBytes: 5 * 1024 * 1024, timeLimitMs: 5000, memoryLimitMb: 512 } as const;

/** Every route the server answers: the OpenAPI description (schema/openapi.json) lists exactly these. */
export const ROUTES = [
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/api/openapi.json' },
  { method: 'GET', path: '/api/report.schema.json' },
  { method: 'GET', path: '/api/rules' },
  { method: 'POST', path: '/api/check' },
  { method: 'POST', path: '/api/audit' },
  { method: 'POST', path: '/api/preview' },
  { method: 'GET', path: '/api/project' },
  { method: 'GET', path: '/api/templates/{name}' },
  { method: 'PUT', path: '/api/templates/{name}' },
  { method: 'GET', path: '/api/profiles/{name}' },
] as const;

export interface RunningServer {
  url: string;
  counts: ServerCounts;
  close(): Promise<void>;
}

const OPENAPI = readFileSync(new URL('../../schema/openapi.json', import.meta.url), 'utf8');
const REPORT_SCHEMA = readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8');

/**
 * `creeplint serve`: the studio page and the HTTP API on one local server. It stores and
 * logs nothing from a request; it counts them.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  if (!isLoopback(options.host) && !options.token) {
    throw new Error(`serving on ${options.host} makes the API reachable from other machines: give --token (every API call must then carry it)`);
  }
  const assets = await loadAssets();
  const counts = emptyCounts();
  const pool = new CheckPool({ size: options.workers, timeLimitMs: options.timeLimitMs, memoryLimitMb: options.memoryLimitMb ?? DEFAULTS.memoryLimitMb, maxQueue: 256 });
  const { project, maxBodyBytes, timeLimitMs } = options;
  const running = { audits: 0 };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const asset = method === 'GET' ? assets.get(path) : undefined;
    if (asset) {
      response.setHeader('content-security-policy', STUDIO_CSP);
      return send(response, 200, asset.body, asset.type);
    }
    if (path === '/healthz' && method === 'GET') return sendJson(response, 200, { status: 'ok', version: VERSION, counts });
    if (!path.startsWith('/api/')) throw new HttpError(404, `nothing at ${path}`);
    if (options.token && !bearerMatches(request.headers.authorization, options.token)) {
      response.setHeader('www-authenticate', 'Bearer');
      throw new HttpError(401, 'this server needs its token: send `Authorization: Bearer <token>`');
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
    const key = `${method} ${template !== undefined ? '/api/templates/{name}' : profile !== undefined ? '/api/profiles/{name}' : path}`;
    switch (key) {
      case 'GET /api/openapi.json':
        return send(response, 200, OPENAPI, 'application/json; charset=utf-8');
      case 'GET /api/report.schema.json':
        return send(response, 200, REPORT_SCHEMA, 'application/json; charset=utf-8');
      case 'GET /api/rules':
        return handleRules(response);
      case 'POST /api/check':
        return handleCheck(request, response, { project, pool, maxBodyBytes, counts }, 'report');
      case 'POST /api/preview':
        return handleCheck(request, response, { project, pool, maxBodyBytes, counts }, 'studio');
      case 'POST /api/audit':
        return handleAudit(request, response, url, { project, maxBodyBytes, timeLimitMs, counts, running, maxAudits: options.workers });
      case 'GET /api/project':
        return handleProject(response, project);
      case 'GET /api/templates/{name}':
        return handleReadTemplate(response, project, template as string);
      case 'PUT /api/templates/{name}':
        return handleSaveTemplate(request, response, project, template as string, maxBodyBytes);
      case 'GET /api/profiles/{name}':
        return handleReadProfile(response, project, profile as string);
      default: {
        const known = ROUTES.filter((candidate) => candidate.path === key.slice(method.length + 1));
        if (known.length > 0) {
          response.setHeader('allow', known.map((candidate) => candidate.method).join(', '));
          throw new HttpError(405, `${method} is not allowed on ${path}`);
        }
        throw new HttpError(404, `no API at ${path}`);
      }
    }
  };

  const server: Server = createServer((request, response) => {
    counts.requests += 1;
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 400) counts.refused += 1;
      // A body refused half-read: close the connection rather than read the rest.
      if (status === 413) response.setHeader('connection', 'close');
      sendError(response, status, error instanceof HttpError ? error.message : 'the server could not answer this request');
    });
  });
  server.requestTimeout = Math.max(30_000, timeLimitMs * 4);
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(options.port, options.host, () => listening());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    counts,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
      await pool.close();
    },
  };
}
