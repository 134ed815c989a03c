import type { Finding, LintResult } from '../model/finding.js';
import type { Severity } from '../model/severity.js';
import type { Band } from '../model/vocabulary.js';

import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { signedPoints } from './score-scale.js';
import { heldForScore, heldForScoreCount, MAX_SCORE_ID, maximumOf, maxWarningsMessage, scoreHoldMessage } from './run-facts.js';
import { coverageLines, recipientFindings, shownFindings, withReach } from './template-findings.js';

const COLORS = { red: 31, yellow: 33, blue: 34, green: 32, magenta: 35, gray: 90, bold: 1, underline: 4 } as const;

/**
 * Findings grouped by template and profile, `line:col severity message rule-id`, then the
 * score, band and a one-line why. A template's own findings (judged over every branch)
 * and the branches the profiles reached come once, before its first profile. Colour only
 * when asked (the CLI asks on a TTY).
 */
export function formatStylish(report: ReportInput, options: ReporterOptions): string {
  const paint = (color: keyof typeof COLORS, text: string): string => (options.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const findingLines = (findings: readonly Finding[], template: string, message: (finding: Finding) => string): void => {
    const where = (finding: Finding): string => position(finding, template);
    const shown = findings.filter((finding) => !finding.suppressed);
    const width = Math.max(0, ...shown.map((finding) => where(finding).length));
    for (const finding of shown) {
      lines.push(
        `  ${where(finding).padEnd(width)}  ${paint(SEVERITY_COLORS[finding.severity], finding.severity.padEnd(7))}  ${message(finding)}  ${paint('gray', finding.ruleId)}`,
      );
    }
    const suppressed = findings.length - shown.length;
    if (suppressed > 0) lines.push(paint('gray', `  ${plural(suppressed, 'suppressed finding')} (see --format json)`));
  };
  const templates = new Map(report.templates.map((template) => [template.template, template]));
  const introduced = new Set<string>();
  for (const [index, result] of report.results.entries()) {
    // A template's own findings and what the profiles reached, once, before its first recipient.
    const whole = templates.get(result.template);
    if (whole && !introduced.has(whole.template)) {
      introduced.add(whole.template);
      const coverage = coverageLines(whole);
      if (whole.findings.length > 0 || coverage.length > 0) {
        lines.push(paint('underline', `${whole.template} (every branch)`));
        findingLines(whole.findings, whole.template, (finding) => withReach(finding.message, finding, whole.template));
        for (const line of coverage) lines.push(paint('gray', `  ${line}`));
        lines.push('');
      }
    }
    lines.push(paint('underline', heading(result)));
    // With values shown (local use), each recipient's email in full, the template's findings with their values.
    findingLines(options.showValues ? result.findings : recipientFindings(result), result.template, (finding) => messageOf(finding, report, index, options));
    const ofTemplate = options.showValues ? 0 : result.findings.filter((finding) => finding.scope === 'template' && !finding.suppressed).length;
    if (ofTemplate > 0) lines.push(`  ${ofTemplate === 1 ? '1 of the template’s findings above applies' : `${ofTemplate} of the template’s findings above apply`} to this email`);
    lines.push(`  ${paint(BAND_COLORS[result.band], `score ${result.score} ${result.band}`)}: ${summary(result)}`);
    if (heldForScore(result)) lines.push(`  ${paint('red', 'held')}  ${scoreHoldMessage(result, report.run)}  ${paint('gray', MAX_SCORE_ID)}`);
    lines.push('');
  }
  lines.push(...footer(report, paint));
  return `${lines.join('\n')}\n`;
}

/**
 * The counts, and every other reason the run fails: emails held for their score, more
 * warnings than --max-warnings allows. "✔ … no problems" only when nothing fails it.
 */
function footer(report: ReportInput, paint: (color: keyof typeof COLORS, text: string) => string): string[] {
  const total = report.errorCount + report.warningCount;
  const infoCount = shownFindings(report).filter(({ finding }) => finding.severity === 'info' && !finding.suppressed).length;
  const notes = infoCount > 0 ? `, ${infoCount} info` : '';
  const held = heldForScoreCount(report.results);
  const exceeded = report.run?.maxWarningsExceeded;
  if (total === 0 && held === 0 && exceeded === undefined) return [paint('green', `✔ ${plural(report.results.length, 'email')} checked, no problems${notes}`)];
  const lines: string[] = [];
  if (total > 0 || held === 0)
    lines.push(
      paint(report.errorCount > 0 ? 'red' : 'yellow', `✖ ${plural(total, 'problem')} (${plural(report.errorCount, 'error')}, ${plural(report.warningCount, 'warning')}${notes})`),
    );
  if (held > 0) {
    lines.push(
      paint(
        'red',
        `✖ ${held} of ${plural(report.results.length, 'email')} held: ${held === 1 ? 'its score is' : 'their scores are'} above ${maximumOf(report.run)} (${MAX_SCORE_ID})`,
      ),
    );
  }
  if (exceeded !== undefined) lines.push(paint('red', `✖ ${maxWarningsMessage(exceeded)}`));
  return lines;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

const SEVERITY_COLORS: Readonly<Record<Severity, keyof typeof COLORS>> = { error: 'red', warning: 'yellow', info: 'blue' };
const BAND_COLORS: Readonly<Record<Band, keyof typeof COLORS>> = { helpful: 'green', familiar: 'blue', intrusive: 'yellow', creepy: 'magenta' };

function heading(result: LintResult): string {
  return result.profile === null ? result.template : `${result.template} × ${result.profile}`;
}

/** `line:col`, prefixed with the file when the finding sits in a partial rather than the template. */
function position(finding: Finding, template: string): string {
  const at = `${finding.line}:${finding.column}`;
  return finding.file === template ? at : `${finding.file}:${at}`;
}

/** One line on why the score is what it is: the findings that carry the most points. */
function summary(result: LintResult): string {
  const byConcern = new Map<string, number>();
  for (const finding of result.findings) {
    if (finding.points === 0) continue;
    const concern = finding.field ?? finding.ruleId;
    byConcern.set(concern, (byConcern.get(concern) ?? 0) + finding.points);
  }
  // Points of findings left out of the report (--quiet leaves out warnings and info).
  const shown = [...byConcern.values()].reduce((sum, points) => sum + points, 0);
  const unshown = result.score - shown;
  const rest = unshown === 0 ? '' : `${byConcern.size === 0 ? '' : ', and '}${signedPoints(unshown)} from warnings and info not shown`;
  if (byConcern.size === 0) return rest === '' ? 'nothing here should surprise the recipient' : rest;
  const top = [...byConcern.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return `mostly ${top.map(([concern, points]) => `${concern} (${signedPoints(points)})`).join(', ')}${rest}`;
}
