import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDataMap } from '../src/load/datamap.js';
import { DEFAULT_SETTINGS } from '../src/model/settings.js';
import { RULES } from '../src/rules/index.js';
import { ProjectFiles } from '../src/server/project-files.js';
import { ROUTES, startServer, type RunningServer, type ServeOptions } from '../src/server/server.js';
import { run } from '../src/cli.js';
import { ROOT, scratchProject, spawnServe } from './server/support.js';

const DATA_MAP = parseDataMap(readFileSync(join(ROOT, 'fixtures/datamap.yaml'), 'utf8'), 'fixtures/datamap.yaml');
const FULL = JSON.parse(readFileSync(join(ROOT, 'fixtures/profiles/full-consent.json'), 'utf8')) as Record<string, unknown>;
const WITHDRAWN = JSON.parse(readFileSync(join(ROOT, 'fixtures/profiles/withdrawn-consent.json'), 'utf8')) as Record<string, unknown>;
/** Renders 2000³ times: only the time limit stops it. */
const RUNAWAY = '---\npurpose: marketing\n---\n{{#each items}}{{#each ../items}}{{#each ../../items}}{{name}}{{/each}}{{/each}}{{/each}}';

/** The token the servers in these tests are started with; every API call carries it. */
const TOKEN = 'test-token';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const NDJSON = { 'content-type': 'application/x-ndjson' };

async function serverFor(project: { templates: string; profiles: string }, overrides: Partial<ServeOptions> = {}): Promise<RunningServer> {
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

function reportValidator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')) as object);
}

/** An API call with the token. */
const api = (url: string, init: RequestInit = {}) => fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string> | undefined) } });

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...AUTH, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

interface Report {
  results: {
    template: string;
    profile: string | null;
    score: number;
    band: string;
    purposes: string[];
    findings: { ruleId: string; severity: string; message: string; field?: string }[];
  }[];
  errorCount: number;
  warningCount: number;
}

describe('creeplint serve: the HTTP API', () => {
  let project: ReturnType<typeof scratchProject>;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    project = scratchProject();
    server = await serverFor(project);
    base = server.url.replace(/\/$/u, '');
  });
  afterAll(async () => {
    await server.close();
  });

  it('GET /healthz answers with the version and counts only', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; version: string; counts: Record<string, number> };
    expect(body.status).toBe('ok');
    expect(body.version).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    expect(Object.keys(body.counts).sort()).toEqual(['audits', 'checks', 'recipients', 'refused', 'requests', 'stopped']);
  });

  it('GET /api/rules lists every rule', async () => {
    const body = (await (await api(`${base}/api/rules`)).json()) as { rules: { id: string; defaultSeverity: string; docsUrl: string }[] };
    expect(body.rules.map((rule) => rule.id)).toEqual(RULES.map((rule) => rule.meta.id));
    expect(body.rules.find((rule) => rule.id === 'require-consent')).toMatchObject({
      defaultSeverity: 'error',
      docsUrl: expect.stringMatching(/docs\/rules\/require-consent\.md$/u) as unknown,
    });
  });

  it('POST /api/check with a template name and profiles returns the JSON contract, valid against the schema', async () => {
    const response = await post(`${base}/api/check`, { templateName: 'browse-abandon.hbs', profiles: ['full-consent.json', WITHDRAWN] });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const report = (await response.json()) as Report;
    expect(reportValidator()(report)).toBe(true);
    expect(report.results.map((result) => [result.template, result.profile, result.score, result.band])).toEqual([
      ['browse-abandon.hbs', 'cust-1001', 54, 'intrusive'],
      ['browse-abandon.hbs', 'cust-1002', 77, 'creepy'],
    ]);
    expect(report.results[1]?.findings.map((finding) => finding.ruleId)).toContain('require-consent');
    expect(report.results[0]?.findings.map((finding) => finding.ruleId)).not.toContain('require-consent');
    // The same check as the CLI makes.
    const cli: string[] = [];
    await run(
      [
        'check',
        'templates/browse-abandon.hbs',
        '--datamap',
        'fixtures/datamap.yaml',
        '--profile',
        'fixtures/profiles/full-consent.json',
        '--profile',
        'fixtures/profiles/withdrawn-consent.json',
        '--format',
        'json',
      ],
      {
        stdout: (text) => cli.push(text),
        stderr: () => undefined,
        isTTY: false,
        cwd: ROOT,
      },
    );
    const fromCli = JSON.parse(cli.join('')) as Report;
    expect(report.results.map((result) => result.findings)).toEqual(
      fromCli.results.map((result) => result.findings.map((finding) => ({ ...finding, file: (finding as unknown as { file: string }).file.replace('templates/', '') }))),
    );
  });

  it('POST /api/check tells a template name from template text: an unknown name is a 404, never checked as text', async () => {
    const byName = (await (await post(`${base}/api/check`, { templateName: 'creepy.hbs', profile: 'full-consent.json' })).json()) as Report;
    const asText = (await (
      await post(`${base}/api/check`, { template: readFileSync(join(project.templates, 'creepy.hbs'), 'utf8'), file: 'creepy.hbs', profile: 'full-consent.json' })
    ).json()) as Report;
    expect(byName.results[0]?.template).toBe('creepy.hbs');
    expect(asText.results.map((result) => result.findings)).toEqual(byName.results.map((result) => result.findings));
    for (const name of ['nope.hbs', 'partials/nope.hbs', '../outside.hbs', 'linked-outside.hbs']) {
      const unknown = await post(`${base}/api/check`, { templateName: name, profile: FULL });
      expect(unknown.status, name).toBe(404);
      expect(unknown.headers.get('content-type'), name).toBe('application/json; charset=utf-8');
      expect(await unknown.json(), name).toEqual({ error: 'no template by that name in the templates folder' });
    }
    // A `template` that is only a file name was a name before `templateName` (0.1): still read as one, and 404 when there is none.
    const legacy = (await (await post(`${base}/api/check`, { template: 'creepy.hbs', profile: 'full-consent.json' })).json()) as Report;
    expect(legacy.results.map((result) => result.findings)).toEqual(byName.results.map((result) => result.findings));
    const nope = await post(`${base}/api/check`, { template: 'nope.hbs', profile: FULL });
    expect(nope.status).toBe(404);
    expect(((await nope.json()) as { error: string }).error).toMatch(/^no template by that name in the templates folder \(`template` is read as a name/u);
    // Text that merely ends like a file name is text.
    const sentence = (await (await post(`${base}/api/check`, { template: 'The terms are in terms.html', profile: FULL })).json()) as Report;
    expect(sentence.results[0]?.template).toBe('draft.hbs');
    for (const path of ['/api/preview', '/api/control']) expect((await post(`${base}${path}`, { templateName: 'nope.hbs' })).status, path).toBe(404);
    const both = await post(`${base}/api/check`, { templateName: 'creepy.hbs', template: '<p>Hi</p>' });
    expect(both.status).toBe(400);
    expect(await both.json()).toEqual({ error: "give `templateName` (a template under the templates folder) or `template` (a template's source text), not both" });
  });

  it('POST /api/check with source text, purposes and an inline data map; values stay out unless asked', async () => {
    const template = '---\nsubject: "Hi {{first_name}}"\n---\n<p>Seen at {{last_seen_store}}</p>';
    const dataMap = {
      version: 1,
      purposes: { marketing: { basis: 'consent' } },
      fields: {
        first_name: { category: 'user.name.first', source: 'declared', purposes: ['marketing'] },
        last_seen_store: { category: 'user.location.precise', source: 'observed', purposes: ['marketing'] },
      },
    };
    const report = (await (await post(`${base}/api/check`, { template, purposes: ['marketing'], dataMap, profile: FULL })).json()) as Report;
    expect(report.results[0]?.template).toBe('draft.hbs');
    expect(report.results[0]?.purposes).toEqual(['marketing']);
    expect(report.results[0]?.findings.some((finding) => finding.field === 'last_seen_store')).toBe(true);
    expect(JSON.stringify(report)).not.toContain('Briggate');
    const shown = await (await post(`${base}/api/check`, { template, purposes: ['marketing'], dataMap, profile: FULL, showValues: true })).text();
    expect(shown).toContain('Briggate');
  });

  it('POST /api/check reads a Liquid draft when told its language, or by its file name, and says where Liquid cannot read it', async () => {
    const template = '---\npurpose: marketing\n---\n<p>Hi {{ first_name | default: "there" }}, seen at {{ last_seen_store | upcase }}</p>';
    const byLanguage = (await (await post(`${base}/api/check`, { template, language: 'liquid', profile: FULL })).json()) as Report;
    expect(byLanguage.results[0]?.template).toBe('draft.hbs');
    expect(byLanguage.results[0]?.findings.filter((finding) => finding.field === 'last_seen_store').map((finding) => finding.ruleId)).toContain('no-undeclared-source');
    expect(byLanguage.results[0]?.findings.some((finding) => finding.ruleId === 'parse-error')).toBe(false);
    const byName = (await (await post(`${base}/api/check`, { template, file: 'offer.mjml.liquid', profile: FULL })).json()) as Report;
    expect(byName.results[0]?.template).toBe('draft.mjml.liquid');
    const asHandlebars = (await (await post(`${base}/api/check`, { template, profile: FULL })).json()) as Report;
    expect(asHandlebars.results[0]?.findings.map((finding) => finding.ruleId)).toContain('parse-error');
    const broken = (await (await post(`${base}/api/check`, { template: '{% if first_name %}open', language: 'liquid', profile: FULL })).json()) as {
      results: { findings: { ruleId: string; line: number; column: number; message: string }[] }[];
    };
    expect(broken.results[0]?.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => `${finding.line}:${finding.column} ${finding.message}`)).toEqual([
      '1:1 tag {% if first_name %} not closed',
    ]);
    const refused = await post(`${base}/api/check`, { template, language: 'jinja', profile: FULL });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('`language` must be one of handlebars, liquid');
  });

  it('POST /api/check answers in the other formats with their content types', async () => {
    const expected: Record<string, string> = {
      sarif: 'application/sarif+json',
      junit: 'application/xml',
      markdown: 'text/markdown',
      github: 'text/plain',
      stylish: 'text/plain',
      html: 'text/html',
    };
    for (const [format, type] of Object.entries(expected)) {
      const response = await post(`${base}/api/check`, { template: 'creepy.hbs', profile: 'full-consent.json', format });
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type'), format).toBe(`${type}; charset=utf-8`);
      const text = await response.text();
      if (format === 'sarif') expect((JSON.parse(text) as { version: string }).version).toBe('2.1.0');
      if (format === 'junit') expect(text.startsWith('<?xml')).toBe(true);
    }
  });

  it('POST /api/preview gives the studio each recipient’s highlighted email, with scripts left inert', async () => {
    const hostile = { id: 'h1', data: { first_name: '<script>alert(1)</script>' }, consent: { marketing: { granted: true } } };
    const body = (await (await post(`${base}/api/preview`, { template: 'newsletter.mjml', profiles: ['full-consent.json', hostile] })).json()) as {
      views: { result: { profile: string }; preview: string; subject: string }[];
      errorCount: number;
    };
    expect(body.views.map((view) => view.result.profile)).toEqual(['cust-1001', 'h1']);
    expect(body.views[0]?.subject).toContain('data-field="store_name"');
    expect(body.views[1]?.preview).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body.views[1]?.preview).not.toContain('<script>alert(1)');
  });

  it('POST /api/control answers the twin as `creeplint control` writes it, the lines for a person, and the twin as the profile gets it', async () => {
    const response = await post(`${base}/api/control`, { template: 'creepy.hbs', profile: 'full-consent.json' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      source: string;
      notes: { line: number; kind: string; message: string }[];
      needsHuman: number[];
      preview: { document: string; subject: string; score: number; band: string };
    };
    expect(Object.keys(body).sort()).toEqual(['needsHuman', 'notes', 'preview', 'source']);
    expect(body.source).toBe(readFileSync(join(ROOT, 'fixtures/control/cli/creepy.control.hbs'), 'utf8'));
    expect(body.needsHuman).toEqual([9]);
    expect(body.notes.filter((note) => note.kind === 'needs-human')).toEqual([
      { line: 9, kind: 'needs-human', message: '`income_band` (user.financial) cannot be made neutral: reword by hand' },
    ]);
    // The twin for this recipient: the only personal value still shown is the one left for a person (the store's name is system data).
    expect(body.preview.subject).toBe('Picked for you');
    expect(body.preview.document).toContain('Picked for you.');
    expect([...body.preview.document.matchAll(/data-field="([^"]+)"/gu)].map((match) => match[1])).toEqual(['income_band', 'store_name']);
    // A draft without a profile: judged for a stand-in recipient, no preview.
    const draft = (await (
      await post(`${base}/api/control`, {
        template: '---\npurpose: marketing\n---\n<p>Hi {{first_name}},</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n',
        file: 'draft.hbs',
      })
    ).json()) as Record<string, unknown>;
    expect(draft).toEqual({
      source: '---\npurpose: marketing\n---\n<p>Hi there,</p>\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>\n',
      needsHuman: [],
      notes: [{ line: 4, kind: 'replaced', message: '`first_name` (user.name.first) is replaced with "there": a name after a greeting' }],
    });
  });

  it("POST /api/control makes a Liquid template's twin in Liquid: by its name, as a draft named .liquid, and as a draft whose `language` says so", async () => {
    const named = await post(`${base}/api/control`, { template: 'back-in-stock.liquid', profile: 'full-consent.json' });
    expect(named.status).toBe(200);
    const body = (await named.json()) as { source: string; needsHuman: number[]; notes: { kind: string }[]; preview: { document: string; subject: string; band: string } };
    expect(body.source).toBe(readFileSync(join(ROOT, 'fixtures/control/cli/back-in-stock.control.liquid'), 'utf8'));
    expect(body.needsHuman).toEqual([]);
    expect(body.notes.map((note) => note.kind)).toEqual(['purpose', 'replaced', 'replaced', 'removed']);
    // The twin for this recipient: the subject's fallback, and no personal value in the email.
    expect(body.preview.subject).toBe('Good news, it&#39;s back in stock');
    expect(body.preview.band).toBe('helpful');
    expect(body.preview.document).toContain('Our new arrivals are in.');
    expect(body.preview.document).not.toContain('Layla');
    const draft =
      '---\npurpose: marketing\n---\n<p>Hi {{ first_name | default: "there" }},</p>\n{% if consent.personalisation %}<p>{{ last_viewed_product }}</p>{% endif %}\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>\n';
    const twin = '---\npurpose: marketing\n---\n<p>Hi there,</p>\n<p><a href="{{ unsubscribe_url }}">Unsubscribe</a></p>\n';
    const byName = (await (await post(`${base}/api/control`, { template: draft, file: 'draft.liquid' })).json()) as { source: string; needsHuman: number[] };
    expect(byName).toMatchObject({ source: twin, needsHuman: [] });
    const picked = (await (await post(`${base}/api/control`, { template: draft, file: 'draft.hbs', language: 'liquid' })).json()) as { source: string };
    expect(picked.source).toBe(twin);
    const unparsed = await post(`${base}/api/control`, { template: '<p>{% if secret_word %}\n', file: 'draft.liquid' });
    expect(unparsed.status).toBe(422);
    expect(await unparsed.json()).toEqual({ error: 'the template does not parse (line 1, column 4), so it has no twin: /api/check says why' });
    const badLanguage = await post(`${base}/api/control`, { template: draft, language: 'jinja' });
    expect(badLanguage.status).toBe(400);
  });

  it('POST /api/control refuses what it cannot make a twin of, saying where and never what', async () => {
    const unparsed = await post(`${base}/api/control`, { template: '<p>{{#if secret_word}}\n', file: 'draft.hbs' });
    expect(unparsed.status).toBe(422);
    expect(await unparsed.json()).toEqual({ error: 'the template does not parse (line 2, column 1), so it has no twin: /api/check says why' });
    const unknown = await post(`${base}/api/control`, { template: 'creepy.hbs', profiles: [FULL] });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: 'unknown key `profiles`; expected templateName, template, file, language, profile' });
  });

  it('refuses malformed JSON, unknown keys and invalid profiles with 400 and a message', async () => {
    const cases: [unknown, RegExp][] = [
      ['{"template": ', /not valid JSON/u],
      ['', /empty/u],
      [[1, 2], /expected a JSON object/u],
      [{ template: 'creepy.hbs', colour: 'red' }, /unknown key `colour`/u],
      [{ profile: FULL }, /^give `templateName` \(a template under the templates folder\) or `template`/u],
      [{ templateName: 7, profile: FULL }, /^`templateName` must be the name of a template/u],
      [{ template: 'creepy.hbs', format: 'pdf' }, /`format` must be one of/u],
      [{ template: 'creepy.hbs', profile: { id: 'x', consent: { marketing: { granted: 'yes' } } } }, /^profile: consent `marketing`/u],
      [{ template: 'creepy.hbs', profiles: [FULL, FULL] }, /profiles\[1\]: duplicate profile id/u],
      [{ template: 'creepy.hbs', profile: 'nope.json' }, /^profile: no profile by that name in the profiles folder$/u],
      [{ template: 'creepy.hbs', profile: FULL, profiles: [FULL] }, /not both/u],
      [{ template: 'creepy.hbs', dataMap: { version: 1, fields: { a: { category: 'user.nope' } } } }, /^invalid data map: dataMap/u],
      [{ template: 'creepy.hbs', profile: JSON.parse('{"__proto__": {"polluted": true}}') as unknown }, /^profile: expected `id`/u],
    ];
    for (const [body, message] of cases) {
      const response = await post(`${base}/api/check`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error, JSON.stringify(body)).toMatch(message);
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const big = JSON.stringify({ template: `<p>${'x'.repeat(70 * 1024)}</p>` });
    const declared = await post(`${base}/api/check`, big);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as { error: string }).error).toBe('the request body is larger than the limit of 65536 bytes (serve --max-body)');
    // Without a Content-Length (chunked), the server stops reading once past the limit.
    const streamed = await api(`${base}/api/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(controller) {
          for (let index = 0; index < 20; index += 1) controller.enqueue(new TextEncoder().encode('x'.repeat(8 * 1024)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('stops a check that renders without end at the time limit, with a finding, and goes on serving', async () => {
    const items = Array.from({ length: 2000 }, () => ({ name: 'x' }));
    const started = Date.now();
    const response = await post(`${base}/api/check`, { template: RUNAWAY, profile: { id: 'big', data: { items }, consent: {} } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as Report;
    expect(report.results[0]?.findings).toEqual([
      expect.objectContaining({ ruleId: 'render-error', severity: 'error', message: 'the check was stopped after 2000 ms (the time limit)', line: 1, column: 1 }),
    ]);
    expect(report.errorCount).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    // A fresh thread took the stopped one's place.
    const after = (await (await post(`${base}/api/check`, { template: 'creepy.hbs', profile: 'full-consent.json' })).json()) as Report;
    expect(after.results[0]?.score).toBe(99);
    expect(((await (await fetch(`${base}/healthz`)).json()) as { counts: { stopped: number } }).counts.stopped).toBe(1);
  }, 30_000);

  it('POST /api/audit streams verdicts in input order, as `creeplint audit` writes them, then a summary', async () => {
    const audience = execFileSync(
      process.execPath,
      [join(ROOT, 'scripts/generate-audience.mjs'), '--count', '120', '--withdrawn', '0.2', '--missing', '0.1', '--malformed', '0.05'],
      { encoding: 'utf8' },
    );
    const response = await api(`${base}/api/audit?template=browse-abandon.hbs`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: audience });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = lines.pop()?.['summary'] as { read: number; send: number; hold: number; malformed: number };
    expect(summary.read).toBe(120);
    expect(summary.send + summary.hold + summary.malformed).toBe(120);
    expect(summary.malformed).toBe(6);
    const verdicts = lines.filter((line) => 'verdict' in line);
    const malformed = lines.filter((line) => 'error' in line);
    expect(verdicts.length).toBe(summary.send + summary.hold);
    expect(malformed.length).toBe(summary.malformed);
    // The CLI's verdicts for the same audience, template and data map.
    const dir = mkdtempSync(join(tmpdir(), 'creeplint-serve-audit-'));
    writeFileSync(join(dir, 'audience.jsonl'), audience);
    await run(
      [
        'audit',
        join(project.templates, 'browse-abandon.hbs'),
        '--datamap',
        'fixtures/datamap.yaml',
        '--profiles',
        join(dir, 'audience.jsonl'),
        '--output',
        join(dir, 'verdicts.jsonl'),
        '--workers',
        '1',
        '--quiet',
      ],
      {
        stdout: () => undefined,
        stderr: () => undefined,
        isTTY: false,
        cwd: ROOT,
      },
    );
    const fromCli = readFileSync(join(dir, 'verdicts.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(verdicts).toEqual(fromCli);
  });

  it('stops a check that needs more memory than the limit, with a finding, and goes on serving', async () => {
    const small = await serverFor(project, { memoryLimitMb: 64, timeLimitMs: 60_000 });
    try {
      const template = '{{#each items}}{{#each ../items}}{{../../big}}{{/each}}{{/each}}';
      const profile = { id: 'huge', data: { big: 'x'.repeat(10), items: Array.from({ length: 3000 }, (_, index) => index) }, consent: {} };
      const report = (await (await post(`${small.url}api/check`, { template, profile })).json()) as Report;
      expect(report.results[0]?.findings.map((finding) => [finding.ruleId, finding.message])).toEqual([
        ['render-error', 'the check was stopped: it used more than 64 MB (the memory limit)'],
      ]);
      expect(((await (await post(`${small.url}api/check`, { template: 'creepy.hbs', profile: 'full-consent.json' })).json()) as Report).results[0]?.score).toBe(99);
    } finally {
      await small.close();
    }
  }, 60_000);

  it('answers partials that include themselves without end with a render-error finding, not a hung server', async () => {
    const template = '---\npurpose: marketing\n---\n{{#*inline "again"}}{{> again}}{{> again}}{{> again}}{{/inline}}<p>{{> again}}</p>';
    const report = (await (await post(`${base}/api/check`, { template, profile: FULL })).json()) as Report;
    expect(report.results[0]?.findings.filter((finding) => finding.ruleId === 'render-error').map((finding) => finding.message)).toEqual([
      '`again` includes itself with no condition or loop that could stop it: the email can never render (Handlebars recurses until it runs out of stack)',
      '`again` includes itself with no condition or loop that could stop it: the email can never render (Handlebars recurses until it runs out of stack)',
      '`again` includes itself with no condition or loop that could stop it: the email can never render (Handlebars recurses until it runs out of stack)',
    ]);
  }, 30_000);

  it('POST /api/audit stops at the time limit with a last line that says so', async () => {
    writeFileSync(join(project.templates, 'runaway.hbs'), RUNAWAY);
    const items = Array.from({ length: 2000 }, () => ({ name: 'x' }));
    const body = `${JSON.stringify({ id: 'big', data: { items }, consent: {} })}\n`;
    const response = await api(`${base}/api/audit?template=runaway.hbs`, { method: 'POST', headers: NDJSON, body });
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(lines).toEqual([{ error: 'the audit was stopped: a batch of 1 recipients took longer than the time limit of 2000 ms' }]);
  }, 30_000);

  it('POST /api/audit needs a template name, and refuses a body over the limit', async () => {
    const none = await api(`${base}/api/audit`, { method: 'POST', headers: NDJSON, body: '{}\n' });
    expect(none.status).toBe(400);
    const unknown = await api(`${base}/api/audit?template=nope.hbs`, { method: 'POST', headers: NDJSON, body: '{}\n' });
    expect(unknown.status).toBe(404);
    const big = await api(`${base}/api/audit?template=creepy.hbs`, { method: 'POST', headers: NDJSON, body: '{"id":"x"}\n'.repeat(7000) });
    expect(big.status).toBe(413);
  });

  it('lists, reads and saves templates only inside the templates folder; profiles are read-only', async () => {
    const projectBody = (await (await api(`${base}/api/project`)).json()) as { templates: string[]; profiles: string[]; purposes: { name: string }[] };
    expect(projectBody.templates).toContain('creepy.hbs');
    expect(projectBody.templates.some((name) => name.startsWith('partials/'))).toBe(false);
    expect(projectBody.profiles).toEqual(['full-consent.json', 'missing-values.json', 'saudi-customer.json', 'source-override.json', 'withdrawn-consent.json']);
    expect(projectBody.purposes.map((purpose) => purpose.name)).toEqual(['transactional', 'marketing', 'personalisation']);

    const read = (await (await api(`${base}/api/templates/creepy.hbs`)).json()) as { source: string };
    expect(read.source).toBe(readFileSync(join(project.templates, 'creepy.hbs'), 'utf8'));
    const saved = await api(`${base}/api/templates/creepy.hbs`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'Hi {{first_name}}\n' }),
    });
    expect(saved.status).toBe(200);
    expect(readFileSync(join(project.templates, 'creepy.hbs'), 'utf8')).toBe('Hi {{first_name}}\n');

    for (const name of ['..%2Foutside.hbs', '%2E%2E%2Foutside.hbs', 'linked-outside.hbs', 'new.hbs', '%2Fetc%2Fpasswd', 'partials']) {
      const put = await api(`${base}/api/templates/${name}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'x' }) });
      expect(put.status, name).toBe(404);
    }
    expect(readFileSync(join(project.root, 'outside.hbs'), 'utf8')).toBe('not yours\n');
    expect((await api(`${base}/api/profiles/..%2Ftemplates%2Fcreepy.hbs`)).status).toBe(404);
    const profile = (await (await api(`${base}/api/profiles/full-consent.json`)).json()) as { profile: { id: string } };
    expect(profile.profile.id).toBe('cust-1001');
    expect((await api(`${base}/api/profiles/full-consent.json`, { method: 'PUT', body: '{}' })).status).toBe(405);
  });

  it('answers unknown paths with 404 and wrong methods with 405, and serves the studio with a strict policy', async () => {
    expect((await api(`${base}/api/nope`)).status).toBe(404);
    expect((await api(`${base}/api/templates/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    const wrong = await api(`${base}/api/check`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/studio.js"></script>');
    expect((await fetch(`${base}/studio.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('describes exactly its routes in OpenAPI, served as checked in', async () => {
    const file = readFileSync(join(ROOT, 'schema/openapi.json'), 'utf8');
    const served = await (await api(`${base}/api/openapi.json`)).text();
    expect(served).toBe(file);
    const openapi = JSON.parse(file) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(openapi.openapi).toBe('3.1.0');
    // Valid OpenAPI 3.1, with the report schema it refers to (by its relative name) bundled in.
    const reportSchema = JSON.parse(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8')) as { $id: string };
    const bundled = file.replaceAll('"$ref": "report.schema.json"', `"$ref": "${reportSchema.$id}"`);
    expect(await new Validator().validateBundle([reportSchema, bundled])).toEqual({ valid: true });
    const described = Object.entries(openapi.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => ['get', 'post', 'put', 'delete', 'patch'].includes(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    // What every route may answer as the server guards it: 403 for another Host or Origin, 401 without the token, 415 for a body of another type.
    for (const [path, item] of Object.entries(openapi.paths)) {
      for (const [method, operation] of (Object.entries(item) as [string, { responses: Record<string, unknown> }][]).filter(([key]) => ['get', 'post', 'put'].includes(key))) {
        const expected = ['403', ...(path.startsWith('/api/') ? ['401'] : []), ...(method === 'post' || method === 'put' ? ['415'] : [])];
        expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(expected));
      }
    }
    // The report schema it refers to is served beside it.
    expect(await (await api(`${base}/api/report.schema.json`)).text()).toBe(readFileSync(join(ROOT, 'schema/report.schema.json'), 'utf8'));
    // Every route answers something other than 404 (or 405) when called as described.
    for (const route of ROUTES) {
      const url = `${base}${route.path.replace('{name}', route.path.startsWith('/api/profiles') ? 'full-consent.json' : 'creepy.hbs')}`;
      const response = await api(route.path === '/api/audit' ? `${url}?template=creepy.hbs` : url, {
        method: route.method,
        headers: { 'content-type': 'application/json' },
        ...(route.method === 'GET' ? {} : { body: route.path === '/api/audit' ? '' : JSON.stringify(route.method === 'PUT' ? { source: 'x' } : { template: 'creepy.hbs' }) }),
      });
      expect([404, 405], `${route.method} ${route.path}`).not.toContain(response.status);
      await response.arrayBuffer();
    }
  });
});

describe('creeplint serve: safe by default', () => {
  it('will not bind beyond loopback without a token', async () => {
    const project = scratchProject();
    await expect(serverFor(project, { host: '0.0.0.0', token: undefined })).rejects.toThrow(/give --token/u);
  });

  it('with a token, every API call must carry it; the page and /healthz need none', async () => {
    const project = scratchProject();
    const server = await serverFor(project, { host: '0.0.0.0', token: 's3cret-token' });
    try {
      const port = new URL(server.url).port;
      const base = `http://127.0.0.1:${port}`;
      expect((await api(`${base}/api/rules`)).status).toBe(401);
      expect((await api(`${base}/api/rules`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      expect((await api(`${base}/api/rules`, { headers: { authorization: 's3cret-token' } })).status).toBe(401);
      const refused = await post(`${base}/api/check`, { template: 'creepy.hbs' });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect((await api(`${base}/api/rules`, { headers: { authorization: 'Bearer s3cret-token' } })).status).toBe(200);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('creeplint serve: the command', () => {
  it('prints its URL, serves, and on SIGINT prints counts (never request contents) and exits 0', async () => {
    const project = scratchProject();
    mkdirSync(join(project.root, 'empty'));
    const serving = await spawnServe(['--templates', project.templates, '--profiles', project.profiles, '--datamap', join(ROOT, 'fixtures/datamap.yaml')], project.root, {
      ...process.env,
      CREEPLINT_TOKEN: '',
    });
    const { child, url, token } = serving;
    // A fresh token each start, printed once: in the studio URL's fragment.
    expect(token).toMatch(/^[\w-]{32}$/u);
    expect(serving.output().stdout.split(token).length - 1).toBe(1);
    expect((await fetch(`${url}api/rules`)).status).toBe(401);
    const report = (await (await post(`${url}api/check`, { template: 'creepy.hbs', profile: 'full-consent.json' }, { authorization: `Bearer ${token}` })).json()) as Report;
    expect(report.results[0]?.band).toBe('creepy');
    child.kill('SIGINT');
    expect(await serving.exited).toBe(0);
    const { stdout, stderr } = serving.output();
    expect(stdout).toContain('served 2 requests: 1 check, 0 audits (0 recipients), 0 stopped by a limit, 1 refused');
    expect(stdout + stderr).not.toContain('Layla');
    expect(stdout.split(token).length - 1).toBe(1);
  }, 30_000);

  it('exits 2 with a message for a missing templates folder, and off loopback without a token', async () => {
    const lines: string[] = [];
    const io = { stdout: () => undefined, stderr: (text: string) => lines.push(text), isTTY: false, cwd: ROOT };
    expect(await run(['serve', '--templates', 'no-such-folder'], io)).toBe(2);
    expect(lines.join('')).toBe('no-such-folder: the templates folder does not exist (--templates DIR)\n');
    lines.length = 0;
    expect(await run(['serve', '--host', '0.0.0.0', '--port', '0'], io)).toBe(2);
    expect(lines.join('')).toMatch(/^creeplint serve: serving on 0\.0\.0\.0 makes the API reachable from other machines: give --token/u);
  });
});
