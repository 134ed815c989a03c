import type { Severity } from '../model/severity.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { reachOf, shownFindings } from './template-findings.js';

const COMMANDS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub's escaping for a workflow command's message. */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values are escaped further: `:` and `,` separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** GitHub Actions workflow commands, one annotation per finding on the right line; a template's own findings once. */
export function formatGithub(input: ReportInput, options: ReporterOptions): string {
  const lines = shownFindings(input)
    .filter(({ finding }) => !finding.suppressed)
    .map(({ finding, template, result, resultIndex }) => {
      const whom = result === undefined ? 'every branch' : result.profile;
      const properties = [
        `file=${escapeProperty(reportPath(finding.file, options.cwd))}`,
        `line=${finding.line}`,
        `col=${finding.column}`,
        `endLine=${finding.endLine}`,
        `endColumn=${finding.endColumn}`,
        `title=${escapeProperty(`creeplint ${finding.ruleId}${whom === null ? '' : ` (${whom})`}`)}`,
      ].join(',');
      const reach = result === undefined ? reachOf(finding, template) : undefined;
      const message = `${resultIndex === undefined ? finding.message : messageOf(finding, input, resultIndex, options)}${reach === undefined ? '' : ` (${reach})`}. ${finding.suggestion}`;
      return `::${COMMANDS[finding.severity]} ${properties}::${escapeData(message)}`;
    });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
