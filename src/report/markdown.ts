import type { Finding } from '../model/finding.js';
import { severityRank } from '../model/severity.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { signedPoints } from './score-scale.js';
import { heldForScore, heldForScoreCount, maximumOf, maxWarningsMessage } from './run-facts.js';
import { coverageLines, reachOf, recipientFindings, shownFindings } from './template-findings.js';

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
  lines.push(
    `${input.results.length} email${input.results.length === 1 ? '' : 's'} checked: ${input.errorCount} error${input.errorCount === 1 ? '' : 's'}, ${input.warningCount} warning${input.warningCount === 1 ? '' : 's'}.`,
  );
  const held = heldForScoreCount(input.results);
  // Each its own paragraph: what fails the run besides error findings.
  if (held > 0) lines.push('', `⛔ ${held} email${held === 1 ? ' is' : 's are'} held for a score above ${maximumOf(input.run)}.`);
  const exceeded = input.run?.maxWarningsExceeded;
  if (exceeded !== undefined) lines.push('', `⛔ The run fails: ${maxWarningsMessage(exceeded)}.`);
  lines.push('');
  lines.push('| Template | Profile | Score | Band | Errors | Warnings |', '|---|---|---:|---|---:|---:|');
  const count = (findings: readonly Finding[], severity: Finding['severity']) => findings.filter((finding) => finding.severity === severity && !finding.suppressed).length;
  for (const template of input.templates) {
    // A template's own findings, judged over every branch whatever the recipient: one row.
    if (template.findings.length === 0) continue;
    lines.push(
      `| ${code(reportPath(template.template, options.cwd), true)} | every branch | — | — | ${count(template.findings, 'error')} | ${count(template.findings, 'warning')} |`,
    );
  }
  for (const result of input.results) {
    const findings = recipientFindings(result);
    // An email held for its score is marked in its score cell.
    const score = heldForScore(result) ? `⛔ **${result.score}** (above ${input.run?.maxScore ?? 'the maximum'})` : String(result.score);
    lines.push(
      `| ${code(reportPath(result.template, options.cwd), true)} | ${result.profile === null ? '—' : literal(result.profile)} | ${score} | ${BAND_MARKS[result.band]} ${result.band} | ${count(findings, 'error')} | ${count(findings, 'warning')} |`,
    );
  }
  // With values shown (local use), each recipient's findings in full, with their values.
  const candidates = options.showValues
    ? input.results.flatMap((result, resultIndex) => result.findings.map((finding) => ({ finding, template: result.template, result, resultIndex })))
    : shownFindings(input);
  const ranked = candidates
    .filter(({ finding }) => finding.severity !== 'info' && !finding.suppressed)
    .sort((a, b) => severityRank(b.finding.severity) - severityRank(a.finding.severity) || b.finding.weight - a.finding.weight);
  if (ranked.length > 0) {
    lines.push('', '### Top findings', '');
    for (const { finding, template, result, resultIndex } of ranked.slice(0, TOP_FINDINGS)) {
      const where = `${reportPath(finding.file, options.cwd)}:${finding.line}:${finding.column}`;
      const whom = result === undefined ? ' for every recipient who reaches it' : result.profile === null ? '' : ` for ${literal(result.profile)}`;
      const message = resultIndex === undefined ? finding.message : messageOf(finding, input, resultIndex, options);
      const reach = result === undefined ? reachOf(finding, template) : undefined;
      const measure = result === undefined ? `weight ${finding.weight}` : signedPoints(finding.points);
      lines.push(
        `- **${finding.severity}** ${code(finding.ruleId)} at ${code(where)}${whom}: ${prose(message)}${reach === undefined ? '' : ` (${prose(reach)})`} (${measure}). ${prose(finding.suggestion)}`,
      );
    }
    if (ranked.length > TOP_FINDINGS) lines.push(`- …and ${ranked.length - TOP_FINDINGS} more.`);
  }
  const coverage = input.templates.flatMap((template) => coverageLines(template).map((line) => `- ${code(reportPath(template.template, options.cwd))}: ${prose(line)}`));
  if (coverage.length > 0) lines.push('', '### Branches the profiles reached', '', ...coverage);
  return `${lines.join('\n')}\n`;
}
