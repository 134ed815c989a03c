import type { AudienceRecord } from '../load/audience.js';
import { BANDS, type Band } from '../model/vocabulary.js';
import type { Checker } from './checker.js';

export interface AuditVerdict {
  line: number;
  id: string;
  verdict: 'send' | 'hold';
  score: number;
  band: Band;
  /** Rule ids of the findings, errors first; never values. */
  rules: string[];
}

export interface MalformedRecord {
  line: number;
  message: string;
}

export interface AuditSummary {
  read: number;
  send: number;
  hold: number;
  malformed: number;
  bands: Record<Band, number>;
  /** Why recipients were held, most common first. */
  holdReasons: { ruleId: string; count: number }[];
  /** The first malformed records, with their line numbers. */
  malformedRecords: MalformedRecord[];
}

export interface AuditOptions {
  /** Check only every n-th record starting at the i-th (0-based): `--shard i/n`. */
  shard?: { index: number; count: number } | undefined;
  onVerdict(verdict: AuditVerdict): void | Promise<void>;
  onMalformed?(record: MalformedRecord): void;
  onProgress?(read: number): void;
}

const KEPT_MALFORMED = 50;

/**
 * Check an audience one recipient at a time, in input order and constant memory (but for
 * a compact set of id hashes to catch duplicates). Nothing is dropped silently:
 * read = send + hold + malformed.
 */
export async function runAudit(checker: Checker, records: AsyncIterable<AudienceRecord>, options: AuditOptions): Promise<AuditSummary> {
  const summary: AuditSummary = {
    read: 0,
    send: 0,
    hold: 0,
    malformed: 0,
    bands: Object.fromEntries(BANDS.map((band) => [band, 0])) as Record<Band, number>,
    holdReasons: [],
    malformedRecords: [],
  };
  const reasons = new Map<string, number>();
  const seen = new IdSet();
  let position = -1;
  const malformed = (record: MalformedRecord): void => {
    summary.malformed += 1;
    if (summary.malformedRecords.length < KEPT_MALFORMED) summary.malformedRecords.push(record);
    options.onMalformed?.(record);
  };
  for await (const record of records) {
    position += 1;
    if (options.shard && position % options.shard.count !== options.shard.index) continue;
    summary.read += 1;
    options.onProgress?.(summary.read);
    if ('error' in record) {
      malformed({ line: record.line, message: record.error });
      continue;
    }
    const rawId = (record.recipient as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
    if (id !== undefined && !seen.add(id)) {
      malformed({ line: record.line, message: `duplicate id (also on an earlier line)` });
      continue;
    }
    const result = await checker.check(record.recipient);
    const unreadable = result.findings.find((finding) => finding.ruleId === 'invalid-recipient');
    if (id === undefined || unreadable) {
      malformed({ line: record.line, message: unreadable?.message ?? 'a recipient needs an id' });
      continue;
    }
    summary[result.verdict] += 1;
    summary.bands[result.band] += 1;
    const errors = result.findings.filter((finding) => finding.severity === 'error' && !finding.suppressed).map((finding) => finding.ruleId);
    if (result.verdict === 'hold') for (const ruleId of new Set(errors)) reasons.set(ruleId, (reasons.get(ruleId) ?? 0) + 1);
    const others = result.findings.filter((finding) => !finding.suppressed && finding.severity !== 'error').map((finding) => finding.ruleId);
    await options.onVerdict({ line: record.line, id, verdict: result.verdict, score: result.score, band: result.band, rules: [...new Set([...errors, ...others])] });
  }
  summary.holdReasons = [...reasons.entries()].map(([ruleId, count]) => ({ ruleId, count })).sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
  return summary;
}

/**
 * Ids seen so far, as 52-bit hashes (two FNV-1a variants) rather than strings: a few
 * bytes a recipient, so a million recipients stay small. A collision (about one in
 * 10^15 pairs) would report a false duplicate, never hide one.
 */
class IdSet {
  private readonly hashes = new Set<number>();

  /** False when the id was already there. */
  add(id: string): boolean {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (let index = 0; index < id.length; index += 1) {
      const code = id.charCodeAt(index);
      a = Math.imul(a ^ code, 0x01000193) >>> 0;
      b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
    }
    const hash = a * 0x100000 + (b & 0xfffff);
    if (this.hashes.has(hash)) return false;
    this.hashes.add(hash);
    return true;
  }
}
