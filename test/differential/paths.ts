import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { createChecker, lint, parseDataMap, validateProfile } from '../../src/index.js';
import { fileSystemPartials } from '../../src/load/partials.js';
import { DEFAULT_SETTINGS } from '../../src/model/settings.js';
import { ProjectFiles } from '../../src/server/project-files.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { workerJudge } from '../../src/presend/audit-pool.js';
import { checkerFor, type WorkerSetup } from '../../src/presend/audit-worker-setup.js';
import { localJudge, runAudit } from '../../src/presend/audit.js';
import { cliIn } from '../cli-runner.js';
import type { RecipientRecord } from './recipients.js';
import { asyncFrom } from '../async-iterable.js';

/**
 * Every way to judge a recipient, side by side: lint() with one recipient (the
 * reference), lint() with all of them, `creeplint check`, createChecker().check() in
 * any order, `creeplint audit` with 1 and 2 workers, and the HTTP API's check and audit.
 */
export const ROOT = resolve(import.meta.dirname, '../..');
export const DATA_MAP_FILE = 'test/differential/datamap.yaml';
export const DATA_MAP = parseDataMap(readFileSync(join(ROOT, DATA_MAP_FILE), 'utf8'), DATA_MAP_FILE);
export const NOW = new Date('2026-11-28T12:00:00Z');
const MAX_SCORE = 74;
export const TOKEN = 'differential-test-token';

/** What every path must agree on for one recipient. */
export interface Judgement {
  verdict: 'send' | 'hold';
  score: number;
  band: string;
  /** Rule ids of the unsuppressed findings, errors first, each once: what the audit writes. */
  rules: string[];
  /** Every finding: rule, severity, field, placement, where, points. Absent from the audit's lines. */
  findings?: string[];
}

interface FindingLike {
  ruleId: string;
  severity: string;
  field?: string | undefined;
  placement?: string | undefined;
  file: string;
  line: number;
  column: number;
  points: number;
  suppressed?: unknown;
}

export function judgementOf(result: { score: number; band: string; findings: readonly FindingLike[] }, verdict?: 'send' | 'hold'): Judgement {
  const active = result.findings.filter((finding) => !finding.suppressed);
  const errors = active.filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId);
  const held = errors.length > 0 || result.score > MAX_SCORE;
  return {
    verdict: verdict ?? (held ? 'hold' : 'send'),
    score: result.score,
    band: result.band,
    rules: [...new Set([...errors, ...active.filter((finding) => finding.severity !== 'error').map((finding) => finding.ruleId)])],
    findings: result.findings.map((finding) => `${finding.ruleId} ${finding.severity} ${finding.field ?? '-'} ${finding.placement ?? '-'} ${basename(finding.file)}:${finding.line}:${finding.column} ${finding.points}${finding.suppressed ? ' suppressed' : ''}`),
  };
}

function partialsFor(file: string) {
  return fileSystemPartials({ templateFile: file, partialDirs: [], cwd: ROOT });
}

/** The reference: lint() with this recipient alone. Undefined when lint() cannot read the recipient. */
export async function lintAlone(file: string, recipient: RecipientRecord): Promise<Judgement | undefined> {
  let profile;
  try {
    profile = validateProfile(recipient, { file: 'recipient' });
  } catch {
    return undefined;
  }
  const outcome = await lint({ templates: [file], dataMap: DATA_MAP, profiles: [profile], cwd: ROOT, now: NOW });
  const result = outcome.results[0];
  return result ? judgementOf(result) : undefined;
}

export async function lintTogether(file: string, recipients: readonly RecipientRecord[]): Promise<Map<string, Judgement>> {
  const profiles = recipients.flatMap((recipient) => {
    try {
      return [validateProfile(recipient, { file: 'recipient' })];
    } catch {
      return [];
    }
  });
  const outcome = await lint({ templates: [file], dataMap: DATA_MAP, profiles, cwd: ROOT, now: NOW });
  return new Map(outcome.results.map((result) => [result.profile ?? '', judgementOf(result)]));
}

export async function checkerOver(file: string, recipients: readonly RecipientRecord[], passes: number): Promise<Map<string, Judgement>[]> {
  const checker = createChecker({ template: readFileSync(join(ROOT, file), 'utf8'), file, dataMap: DATA_MAP, partials: partialsFor(file), now: () => NOW });
  const rounds: Map<string, Judgement>[] = [];
  for (let pass = 0; pass < passes; pass += 1) {
    const round = new Map<string, Judgement>();
    for (const recipient of recipients) {
      const checked = await checker.check(recipient);
      round.set(recipient.id, judgementOf(checked, checked.verdict));
    }
    rounds.push(round);
  }
  return rounds;
}

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'creeplint-differential-'));
}

/** `creeplint check --format json` with one profile file per recipient. */
export async function cliCheck(file: string, recipients: readonly RecipientRecord[]): Promise<Map<string, Judgement>> {
  const dir = scratch();
  const args: string[] = [];
  recipients.forEach((recipient, index) => {
    const path = join(dir, `r${index}.json`);
    writeFileSync(path, JSON.stringify(recipient));
    args.push('--profile', path);
  });
  const run = await cliIn(ROOT, 'check', file, '--datamap', DATA_MAP_FILE, '--format', 'json', ...args);
  const report = JSON.parse(run.stdout) as { results: { profile: string; score: number; band: string; findings: FindingLike[] }[] };
  return new Map(report.results.map((result) => [result.profile, judgementOf(result)]));
}

interface AuditLine {
  id?: string;
  verdict?: 'send' | 'hold';
  score?: number;
  band?: string;
  rules?: string[];
  line?: number;
  error?: string;
}

function auditJudgements(lines: readonly AuditLine[]): Map<string, Judgement> {
  const verdicts = new Map<string, Judgement>();
  for (const line of lines) {
    if (line.id === undefined || line.verdict === undefined) continue;
    verdicts.set(line.id, { verdict: line.verdict, score: line.score ?? -1, band: line.band ?? '', rules: line.rules ?? [] });
  }
  return verdicts;
}

/** `creeplint audit --workers N` over a JSON Lines audience. */
export async function cliAudit(file: string, recipients: readonly RecipientRecord[], workers: number): Promise<Map<string, Judgement>> {
  const dir = scratch();
  writeFileSync(join(dir, 'audience.jsonl'), recipients.map((recipient) => JSON.stringify(recipient)).join('\n'));
  await cliIn(ROOT, 'audit', file, '--datamap', DATA_MAP_FILE, '--profiles', join(dir, 'audience.jsonl'), '--output', join(dir, 'verdicts.jsonl'), '--format', 'json', '--workers', String(workers), '--quiet');
  const text = existsSync(join(dir, 'verdicts.jsonl')) ? readFileSync(join(dir, 'verdicts.jsonl'), 'utf8') : '';
  return auditJudgements(text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as AuditLine));
}

/**
 * The audit's own loop with small batches, so that a few recipients cross many batch
 * boundaries: in this thread, or on two workers that each judge every other batch.
 */
export async function batchedAudit(file: string, recipients: readonly RecipientRecord[], workers: number): Promise<Map<string, Judgement>> {
  const setup: WorkerSetup = { template: readFileSync(join(ROOT, file), 'utf8'), file, dataMap: DATA_MAP, partialDirs: [], cwd: ROOT, settings: DEFAULT_SETTINGS };
  const judge = workers > 1 ? workerJudge(setup, workers) : localJudge(checkerFor(setup));
  const lines: AuditLine[] = [];
  const records = (): AsyncIterable<{ line: number; json: string }> => asyncFrom(recipients.map((recipient, index) => ({ line: index + 1, json: JSON.stringify(recipient) })));
  try {
    await runAudit(judge, records(), { batchSize: 3, onVerdict: (verdict) => void lines.push(JSON.parse(verdict.text) as AuditLine) });
  } finally {
    await judge.close();
  }
  return auditJudgements(lines);
}

/** A server whose templates folder holds each template in its own folder, with its partials beside it. */
export async function apiServer(files: readonly string[]): Promise<{ server: RunningServer; names: Map<string, string> }> {
  const dir = scratch();
  const templates = join(dir, 'templates');
  const names = new Map<string, string>();
  files.forEach((file, index) => {
    const folder = join(templates, `t${index}`);
    mkdirSync(folder, { recursive: true });
    cpSync(join(ROOT, file), join(folder, basename(file)));
    const partials = join(ROOT, dirname(file), 'partials');
    if (existsSync(partials)) cpSync(partials, join(folder, 'partials'), { recursive: true });
    names.set(file, `t${index}/${basename(file)}`);
  });
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    maxBodyBytes: 64 * 1024 * 1024,
    timeLimitMs: 60_000,
    workers: 2,
    project: { files: new ProjectFiles(templates, undefined), dataMap: DATA_MAP, settings: DEFAULT_SETTINGS, partialDirs: [] },
  });
  return { server, names };
}

const HEADERS = { authorization: `Bearer ${TOKEN}` };

export async function apiCheck(server: RunningServer, name: string, recipients: readonly RecipientRecord[]): Promise<Map<string, Judgement>> {
  const response = await fetch(`${server.url}api/check`, { method: 'POST', headers: { ...HEADERS, 'content-type': 'application/json' }, body: JSON.stringify({ template: name, profiles: recipients }) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /api/check answered ${response.status}: ${text}`);
  const report = JSON.parse(text) as { results: { profile: string; score: number; band: string; findings: FindingLike[] }[] };
  return new Map(report.results.map((result) => [result.profile, judgementOf(result)]));
}

export async function apiAudit(server: RunningServer, name: string, recipients: readonly RecipientRecord[]): Promise<Map<string, Judgement>> {
  const response = await fetch(`${server.url}api/audit?template=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...HEADERS, 'content-type': 'application/x-ndjson' },
    body: recipients.map((recipient) => JSON.stringify(recipient)).join('\n'),
  });
  const text = await response.text();
  return auditJudgements(text.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as AuditLine));
}

/** The templates the differential test judges: the bundled ones, the golden fixtures' and its own. */
export function templateFiles(): string[] {
  const inFolder = (folder: string): string[] =>
    readdirSync(join(ROOT, folder))
      .filter((name) => /\.(hbs|mjml|txt|liquid)$/u.test(name))
      .map((name) => `${folder}/${name}`);
  const golden = readdirSync(join(ROOT, 'fixtures/golden')).flatMap((scenario) => inFolder(`fixtures/golden/${scenario}`).filter((file) => basename(file).startsWith('email.')));
  return [...inFolder('templates'), ...golden, ...inFolder('test/differential/templates')];
}
