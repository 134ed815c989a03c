import type { Finding } from '../model/finding.js';
import type { ReportInput } from './report-input.js';

/**
 * `--quiet`: the report with error findings only, as ESLint's `--quiet` reports errors
 * only. Warnings and info are left out of every result and template (suppressed ones too)
 * and out of the counts, so they print nowhere and `--max-warnings` has none to count.
 * Every email stays, with its score, band and verdict: an email held for its score is
 * still held, and says so.
 */
export function errorsOnly<Report extends ReportInput>(report: Report): Report {
  const errors = (findings: readonly Finding[]): Finding[] => findings.filter((finding) => finding.severity === 'error');
  return {
    ...report,
    results: report.results.map((result) => ({ ...result, findings: errors(result.findings) })),
    templates: report.templates.map((template) => ({ ...template, findings: errors(template.findings) })),
    warningCount: 0,
  };
}
