import type { Finding, LintResult } from '../../model/finding.js';
import { worstSeverity, type Severity } from '../../model/severity.js';
import { signedPoints } from '../score-scale.js';
import { escapeHtml } from './escape.js';

/** What the preview says about one field: its worst severity, and the details shown on hover or focus. */
export interface TokenNote {
  field: string;
  severity: Severity | 'ok';
  /** HTML, already escaped. */
  details: string;
}

const PURPOSE_RULES = new Set(['no-unconsented-field', 'no-purpose-mismatch', 'require-consent']);

export function tokenNotes(result: LintResult): Map<string, TokenNote> {
  const notes = new Map<string, TokenNote>();
  for (const field of result.fields) {
    const findings = result.findings.filter((finding) => finding.field === field.field);
    const severity = worstSeverity(findings.map((finding) => finding.severity)) ?? 'ok';
    notes.set(field.field, { field: field.field, severity, details: details(field, findings, result) });
  }
  return notes;
}

function details(field: LintResult['fields'][number], findings: Finding[], result: LintResult): string {
  const points = findings.reduce((sum, finding) => sum + finding.points, 0);
  const purposeProblem = findings.find((finding) => PURPOSE_RULES.has(finding.ruleId));
  const shared = field.purposes.filter((purpose) => result.purposes.includes(purpose));
  const purposeLine = purposeProblem
    ? `✗ ${purposeProblem.message}`
    : shared.length > 0
      ? `✓ may serve ${shared.join(', ')}`
      : field.category === null
        ? '? not in the data map'
        : '✓ system data';
  const worst = [...findings].sort((a, b) => b.points - a.points)[0];
  const rows = [
    `<b>${escapeHtml(field.field)}</b>`,
    `category: ${escapeHtml(field.category ?? 'unknown')}`,
    `source: ${escapeHtml(field.source ?? 'unknown')}`,
    `purpose: ${escapeHtml(purposeLine)}`,
    `points: ${signedPoints(points)}`,
    ...[...new Set(findings.map((finding) => `${escapeHtml(finding.severity)}: ${escapeHtml(finding.message)}`))],
    worst ? `try: ${escapeHtml(worst.suggestion)}` : 'nothing here should surprise the recipient',
  ];
  return rows.join('<br>');
}
