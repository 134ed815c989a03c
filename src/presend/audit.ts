import { recipientOf, type AudienceRecord } from '../load/audience.js';
import type { Finding } from '../model/finding.js';
import type { Band, Group } from '../model/vocabulary.js';
import { emptySummary, EXAMPLES_PER_BAND, KEPT_MALFORMED, sortedReasons, type AuditSummary, type MalformedRecord } from './audit-summary.js';
import type { Checker } from './checker.js';
import { holdoutGroup } from './holdout.js';
import { IdSet } from './id-set.js';

export type { AuditSummary, MalformedRecord } from './audit-summary.js';

/** One recipient's verdict, as the audit writes it: ids, verdict, score, band, rule ids; never values. */
export interface AuditVerdict {
  line: number;
  id: string;
  verdict: 'send' | 'hold';
  score: number;
  band: Band;
  /** Rule ids of the findings, errors first; never values. */
  rules: string[];
  /** The recipient's holdout group, when the audit assigns them (`--holdout`). */
  group?: Group | undefined;
  /** The verdict as one line of JSON, written as it is (made where the recipient was judged). */
  text: string;
}

/** A holdout: the share of recipients that get the control twin, by campaign and id. */
export interface Holdout {
  campaign: string;
  share: number;
}

export interface AuditOptions {
  /** Check only every n-th record starting at the i-th (0-based): `--shard i/n`. */
  shard?: { index: number; count: number } | undefined;
  /** Assign each recipient a holdout group (written in its verdict and counted in the summary). */
  holdout?: Holdout | undefined;
  onVerdict(verdict: AuditVerdict): void | Promise<void>;
  onMalformed?(record: MalformedRecord): void;
  onProgress?(read: number): void;
  /** Stops the audit: reading stops, batches in flight are abandoned, and `runAudit` rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Records per batch (tests use small ones to cross batch boundaries). */
  batchSize?: number | undefined;
}

/** What judging one record gave: a verdict, or why it is malformed. */
export type RecordOutcome =
  { line: number; kind: 'verdict'; verdict: Omit<AuditVerdict, 'line'>; holdReasons: string[] } | { line: number; kind: 'malformed'; message: string; id?: string | undefined };

/** Judges records in batches, in order: in this thread, or in a pool of workers. */
export interface RecordJudge {
  judge(batch: readonly AudienceRecord[]): Promise<RecordOutcome[]>;
  close(): Promise<void>;
}

const BATCH = 1000;

/** What a verdict's findings say for the audit: why it is unreadable, its rule ids (errors first). */
interface FindingsDigest {
  unreadable: string | undefined;
  rules: string[];
  /** The rule ids as JSON, for the verdict line. */
  rulesJson: string;
}

/** Recipients of one class share their findings list, so its digest is worked out once. */
const digests = new WeakMap<readonly Finding[], FindingsDigest>();

function digestOf(findings: readonly Finding[]): FindingsDigest {
  let digest = digests.get(findings);
  if (!digest) {
    const errors = findings.filter((finding) => finding.severity === 'error' && !finding.suppressed).map((finding) => finding.ruleId);
    const others = findings.filter((finding) => !finding.suppressed && finding.severity !== 'error').map((finding) => finding.ruleId);
    const rules = [...new Set([...errors, ...others])];
    digest = { unreadable: findings.find((finding) => finding.ruleId === 'invalid-recipient')?.message, rules, rulesJson: JSON.stringify(rules) };
    digests.set(findings, digest);
  }
  return digest;
}

/** Judge one record with a checker: the same code in this thread and in workers. */
export async function judgeRecord(checker: Checker, record: AudienceRecord, holdout?: Holdout): Promise<RecordOutcome> {
  const read = recipientOf(record);
  if ('error' in read) return { line: record.line, kind: 'malformed', message: read.error };
  const rawId = (read.recipient as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
  const result = await checker.check(read.recipient);
  const digest = digestOf(result.findings);
  if (id === undefined || digest.unreadable !== undefined) return { line: record.line, kind: 'malformed', message: digest.unreadable ?? 'a recipient needs an id', id };
  const group = holdout ? holdoutGroup(holdout.campaign, id, holdout.share) : undefined;
  const text = `{"id":${JSON.stringify(id)},"verdict":"${result.verdict}","score":${result.score},"band":"${result.band}","rules":${digest.rulesJson}${group ? `,"group":"${group}"` : ''}}`;
  return {
    line: record.line,
    kind: 'verdict',
    verdict: { id, verdict: result.verdict, score: result.score, band: result.band, rules: digest.rules, ...(group ? { group } : {}), text },
    holdReasons: result.verdict === 'hold' ? [...result.holdReasons] : [],
  };
}

/** Judging in this thread, one record after another. */
export function localJudge(checker: Checker, holdout?: Holdout): RecordJudge {
  return {
    async judge(batch) {
      const outcomes: RecordOutcome[] = [];
      for (const record of batch) outcomes.push(await judgeRecord(checker, record, holdout));
      return outcomes;
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Check an audience in input order and constant memory (but for a compact set of id
 * hashes to catch duplicates). Records are judged in batches, several at once when the
 * judge is a worker pool, and accounted for in order. Nothing is dropped silently:
 * read = send + hold + malformed.
 */
export async function runAudit(judge: RecordJudge, records: AsyncIterable<AudienceRecord>, options: AuditOptions): Promise<AuditSummary> {
  const summary = emptySummary(options.holdout !== undefined);
  const reasons = new Map<string, number>();
  const seen = new IdSet();
  const malformed = (record: MalformedRecord): void => {
    summary.malformed += 1;
    if (summary.malformedRecords.length < KEPT_MALFORMED) summary.malformedRecords.push(record);
    options.onMalformed?.(record);
  };
  const account = async (outcome: RecordOutcome): Promise<void> => {
    const id = outcome.kind === 'verdict' ? outcome.verdict.id : outcome.id;
    // A later record with an id already seen is the duplicate, whoever judged it.
    if (id !== undefined && !seen.add(id)) {
      malformed({ line: outcome.line, message: 'duplicate id (also on an earlier line)' });
      return;
    }
    if (outcome.kind === 'malformed') {
      malformed({ line: outcome.line, message: outcome.message });
      return;
    }
    const { verdict } = outcome;
    summary[verdict.verdict] += 1;
    summary.bands[verdict.band] += 1;
    if (summary.groups && verdict.group) summary.groups[verdict.group] += 1;
    const bucket = Math.min(20, Math.floor(verdict.score / 5));
    summary.scoreHistogram[bucket] = (summary.scoreHistogram[bucket] ?? 0) + 1;
    const examples = summary.examples[verdict.band];
    if (examples.length < EXAMPLES_PER_BAND) examples.push(verdict.id);
    for (const ruleId of outcome.holdReasons) reasons.set(ruleId, (reasons.get(ruleId) ?? 0) + 1);
    await options.onVerdict({ line: outcome.line, ...verdict });
  };
  // Batches in flight, accounted for in the order they were read.
  const pending: Promise<RecordOutcome[]>[] = [];
  const inFlight = 4;
  const batchSize = options.batchSize ?? BATCH;
  // Whatever is awaited also ends when the signal aborts.
  const stopped = options.signal && abortedPromise(options.signal);
  const unlessStopped = <T>(promise: Promise<T>): Promise<T> => (stopped ? Promise.race([promise, stopped]) : promise);
  const judgeBatch = (records: readonly AudienceRecord[]): void => {
    const judged = judge.judge(records);
    // A batch may fail (or the audit stop) before its turn to be accounted for: never an unhandled rejection.
    judged.catch(() => undefined);
    pending.push(judged);
  };
  const drain = async (until: number): Promise<void> => {
    while (pending.length > until) for (const outcome of await unlessStopped(pending.shift() as Promise<RecordOutcome[]>)) await account(outcome);
  };
  let batch: AudienceRecord[] = [];
  let position = -1;
  const reading = records[Symbol.asyncIterator]();
  try {
    for (let step = await unlessStopped(reading.next()); !step.done; step = await unlessStopped(reading.next())) {
      const record = step.value;
      position += 1;
      if (options.shard && position % options.shard.count !== options.shard.index) continue;
      summary.read += 1;
      options.onProgress?.(summary.read);
      batch.push(record);
      if (batch.length >= batchSize) {
        judgeBatch(batch);
        batch = [];
        await drain(inFlight);
      }
    }
    if (batch.length > 0) judgeBatch(batch);
    await drain(0);
  } catch (error) {
    // Stop reading (a generator left mid-read finishes when its source does).
    reading.return?.().catch(() => undefined);
    throw error;
  }
  summary.holdReasons = sortedReasons(reasons);
  return summary;
}

/** A promise that rejects with the signal's reason when it aborts (at once if it has). */
function abortedPromise(signal: AbortSignal): Promise<never> {
  const promise = new Promise<never>((_, reject) => {
    const abort = (): void => {
      reject(signal.reason instanceof Error ? signal.reason : new Error('the audit was stopped'));
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  });
  promise.catch(() => undefined);
  return promise;
}
