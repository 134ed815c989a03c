import type { Finding } from '../model/finding.js';
import type { Evaluated } from './evaluate.js';
import type { PreparedTemplate } from './prepare.js';
import type { SharedResult } from './result-cache.js';
import { verdictOf } from './verdict.js';

/**
 * A judged email made final: findings the template judgement already holds marked
 * `scope: template` (shown once per template, not per recipient), the verdict under the
 * template's maximum score, and everything frozen, since recipients of a class share it.
 */
export function settleResult(prepared: PreparedTemplate, result: Evaluated, templateKeys: ReadonlySet<string>): SharedResult {
  const { verdict, reasons } = verdictOf(result, prepared.settings.maxScore);
  const findings =
    templateKeys.size === 0 ? result.findings : result.findings.map((finding) => (templateKeys.has(judgementKey(finding)) ? { ...finding, scope: 'template' as const } : finding));
  for (const finding of findings) {
    if (finding.suppressed) Object.freeze(finding.suppressed);
    if (finding.branch) Object.freeze(finding.branch);
    Object.freeze(finding);
  }
  Object.freeze(findings);
  return { ...result, findings, verdict, holdReasons: reasons };
}

/** What makes two findings the same judgement, to tell a recipient's findings that the template judgement already holds. */
export function judgementKey(finding: Finding): string {
  return [
    finding.ruleId,
    finding.severity,
    finding.field ?? '',
    finding.placement ?? '',
    finding.file,
    finding.line,
    finding.column,
    finding.weight,
    finding.suppressed?.kind ?? '',
    finding.message,
  ].join('\u0000');
}
