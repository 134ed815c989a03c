import type { LintReport } from '../model/finding.js';

/** DESIGN.md's JSON contract (schema/report.schema.json). Messages name fields, never values. */
export function formatJson(report: LintReport): string {
  return `${JSON.stringify({ results: report.results, errorCount: report.errorCount, warningCount: report.warningCount }, null, 2)}\n`;
}
