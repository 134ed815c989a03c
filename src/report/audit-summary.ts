import { SCORE_REASON } from '../engine/verdict.js';
import type { AuditSummary } from '../presend/audit-summary.js';

/** The audit's summary for people: counts, bands, why recipients were held, bad lines. */
export function formatAuditSummary(summary: AuditSummary, source: string): string {
  const lines = [
    `${summary.read} recipient${summary.read === 1 ? '' : 's'} read: ${summary.send} send, ${summary.hold} hold, ${summary.malformed} malformed`,
    `bands: ${Object.entries(summary.bands)
      .map(([band, count]) => `${band} ${count}`)
      .join(', ')}`,
  ];
  if (summary.groups)
    lines.push(
      `holdout groups: ${Object.entries(summary.groups)
        .map(([group, count]) => `${group} ${count}`)
        .join(', ')}`,
    );
  if (summary.holdReasons.length > 0) {
    lines.push('held because:');
    for (const reason of summary.holdReasons.slice(0, 10)) {
      lines.push(`  ${String(reason.count).padStart(8)}  ${reason.ruleId === SCORE_REASON ? `${SCORE_REASON} (a score above the maximum, errors or not)` : reason.ruleId}`);
    }
  }
  if (summary.malformedRecords.length > 0) {
    lines.push('malformed records:');
    for (const record of summary.malformedRecords) lines.push(`  ${source}:${record.line}: ${record.message}`);
    if (summary.malformed > summary.malformedRecords.length) lines.push(`  …and ${summary.malformed - summary.malformedRecords.length} more`);
  }
  return `${lines.join('\n')}\n`;
}
