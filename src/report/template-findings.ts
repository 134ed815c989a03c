import type { BranchCoverage, Finding, LintResult, TemplateReport } from '../model/finding.js';
import type { ReportInput } from './report-input.js';

/** A finding as a format shows it: of a template judged whole, or of one recipient's email. */
export interface ShownFinding {
  finding: Finding;
  template: string;
  /** The recipient's result, or undefined for the template's own findings. */
  result: LintResult | undefined;
  /** Index of `result` in the report (for --show-values), or undefined. */
  resultIndex: number | undefined;
}

/**
 * Every finding once: each template's own (judged whole, for every recipient who reaches
 * its branch), then each recipient's that are not the template's. Suppressed findings
 * are included; formats decide how to show them.
 */
export function shownFindings(input: ReportInput): ShownFinding[] {
  const shown: ShownFinding[] = [];
  for (const template of input.templates) for (const finding of template.findings) shown.push({ finding, template: template.template, result: undefined, resultIndex: undefined });
  input.results.forEach((result, resultIndex) => {
    for (const finding of result.findings) if (finding.scope !== 'template') shown.push({ finding, template: result.template, result, resultIndex });
  });
  return shown;
}

/** A recipient's findings that are theirs alone (the template's are shown once, with the template). */
export function recipientFindings(result: LintResult): Finding[] {
  return result.findings.filter((finding) => finding.scope !== 'template');
}

/** "for recipients who reach `else if diagnosis` (line 6)", for a finding inside a branch. */
/** A message with, for a template's own finding inside a branch, " (for recipients who reach …)" after it. */
export function withReach(message: string, finding: Finding, template: string): string {
  const reach = reachOf(finding, template);
  return reach === undefined ? message : `${message} (${reach})`;
}

export function reachOf(finding: Finding, template: string): string | undefined {
  const branch = finding.branch;
  if (!branch) return undefined;
  return `for recipients who reach \`${branch.arm}\` (${where(branch, template)})`;
}

/**
 * What the profiles reached, one line per place the template chooses: "profiles reached
 * 2 of 3 branches of the `if` at line 6 (not `else if diagnosis`)". Places every arm of
 * which was reached are counted in one line at the end.
 */
export function coverageLines(template: TemplateReport): string[] {
  if (template.profiles === 0 || template.branches.length === 0) return [];
  const lines: string[] = [];
  let whole = 0;
  for (const branch of template.branches) {
    const missed = branch.arms.filter((arm) => arm.profiles === 0);
    if (missed.length === 0) {
      whole += 1;
      continue;
    }
    const reached = branch.arms.length - missed.length;
    lines.push(
      `profiles reached ${reached} of ${branch.arms.length} branches of the \`${branch.kind}\` at ${where(branch, template.template)} (not ${missed.map((arm) => `\`${arm.arm}\``).join(', ')})`,
    );
  }
  if (whole > 0) {
    const choices = whole === 1 ? (lines.length === 0 ? 'its one choice' : 'the other choice') : `${lines.length === 0 ? 'all' : 'the other'} ${whole} choices`;
    lines.push(`profiles reached every branch of ${choices}`);
  }
  return lines;
}

function where(place: Pick<BranchCoverage, 'file' | 'line' | 'column'>, template: string): string {
  return place.file === template ? `line ${place.line}` : `${place.file}:${place.line}`;
}
