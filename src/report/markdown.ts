import type { Finding } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';

const TOP_FINDINGS = 10;
const BAND_MARKS = { helpful: '🟢', familiar: '🔵', intrusive: '🟠', creepy: '🔴' } as const;

/**
 * Text a pull-request comment shows as written. Every character that could start HTML, an
 * entity, emphasis, a link, an autolink (`https:`, `www.`, `user@host`), a mention (`@`),
 * an issue reference (`#`), math (`$`), an emoji (`:`) or a table cell (`|`) is
 * backslash-escaped (CommonMark allows it for any ASCII punctuation), and line breaks are
 * folded, so a profile id or a suggestion's `<a href>` renders as text, never as markup.
 */
function literal(text: string): string {
  return fold(text)
    .replace(/[\\`*_~[\]<>&|:@#$]/gu, '\\$&')
    .replace(/(www)\./giu, '$1\\.');
}

/**
 * A code span that its text cannot end early: fenced with more backticks than any run
 * inside (CommonMark). Inside it nothing is markup; in a table, a pipe still ends the cell
 * unless escaped (GFM).
 */
function code(text: string, inTable = false): string {
  const flat = inTable ? fold(text).replaceAll('|', '\\|') : fold(text);
  const longest = Math.max(0, ...(flat.match(/`+/gu) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A message or suggestion: its `quoted` parts stay code spans, everything else is literal text. */
function prose(text: string): string {
  const parts = fold(text).split(/`([^`]+)`/u);
  return parts.map((part, index) => (index % 2 === 1 ? code(part) : literal(part))).join('');
}

function fold(text: string): string {
  return text.replace(/[\r\n]+/gu, ' ');
}

/** A summary for a pull-request comment: a table of emails, then the findings that weigh most. */
export function formatMarkdown(input: ReportInput, options: ReporterOptions): string {
  const lines = ['## creeplint', ''];
  lines.push(`${input.results.length} email${input.results.length === 1 ? '' : 's'} checked: ${input.errorCount} error${input.errorCount === 1 ? '' : 's'}, ${input.warningCount} warning${input.warningCount === 1 ? '' : 's'}.`, '');
  lines.push('| Template | Profile | Score | Band | Errors | Warnings |', '|---|---|---:|---|---:|---:|');
  for (const result of input.results) {
    const count = (severity: Finding['severity']) => result.findings.filter((finding) => finding.severity === severity && !finding.suppressed).length;
    lines.push(`| ${code(reportPath(result.template, options.cwd), true)} | ${result.profile === null ? '—' : literal(result.profile)} | ${result.score} | ${BAND_MARKS[result.band]} ${result.band} | ${count('error')} | ${count('warning')} |`);
  }
  const ranked = input.results
    .flatMap((result, index) => result.findings.map((finding) => ({ finding, result, index })))
    .filter(({ finding }) => finding.severity !== 'info' && !finding.suppressed)
    .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || b.finding.points - a.finding.points);
  if (ranked.length > 0) {
    lines.push('', '### Top findings', '');
    for (const { finding, result, index } of ranked.slice(0, TOP_FINDINGS)) {
      const where = `${reportPath(finding.file, options.cwd)}:${finding.line}:${finding.column}`;
      lines.push(`- **${finding.severity}** ${code(finding.ruleId)} at ${code(where)}${result.profile === null ? '' : ` for ${literal(result.profile)}`}: ${prose(messageOf(finding, input, index, options))} (+${finding.points}). ${prose(finding.suggestion)}`);
    }
    if (ranked.length > TOP_FINDINGS) lines.push(`- …and ${ranked.length - TOP_FINDINGS} more.`);
  }
  return `${lines.join('\n')}\n`;
}
