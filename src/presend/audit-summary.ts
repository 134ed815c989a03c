import { BANDS, GROUPS, type Band, type Group } from '../model/vocabulary.js';
import { compareText } from '../model/text-order.js';

export interface MalformedRecord {
  line: number;
  message: string;
}

/** What an audit found, counted exactly: read = send + hold + malformed. */
export interface AuditSummary {
  read: number;
  send: number;
  hold: number;
  malformed: number;
  bands: Record<Band, number>;
  /** Recipients per holdout group, when the audit assigned them (`--holdout`). */
  groups?: Record<Group, number> | undefined;
  /** Why recipients were held (rule ids, and `max-score` for a score above the maximum), most common first. */
  holdReasons: { ruleId: string; count: number }[];
  /** The first malformed records, with their line numbers. */
  malformedRecords: MalformedRecord[];
  /** Recipients per score bucket of 5 points (0–4, 5–9, … 95–99, 100). */
  scoreHistogram: number[];
  /** A few recipient ids per band, to look at (ids only). */
  examples: Record<Band, string[]>;
}

/** Malformed records and example ids kept in a summary: enough to look at, never the whole audience. */
export const KEPT_MALFORMED = 50;
export const EXAMPLES_PER_BAND = 5;

export function emptySummary(withGroups: boolean): AuditSummary {
  return {
    read: 0,
    send: 0,
    hold: 0,
    malformed: 0,
    bands: Object.fromEntries(BANDS.map((band) => [band, 0])) as Record<Band, number>,
    ...(withGroups ? { groups: Object.fromEntries(GROUPS.map((group) => [group, 0])) as Record<Group, number> } : {}),
    holdReasons: [],
    malformedRecords: [],
    scoreHistogram: Array.from({ length: 21 }, () => 0),
    examples: Object.fromEntries(BANDS.map((band) => [band, []])) as unknown as Record<Band, string[]>,
  };
}

export function sortedReasons(counts: ReadonlyMap<string, number>): { ruleId: string; count: number }[] {
  return [...counts.entries()].map(([ruleId, count]) => ({ ruleId, count })).sort((a, b) => b.count - a.count || compareText(a.ruleId, b.ruleId));
}

/**
 * One summary from the summaries of an audience's shards (`--shard i/n`, or any split):
 * every count is the sum of the shards', exactly; the malformed records kept are the
 * first by line, the example ids the first of each shard's. (Duplicate ids are caught
 * within a shard; across shards no summary holds the ids to compare.)
 */
export function mergeSummaries(summaries: readonly AuditSummary[]): AuditSummary {
  const merged = emptySummary(summaries.some((summary) => summary.groups !== undefined));
  const reasons = new Map<string, number>();
  for (const summary of summaries) {
    merged.read += summary.read;
    merged.send += summary.send;
    merged.hold += summary.hold;
    merged.malformed += summary.malformed;
    for (const band of BANDS) {
      merged.bands[band] += summary.bands[band];
      merged.examples[band].push(...summary.examples[band].slice(0, EXAMPLES_PER_BAND - merged.examples[band].length));
    }
    if (merged.groups) for (const group of GROUPS) merged.groups[group] += summary.groups?.[group] ?? 0;
    for (const { ruleId, count } of summary.holdReasons) reasons.set(ruleId, (reasons.get(ruleId) ?? 0) + count);
    summary.scoreHistogram.forEach((count, bucket) => (merged.scoreHistogram[bucket] = (merged.scoreHistogram[bucket] ?? 0) + count));
    merged.malformedRecords.push(...summary.malformedRecords);
  }
  merged.holdReasons = sortedReasons(reasons);
  merged.malformedRecords = merged.malformedRecords.sort((a, b) => a.line - b.line).slice(0, KEPT_MALFORMED);
  return merged;
}
