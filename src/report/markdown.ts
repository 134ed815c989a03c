import type { Finding } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';

const TOP_FINDINGS = 10;
const BAND_MARKS = { helpful: '🟢', familiar: '🔵', intrusive: '🟠', creepy: '🔴' } as const;

/** A table cell: pipes and newlines would break the table. */
function cell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/gu, ' ');
}

/** A summary for a pull-request comment: a table of emails, then the findings that weigh most. */
export function formatMarkdown(input: ReportInput, options: ReporterOptions): string {
  const lines = ['## creeplint', ''];
  lines.push(`${input.results.length} email${input.results.length === 1 ? '' : 's'} checked: ${input.errorCount} error${input.errorCount === 1 ? '' : 's'}, ${input.warningCount} warning${input.warningCount === 1 ? '' : 's'}.`, '');
  lines.push('| Template | Profile | Score | Band | Errors | Warnings |', '|---|---|---:|---|---:|---:|');
  for (const result of input.results) {
    const count = (severity: Finding['severity']) => result.findings.filter((finding) => finding.severity === severity && !finding.suppressed).length;
    lines.push(`| \`${cell(reportPath(result.template, options.cwd))}\` | ${cell(result.profile ?? '—')} | ${result.score} | ${BAND_MARKS[result.band]} ${result.band} | ${count('error')} | ${count('warning')} |`);
  }
  const ranked = input.results
    .flatMap((result, index) => result.findings.map((finding) => ({ finding, result, index })))
    .filter(({ finding }) => finding.severity !== 'info' && !finding.suppressed)
    .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || b.finding.points - a.finding.points);
  if (ranked.length > 0) {
    lines.push('', '### Top findings', '');
    for (const { finding, result, index } of ranked.slice(0, TOP_FINDINGS)) {
      const where = `${reportPath(finding.file, options.cwd)}:${finding.line}:${finding.column}`;
      lines.push(`- **${finding.severity}** \`${finding.ruleId}\` at \`${where}\`${result.profile === null ? '' : ` for ${cell(result.profile)}`}: ${cell(messageOf(finding, input, index, options))} (+${finding.points}). ${cell(finding.suggestion)}`);
    }
    if (ranked.length > TOP_FINDINGS) lines.push(`- …and ${ranked.length - TOP_FINDINGS} more.`);
  }
  return `${lines.join('\n')}\n`;
}
