/**
 * `creeplint serve` probed as an attacker would (issue 11): other websites (DNS rebinding,
 * cross-site requests), requests that try to choose a folder, requests that try to take the
 * server down or hold it up, and every error answer searched for a value it was sent.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataMap } from '../../src/load/datamap.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { ProjectFiles } from '../../src/server/project-files.js';
import { startServer, type RunningServer, type ServeOptions } from '../../src/server/server.js';
import { ROOT, scratchProject, spawnServe } from '../server/support.js';

const DATA_MAP = parseDataMap(readFileSync(join(ROOT, 'fixtures/datamap.yaml'), 'utf8'), 'fixtures/datamap.yaml');
const TOKEN = 'security-suite-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const JSON_TYPE = { 'content-type': 'application/json' };
const NDJSON = { 'content-type': 'application/x-ndjson' };
/** Renders 2000³ times: only the time limit (or its client going away) stops it. */
const RUNAWAY = '---\npurpose: marketing\n---\n{{#each items}}{{#each ../items}}{{#each ../../items}}{{name}}{{/each}}{{/each}}{{/each}}';
const RUNAWAY_PROFILE = { id: 'big', data: { items: Array.from({ length: 2000 }, () => ({ name: 'x' })) }, consent: {} };
/** What a file outside the templates folder holds: it must never come back. */
const OUTSIDE_SECRET = 'OUTSIDE-SECRET-4c1d';

type Project = ReturnType<typeof scratchProject>;

/** The scratch project, with an MJML partial inside it and secrets beside it (outside the templates folder). */
function hostileProject(): Project {
  const project = scratchProject();
  writeFileSync(join(project.templates, 'partials', 'banner.mjml'), '<mj-text>INSIDE-PARTIAL</mj-text>\n');
  mkdirSync(join(project.root, 'elsewhere'));
  writeFileSync(join(project.root, 'elsewhere', 'secret.mjml'), `<mj-text>${OUTSIDE_SECRET}</mj-text>\n`);
  writeFileSync(join(project.root, 'elsewhere', 'secret.hbs'), `${OUTSIDE_SECRET}\n`);
  writeFileSync(join(project.root, 'secret.hbs'), `${OUTSIDE_SECRET}\n`);
  return project;
}

function serverFor(project: Project, overrides: Partial<ServeOptions> = {}): Promise<RunningServer> {
  return startServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    maxBodyBytes: 64 * 1024,
    timeLimitMs: 2000,
    workers: 1,
    project: { files: new ProjectFiles(project.templates, project.profiles), dataMap: DATA_MAP, settings: DEFAULT_SETTINGS, partialDirs: [] },
    ...overrides,
  });
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly the headers given (fetch will not send a foreign Host). */
function raw(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** What the server answers to a request written byte for byte (duplicate headers, broken framing). */
function rawText(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => {
      resolve(answer);
    });
    socket.on('error', reject);
  });
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { ...JSON_TYPE, ...AUTH, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body), ...(signal ? { signal } : {}) });

const audit = (base: string, template: string, body: BodyInit, init: RequestInit = {}) =>
  fetch(`${base}api/audit?template=${template}`, { method: 'POST', headers: { ...NDJSON, ...AUTH }, body, ...init, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) });

const lines = (text: string): Record<string, unknown>[] =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

async function alive(server: RunningServer): Promise<boolean> {
  return (await fetch(`${server.url}healthz`)).status === 200;
}

describe('the server trusts only its own page', () => {
  let project: Project;
  let server: RunningServer;
  let port: string;

  beforeAll(async () => {
    project = hostileProject();
    server = await serverFor(project);
    port = new URL(server.url).port;
  });
  afterAll(() => server.close());

  it('refuses a request whose Host is another name (DNS rebinding), even with the token', async () => {
    for (const path of ['/api/profiles/full-consent.json', '/api/project', '/', '/healthz']) {
      const rebound = await raw(server.url, { path, headers: { host: `attacker.example:${port}`, ...AUTH } });
      expect(rebound.status, path).toBe(403);
      expect(rebound.body, path).not.toContain('Layla');
      expect(JSON.parse(rebound.body)).toEqual({ error: 'this server answers only to its own address (the Host header names another): open the URL `creeplint serve` printed' });
    }
    const put = await raw(server.url, {
      method: 'PUT',
      path: '/api/templates/creepy.hbs',
      headers: { host: `attacker.example:${port}`, ...AUTH, ...JSON_TYPE },
      body: '{"source":"pwned"}',
    });
    expect(put.status).toBe(403);
    expect(readFileSync(join(project.templates, 'creepy.hbs'), 'utf8')).not.toBe('pwned');
    // Two Host headers (Node would keep the first): refused, whichever comes first.
    for (const hosts of [
      [`127.0.0.1:${port}`, 'attacker.example'],
      ['attacker.example', `127.0.0.1:${port}`],
    ]) {
      const answer = await rawText(
        server.url,
        `GET /api/rules HTTP/1.1\r\n${hosts.map((host) => `host: ${host}\r\n`).join('')}authorization: Bearer ${TOKEN}\r\nconnection: close\r\n\r\n`,
      );
      expect(answer.split('\r\n')[0], hosts.join(' ')).toBe('HTTP/1.1 403 Forbidden');
    }
    // Another port, a name that merely starts like ours, no Host at all: refused too.
    for (const host of [`127.0.0.1:${Number(port) + 1}`, `localhost.attacker.example:${port}`, `127.0.0.1.nip.io:${port}`, 'localhost']) {
      expect((await raw(server.url, { path: '/api/rules', headers: { host, ...AUTH } })).status, host).toBe(403);
    }
  });

  it('answers to its loopback names and addresses on its port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LocalHost:${port}`, `[::1]:${port}`, `127.0.0.2:${port}`]) {
      expect((await raw(server.url, { path: '/api/rules', headers: { host, ...AUTH } })).status, host).toBe(200);
    }
  });

  it('refuses a request from another site’s page (Origin), and accepts its own', async () => {
    const check = (origin: string) =>
      raw(server.url, {
        method: 'POST',
        path: '/api/check',
        headers: { host: `127.0.0.1:${port}`, origin, ...AUTH, ...JSON_TYPE },
        body: '{"template":"creepy.hbs","profile":"full-consent.json"}',
      });
    for (const origin of [
      'https://attacker.example',
      `http://attacker.example:${port}`,
      'null',
      `http://127.0.0.1:${Number(port) + 1}`,
      `https://127.0.0.1:${port}`,
      `http://localhost:${port}.attacker.example`,
    ]) {
      const answer = await check(origin);
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.body), origin).toEqual({ error: 'requests from pages on other sites are refused (the Origin header names another)' });
    }
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) expect((await check(origin)).status, origin).toBe(200);
  });

  it('takes bodies only as JSON (and JSON Lines for audits): a cross-site text/plain or form POST gets 415', async () => {
    const body = JSON.stringify({ template: 'creepy.hbs', profile: 'full-consent.json' });
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      'application/jsonx',
      '',
    ]) {
      const headers: Record<string, string> = { ...AUTH, ...(type ? { 'content-type': type } : {}) };
      for (const path of ['/api/check', '/api/preview', '/api/control']) {
        const answer = await fetch(`${server.url}${path.slice(1)}`, { method: 'POST', headers, body });
        expect(answer.status, `${path} ${type}`).toBe(415);
        expect(((await answer.json()) as { error: string }).error).toBe('send the body as `application/json` (UTF-8)');
      }
      const put = await fetch(`${server.url}api/templates/creepy.hbs`, { method: 'PUT', headers, body: '{"source":"pwned"}' });
      expect(put.status, `PUT ${type}`).toBe(415);
      const audited = await fetch(`${server.url}api/audit?template=creepy.hbs`, { method: 'POST', headers, body: '{"id":"a"}\n' });
      expect(audited.status, `audit ${type}`).toBe(415);
      expect(((await audited.json()) as { error: string }).error).toBe('send the body as `application/x-ndjson` or `application/json` (UTF-8)');
    }
    expect(readFileSync(join(project.templates, 'creepy.hbs'), 'utf8')).not.toBe('pwned');
    expect((await post(`${server.url}api/check`, body, { 'content-type': 'Application/JSON; charset="utf-8"' })).status).toBe(200);
  });

  it('needs the token for every API call, on loopback too; the page and /healthz need none', async () => {
    for (const path of ['api/rules', 'api/project', 'api/profiles/full-consent.json', 'api/templates/creepy.hbs', 'api/openapi.json']) {
      for (const authorization of [undefined, 'Bearer', 'Bearer ', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, `bearer${TOKEN}`]) {
        const answer = await fetch(`${server.url}${path}`, { headers: authorization === undefined ? {} : { authorization } });
        expect(answer.status, `${path} ${authorization}`).toBe(401);
        expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      }
      // Not in the query string either: that would end up in logs and history.
      expect((await fetch(`${server.url}${path}?token=${TOKEN}`)).status).toBe(401);
    }
    const refused = await fetch(`${server.url}api/check`, { method: 'POST', headers: JSON_TYPE, body: '{"template":"creepy.hbs","profile":"full-consent.json"}' });
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain(TOKEN);
    expect((await fetch(`${server.url}api/rules`, { headers: AUTH })).status).toBe(200);
    expect((await fetch(server.url)).status).toBe(200);
    expect((await fetch(`${server.url}healthz`)).status).toBe(200);
  });

  it('makes a fresh token on every start when none is given', async () => {
    const [first, second] = await Promise.all([serverFor(project, { token: undefined }), serverFor(project, { token: undefined })]);
    try {
      expect(first.token).toMatch(/^[\w-]{32}$/u);
      expect(second.token).not.toBe(first.token);
      expect((await fetch(`${first.url}api/rules`)).status).toBe(401);
      expect((await fetch(`${first.url}api/rules`, { headers: { authorization: `Bearer ${second.token}` } })).status).toBe(401);
      expect((await fetch(`${first.url}api/rules`, { headers: { authorization: `Bearer ${first.token}` } })).status).toBe(200);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('a request never chooses a folder', () => {
  let project: Project;
  let server: RunningServer;

  beforeAll(async () => {
    project = hostileProject();
    server = await serverFor(project);
  });
  afterAll(() => server.close());

  const mjml = (include: string): string => `---\npurpose: marketing\n---\n<mjml><mj-body><mj-section><mj-column>${include}</mj-column></mj-section></mj-body></mjml>`;

  it('reads neither /etc/passwd nor any file outside the templates folder through `file` and an include', async () => {
    const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:';
    const attempts: { template: string; file: string }[] = [];
    for (const file of [
      '../../../../../../etc/x.mjml',
      '/etc/x.mjml',
      '../elsewhere/x.mjml',
      '..\\..\\etc\\x.mjml',
      'partials/../../elsewhere/x.mjml',
      `${'../'.repeat(40)}etc/x.mjml`,
    ]) {
      for (const path of ['passwd', '/etc/passwd', 'secret', 'secret.mjml', '../secret.mjml', '../elsewhere/secret.mjml', '../../etc/passwd']) {
        attempts.push({ template: mjml(`<mj-include path="${path}" />`), file });
      }
      attempts.push({ template: '{{> secret}}{{> ../secret}}{{> ../elsewhere/secret}}', file: file.replace(/\.mjml$/u, '.hbs') });
    }
    for (const attempt of attempts) {
      for (const [endpoint, format] of [
        ['check', 'json'],
        ['check', 'html'],
        ['preview', undefined],
      ] as const) {
        const answer = await post(`${server.url}api/${endpoint}`, { ...attempt, profile: 'full-consent.json', showValues: true, ...(format ? { format } : {}) });
        const text = await answer.text();
        expect(answer.status, `${attempt.file} ${endpoint}`).toBe(200);
        expect(text, `${attempt.file} ${attempt.template}`).not.toContain(passwd);
        expect(text, `${attempt.file} ${attempt.template}`).not.toContain(OUTSIDE_SECRET);
      }
    }
  });

  it('resolves a draft’s includes and partials from the templates folder, whatever `file` says; only its extension counts', async () => {
    for (const file of ['x.mjml', '../../../../etc/x.mjml', 'deep/down/x.mjml']) {
      const answer = (await (
        await post(`${server.url}api/preview`, { template: mjml('<mj-include path="partials/banner.mjml" />'), file, profile: 'full-consent.json' })
      ).json()) as { views: { preview: string; result: { template: string } }[] };
      expect(answer.views[0]?.preview, file).toContain('INSIDE-PARTIAL');
      expect(answer.views[0]?.result.template, file).toBe('draft.mjml');
    }
    const hbs = (await (await post(`${server.url}api/check`, { template: 'Hi {{> footer}}', file: '../../nowhere/x.hbs', profile: 'full-consent.json' })).json()) as {
      results: { template: string; findings: { ruleId: string }[] }[];
    };
    expect(hbs.results[0]?.template).toBe('draft.hbs');
    expect(hbs.results[0]?.findings.map((finding) => finding.ruleId)).not.toContain('no-missing-partial');
    // A draft of a saved template sits in its place; the name comes from the folder, not the request.
    const saved = (await (await post(`${server.url}api/check`, { template: 'Hi {{> footer}}', file: './partials/../creepy.hbs', profile: 'full-consent.json' })).json()) as {
      results: { template: string }[];
    };
    expect(saved.results[0]?.template).toBe('creepy.hbs');
    const wrong = await post(`${server.url}api/check`, { template: 'Hi', file: '../../etc/passwd' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toMatch(/^`file` must be a string naming the draft, ending in /u);
  });

  it('audits only a template under the templates folder', async () => {
    for (const name of ['../secret.hbs', '..%2Fsecret.hbs', '/etc/passwd', '../elsewhere/secret.hbs', 'linked-outside.hbs', '%2Fetc%2Fpasswd', 'partials/../../secret.hbs']) {
      const answer = await audit(server.url, name, '{"id":"a"}\n');
      const text = await answer.text();
      expect(answer.status, name).toBe(404);
      expect(text).not.toContain(OUTSIDE_SECRET);
    }
  });
});

describe('one request never takes the server down or holds it up', () => {
  let project: Project;
  let server: RunningServer;

  beforeAll(async () => {
    project = hostileProject();
    writeFileSync(join(project.templates, 'runaway.hbs'), RUNAWAY);
    writeFileSync(join(project.templates, 'plain.hbs'), '---\npurpose: marketing\n---\nHi {{first_name}}\n');
    server = await serverFor(project, { timeLimitMs: 1000, maxBodyBytes: 1024 * 1024 });
  });
  afterAll(() => server.close());

  /** An audience of `count` recipients, one JSON line each. */
  const audience = (count: number): string =>
    Array.from({ length: count }, (_, index) => JSON.stringify({ id: `r${index}`, data: { first_name: 'Ada' }, consent: { marketing: { granted: true } } })).join('\n');

  it('an over-limit chunked audit streams its verdicts and the 413 line; the server stays up and the slot is free', async () => {
    // Batches are judged with a time limit, each on its own timer: a server with a limit the batches keep to.
    const auditing = await serverFor(project, { timeLimitMs: 2000, maxBodyBytes: 1024 * 1024 });
    try {
      const chunk = new TextEncoder().encode(`${audience(1000)}\n`);
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          // About 80 KB a chunk, 2.4 MB in all: past the 1 MB limit, without a Content-Length.
          for (let index = 0; index < 30; index += 1) controller.enqueue(chunk);
          controller.close();
        },
      });
      const answer = await audit(auditing.url, 'plain.hbs', body);
      expect(answer.status).toBe(200);
      const received = lines(await answer.text());
      expect(received.at(-1)).toEqual({ error: 'the request body is larger than the limit of 1048576 bytes (serve --max-body)' });
      expect(received.some((line) => 'verdict' in line)).toBe(true);
      // Batches abandoned mid-audit had their own timers (the time limit): let them run out.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await alive(auditing)).toBe(true);
      const next = await audit(auditing.url, 'plain.hbs', `${audience(3)}\n`);
      expect(next.status).toBe(200);
      expect(lines(await next.text()).at(-1)?.['summary']).toMatchObject({ read: 3 });
    } finally {
      await auditing.close();
    }
  }, 30_000);

  it('an audit whose client closes the socket mid-body frees its slot; the next audit succeeds', async () => {
    const { hostname, port } = new URL(server.url);
    const audits = async (): Promise<number> => ((await (await fetch(`${server.url}healthz`)).json()) as { counts: { audits: number } }).counts.audits;
    for (const framing of ['transfer-encoding: chunked', 'content-length: 30000']) {
      const before = await audits();
      const socket = connect(Number(port), hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      const part = `${audience(20)}\n`;
      const head = `POST /api/audit?template=creepy.hbs HTTP/1.1\r\nhost: ${hostname}:${port}\r\nauthorization: Bearer ${TOKEN}\r\ncontent-type: application/x-ndjson\r\n${framing}\r\n\r\n`;
      socket.write(framing.startsWith('transfer') ? `${head}${part.length.toString(16)}\r\n${part}\r\n` : `${head}${part}`);
      // Once the audit has started (it holds the only slot), go away mid-body.
      await expect.poll(audits, { timeout: 10_000, interval: 50 }).toBe(before + 1);
      socket.destroy();
      // A slot held for ever would answer 503 here for good.
      await expect.poll(async () => (await audit(server.url, 'creepy.hbs', `${audience(2)}\n`)).status, { timeout: 10_000, interval: 100 }).toBe(200);
    }
    expect(await alive(server)).toBe(true);
  }, 30_000);

  it('a client that goes away cancels its running and queued checks', async () => {
    // A long time limit: only cancellation can free the thread soon.
    const slow = await serverFor(project, { timeLimitMs: 60_000 });
    try {
      const controllers = Array.from({ length: 6 }, () => new AbortController());
      const checks = controllers.map((controller) =>
        post(`${slow.url}api/check`, { template: RUNAWAY, profile: RUNAWAY_PROFILE }, {}, controller.signal).catch((error: unknown) => error),
      );
      // Let them reach the server: one running, five waiting.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const controller of controllers) controller.abort();
      await Promise.all(checks);
      const started = Date.now();
      const quick = await post(`${slow.url}api/check`, { template: 'creepy.hbs', profile: 'full-consent.json' });
      expect(quick.status).toBe(200);
      // Far less than the one minute the running check would have held the only thread.
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(((await (await fetch(`${slow.url}healthz`)).json()) as { counts: { stopped: number } }).counts.stopped).toBe(0);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it('answers a quick check promptly while many slow ones are queued before it', async () => {
    const controller = new AbortController();
    let slowAnswered = 0;
    const slowChecks = Array.from({ length: 40 }, () =>
      post(`${server.url}api/check`, { template: RUNAWAY, profile: RUNAWAY_PROFILE }, {}, controller.signal).then(
        async (response) => {
          await response.arrayBuffer();
          slowAnswered += 1;
        },
        () => undefined,
      ),
    );
    try {
      // Let the slow checks reach the queue first.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const started = Date.now();
      const quick = await post(`${server.url}api/check`, { template: 'creepy.hbs', profile: 'full-consent.json' });
      expect(quick.status).toBe(200);
      // In arrival order it would wait for forty checks of a second each; it waits for about two.
      expect(slowAnswered).toBeLessThan(10);
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      controller.abort();
      await Promise.all(slowChecks);
    }
  }, 60_000);

  it('answers a 100,000-deep JSON body with 400, wherever the depth is, and goes on serving', async () => {
    const deep = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const bodies = [
      deep(100_000),
      `{"template":"creepy.hbs","profile":{"id":"a","data":{"x":${deep(100_000)}}}}`,
      `{"template":"creepy.hbs","dataMap":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
    ];
    for (const body of bodies) {
      const answer = await post(`${server.url}api/check`, body, {});
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toMatch(
        /^the request body is not valid JSON at line 1, column \d+: objects and arrays nest deeper than 64 levels$/u,
      );
    }
    // YAML text inside a string is not JSON: its depth is caught where it is read.
    const yaml = await post(`${server.url}api/check`, { template: 'creepy.hbs', dataMap: `${'['.repeat(100_000)}${']'.repeat(100_000)}` });
    expect(yaml.status).toBe(400);
    // A deep line in an audit is one malformed record (or a verdict), never a crash.
    const audited = await audit(server.url, 'creepy.hbs', `{"id":"deep","data":{"x":${deep(5000)}},"consent":{}}\n{"id":"after","consent":{}}\n`);
    expect(audited.status).toBe(200);
    expect(lines(await audited.text()).at(-1)?.['summary']).toMatchObject({ read: 2 });
    expect(await alive(server)).toBe(true);
  }, 30_000);

  it('SIGTERM drains the work in flight and exits within a few seconds', async () => {
    const serving = await spawnServe(
      ['--templates', project.templates, '--profiles', project.profiles, '--datamap', join(ROOT, 'fixtures/datamap.yaml'), '--time-limit', '60000', '--workers', '1'],
      project.root,
    );
    const auth = { authorization: `Bearer ${serving.token}` };
    // A check that would run for a minute, and an audit whose body never ends.
    const running = post(`${serving.url}api/check`, { template: RUNAWAY, profile: RUNAWAY_PROFILE }, auth).then(
      (response) => response.status,
      () => 'closed',
    );
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`${audience(5)}\n`));
      },
    });
    const auditing = fetch(`${serving.url}api/audit?template=creepy.hbs`, { method: 'POST', headers: { ...NDJSON, ...auth }, body: endless, duplex: 'half' } as RequestInit).then(
      (response) => response.text(),
      () => 'closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = Date.now();
    serving.child.kill('SIGTERM');
    expect(await serving.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await running).toBe(503);
    const audited = await auditing;
    if (audited !== 'closed') expect(lines(audited).at(-1)).toEqual({ error: 'the server is shutting down; the verdicts sent stand, the rest were not checked' });
    const { stdout, stderr } = serving.output();
    expect(stdout).toMatch(/served \d+ requests?: 1 check, 1 audit/u);
    expect(stderr).toBe('');
    // The token is printed once: in the studio URL.
    expect(`${stdout}${stderr}`.split(serving.token).length - 1).toBe(1);
  }, 60_000);
});

describe('no value in any message from the server', () => {
  const CANARY = 'CANARY-9b2e';
  let project: Project;
  let server: RunningServer;

  /** Every string in a value replaced by the canary (keys kept: messages name keys). */
  const canaried = (value: unknown): unknown => {
    if (typeof value === 'string') return `${CANARY}-${value.length}`;
    if (Array.isArray(value)) return value.map(canaried);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, canaried(inner)]));
    return value;
  };

  beforeAll(async () => {
    project = hostileProject();
    writeFileSync(join(project.profiles, 'broken.json'), `{\n  "id": "x",\n  "data": { "first_name": ${CANARY} }\n}\n`);
    writeFileSync(join(project.profiles, 'broken-string.json'), `{"id": "x", "data": {"note": "${CANARY}\u0001"}}`);
    server = await serverFor(project, { maxBodyBytes: 16 * 1024 });
  });
  afterAll(() => server.close());

  it('never echoes a value from a profile or the request in an error answer', async () => {
    const full = JSON.parse(readFileSync(join(ROOT, 'fixtures/profiles/full-consent.json'), 'utf8')) as {
      id: string;
      data: unknown;
      consent: Record<string, Record<string, unknown>>;
    };
    const profile = { id: 'canary-1', data: canaried(full.data), consent: full.consent };
    const answers: [string, Response | Answer][] = [];
    const record = async (label: string, response: Promise<Response | Answer>) => answers.push([label, await response]);
    const check = (body: unknown, headers: Record<string, string> = {}) => post(`${server.url}api/check`, body, headers);
    // Bodies that are not JSON, or not the JSON expected.
    await record('broken JSON', check(`{"template": "${CANARY}", "profile": ${CANARY}}`));
    await record('broken JSON, unquoted', check(`{"template": ${CANARY}}`));
    await record('broken JSON, control character', check(`{"template": "${CANARY}\u0001"}`));
    await record('broken JSON, trailing', check(`{"template": "x"} ${CANARY}`));
    await record('unknown key', check({ template: CANARY, colour: CANARY }));
    await record('template', check({ template: 5, profile }));
    await record('file', check({ template: CANARY, file: `${CANARY}.pdf`, profile }));
    await record('format', check({ template: CANARY, format: CANARY, profile }));
    await record('purposes', check({ template: CANARY, purposes: [CANARY, 5], profile }));
    await record('showValues', check({ template: CANARY, showValues: CANARY, profile }));
    await record('granted', check({ template: 'creepy.hbs', profile: { ...profile, consent: { marketing: { granted: CANARY } } } }));
    await record('consent date', check({ template: 'creepy.hbs', profile: { ...profile, consent: { marketing: { granted: true, at: CANARY } } } }));
    await record('expires date', check({ template: 'creepy.hbs', profile: { ...profile, consent: { marketing: { granted: true, expires: CANARY } } } }));
    await record('source', check({ template: 'creepy.hbs', profile: { ...profile, sources: { first_name: CANARY } } }));
    await record('no id', check({ template: 'creepy.hbs', profile: { data: profile.data } }));
    await record('data not an object', check({ template: 'creepy.hbs', profile: { id: 'x', data: CANARY } }));
    await record('duplicate', check({ template: 'creepy.hbs', profiles: [profile, profile] }));
    await record('profile name', check({ template: 'creepy.hbs', profile: `${CANARY}.json` }));
    await record('profile name traversal', check({ template: 'creepy.hbs', profiles: [`../${CANARY}/x.json`] }));
    await record('broken profile file', check({ template: 'creepy.hbs', profile: 'broken.json' }));
    await record('broken profile file (string)', check({ template: 'creepy.hbs', profile: 'broken-string.json' }));
    await record('data map', check({ template: 'creepy.hbs', dataMap: CANARY }));
    await record('too large', check({ template: CANARY.repeat(2000), profile }));
    await record('preview', post(`${server.url}api/preview`, { template: CANARY, profiles: CANARY }));
    await record('control, unknown key', post(`${server.url}api/control`, { template: CANARY, colour: CANARY }));
    await record('control, profile', post(`${server.url}api/control`, { template: 'creepy.hbs', profile: { ...profile, consent: { marketing: { granted: CANARY } } } }));
    await record('control, unparsed', post(`${server.url}api/control`, { template: `{{#if ${CANARY}}}${CANARY}`, file: 'draft.hbs', profile }));
    // Wrong type, wrong token, wrong host, wrong origin, wrong method, wrong path: none repeats what it was sent.
    await record(
      '415',
      fetch(`${server.url}api/check`, { method: 'POST', headers: { ...AUTH, 'content-type': `text/${CANARY}` }, body: JSON.stringify({ template: CANARY, profile }) }),
    );
    await record(
      '401',
      fetch(`${server.url}api/check`, { method: 'POST', headers: { ...JSON_TYPE, authorization: `Bearer ${CANARY}` }, body: JSON.stringify({ template: CANARY, profile }) }),
    );
    await record('403 host', raw(server.url, { path: `/api/${CANARY}`, headers: { host: `${CANARY}.example`, ...AUTH } }));
    await record('403 origin', raw(server.url, { path: '/api/rules', headers: { host: new URL(server.url).host, origin: `http://${CANARY}.example`, ...AUTH } }));
    await record('404 api', fetch(`${server.url}api/${CANARY}`, { headers: AUTH }));
    await record('404 page', fetch(`${server.url}${CANARY}`));
    await record('404 template', fetch(`${server.url}api/templates/${CANARY}.hbs`, { headers: AUTH }));
    await record('404 profile', fetch(`${server.url}api/profiles/${CANARY}.json`, { headers: AUTH }));
    await record('422 profile', fetch(`${server.url}api/profiles/broken.json`, { headers: AUTH }));
    await record('422 profile (string)', fetch(`${server.url}api/profiles/broken-string.json`, { headers: AUTH }));
    await record(
      'save not found',
      fetch(`${server.url}api/templates/${CANARY}.hbs`, { method: 'PUT', headers: { ...AUTH, ...JSON_TYPE }, body: JSON.stringify({ source: CANARY }) }),
    );
    await record(
      'save bad body',
      fetch(`${server.url}api/templates/creepy.hbs`, { method: 'PUT', headers: { ...AUTH, ...JSON_TYPE }, body: JSON.stringify({ source: 5, other: CANARY }) }),
    );
    await record('audit not found', audit(server.url, `${CANARY}.hbs`, `{"id":"x","data":{"a":"${CANARY}"}}\n`));

    expect(answers.length).toBeGreaterThan(30);
    for (const [label, answer] of answers) {
      const body = answer instanceof Response ? await answer.text() : answer.body;
      const sent: string[] = [];
      if (answer instanceof Response) answer.headers.forEach((value, key) => sent.push(`${key}: ${value}`));
      const headers = answer instanceof Response ? sent.join('\n') : JSON.stringify(answer.headers);
      expect(answer.status, `${label}: ${body}`).toBeGreaterThanOrEqual(400);
      expect(body, label).not.toContain(CANARY);
      expect(headers, label).not.toContain(CANARY);
    }
  });

  it('names malformed audit records by line and reason, never their text', async () => {
    const records = [
      `{"id": "a", "data": {"first_name": "${CANARY}"}, "consent": {}}`,
      `{"id": "b", "data": {"first_name": ${CANARY}}}`,
      `{"id": "c", "data": {"first_name": "${CANARY}"`,
      `{"id": "d", "consent": {"marketing": {"granted": "${CANARY}"}}}`,
      `{"id": "e", "consent": {"marketing": {"granted": true, "at": "${CANARY}"}}}`,
      `{"id": "f", "sources": {"first_name": "${CANARY}"}}`,
      `{"data": {"first_name": "${CANARY}"}}`,
      `"${CANARY}"`,
      CANARY,
      `{"id": "a", "data": {"first_name": "${CANARY}"}}`,
    ];
    const answer = await audit(server.url, 'creepy.hbs', `${records.join('\n')}\n`);
    expect(answer.status).toBe(200);
    const text = await answer.text();
    expect(text).not.toContain(CANARY);
    const malformed = lines(text).filter((line) => 'error' in line);
    expect(malformed.map((line) => line['line'])).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // JSON's own reason and where it broke, never the text.
    expect(malformed[0]).toEqual({ line: 2, error: expect.stringMatching(/^invalid JSON at column \d+: [A-Z][^"]+$/u) as unknown });
    expect(malformed[1]).toEqual({ line: 3, error: expect.stringMatching(/^invalid JSON at column \d+: [A-Z][^"]+$/u) as unknown });
  });
});

describe('what held, holds', () => {
  let project: Project;
  let server: RunningServer;

  beforeAll(async () => {
    project = hostileProject();
    server = await serverFor(project);
  });
  afterAll(() => server.close());

  it('Handlebars prototype access and helper tricks print nothing from the runtime and pollute nothing', async () => {
    const template =
      '---\npurpose: marketing\n---\n<p>[{{constructor.name}}][{{__proto__.constructor.name}}][{{lookup this "constructor"}}][{{#with "x"}}{{constructor.constructor}}{{/with}}][{{lookup (lookup this "__proto__") "toString"}}]</p>';
    const profile = JSON.parse(
      '{"id": "p1", "data": {"__proto__": {"polluted": "yes"}, "nested": {"constructor": {"prototype": {"polluted": "yes"}}}}, "consent": {"marketing": {"granted": true}}}',
    ) as unknown;
    const answer = await post(`${server.url}api/preview`, { template, profile });
    expect(answer.status).toBe(200);
    const preview = ((await answer.json()) as { views: { preview: string }[] }).views[0]?.preview ?? '';
    // What the reader sees: the highlights' notes and the markup taken away.
    const visible = preview.replace(/<span class="creeplint-tip"[\s\S]*?<\/span>/gu, '').replace(/<[^>]+>/gu, '');
    expect(visible).toContain('[][][][][]');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(await alive(server)).toBe(true);
  });

  it('a YAML alias bomb or a custom tag in a data map is refused quickly, not expanded', async () => {
    const bomb = [
      'version: 1',
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...Array.from(
        { length: 8 },
        (_, index) =>
          `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [${Array.from({ length: 9 }, () => `*${String.fromCharCode(97 + index)}`).join(',')}]`,
      ),
    ].join('\n');
    const started = Date.now();
    const answer = await post(`${server.url}api/check`, { template: 'creepy.hbs', dataMap: bomb });
    expect(answer.status).toBe(400);
    expect(Date.now() - started).toBeLessThan(5000);
    const tagged = await post(`${server.url}api/check`, { template: 'creepy.hbs', dataMap: 'version: 1\nfields: !!js/function "function () { return 1 }"\n' });
    expect(tagged.status).toBe(400);
    expect(await alive(server)).toBe(true);
  });

  it('binds to loopback by default, and serves the studio under a strict content security policy', async () => {
    expect(new URL(server.url).hostname).toBe('127.0.0.1');
    const page = await fetch(server.url);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'; script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});
