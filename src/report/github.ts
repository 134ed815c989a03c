import type { Severity } from '../model/severity.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { heldEmailMessage, heldForScore, MAX_SCORE_ID, MAX_WARNINGS_ID, maxWarningsMessage } from './run-facts.js';
import { shownFindings, withReach } from './template-findings.js';

const COMMANDS: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** GitHub's escaping for a workflow command's message. */
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Property values are escaped further: `:` and `,` separate properties. */
function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * GitHub Actions workflow commands, one annotation per finding on the right line (a
 * template's own findings once); an error annotation at the template's first line for
 * each email held for its score, and one for the run when the warnings are more than
 * --max-warnings allows.
 */
export function formatGithub(input: ReportInput, options: ReporterOptions): string {
  const lines = [...findingLines(input, options), ...holdLines(input, options)];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function findingLines(input: ReportInput, options: ReporterOptions): string[] {
  return shownFindings(input)
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
      const said = resultIndex === undefined ? finding.message : messageOf(finding, input, resultIndex, options);
      const message = `${result === undefined ? withReach(said, finding, template) : said}. ${finding.suggestion}`;
      return `::${COMMANDS[finding.severity]} ${properties}::${escapeData(message)}`;
    });
}

/** What fails the run besides error findings: an email held for its score, too many warnings. */
function holdLines(input: ReportInput, options: ReporterOptions): string[] {
  const lines = input.results.filter(heldForScore).map((result) => {
    const whom = result.profile === null ? '' : ` (${result.profile})`;
    const properties = [`file=${escapeProperty(reportPath(result.template, options.cwd))}`, 'line=1', 'col=1', `title=${escapeProperty(`creeplint ${MAX_SCORE_ID}${whom}`)}`].join(
      ',',
    );
    return `::error ${properties}::${escapeData(heldEmailMessage(result, input.run))}`;
  });
  const exceeded = input.run?.maxWarningsExceeded;
  if (exceeded !== undefined) lines.push(`::error title=${escapeProperty(`creeplint ${MAX_WARNINGS_ID}`)}::${escapeData(`The run fails: ${maxWarningsMessage(exceeded)}.`)}`);
  return lines;
}
