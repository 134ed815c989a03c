import type { Finding } from '../model/finding.js';
import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { heldForScore, MAX_SCORE_ID, MAX_WARNINGS_ID, maxWarningsMessage, scoreHoldMessage } from './run-facts.js';
import { recipientFindings, withReach } from './template-findings.js';
import { escapeXml } from './xml.js';

/** One test case: a template judged whole, one recipient's email, or the run's warning count. */
interface Case {
  name: string;
  findings: readonly Finding[];
  describe: (finding: Finding) => string;
  /** Why the case fails without an error finding: a score above the maximum, too many warnings. */
  failure?: { type: string; message: string } | undefined;
}

/**
 * JUnit XML: a test suite per template; a test case for the template judged whole (its
 * own findings, over every branch) and one per profile (the findings that are theirs);
 * a failure when a case has errors or its email is held for its score. More warnings than
 * --max-warnings allows is a failing case of its own, in a `creeplint` suite.
 */
export function formatJunit(input: ReportInput, options: ReporterOptions): string {
  const suites = new Map<string, Case[]>();
  const add = (template: string, entry: Case): void => {
    const path = reportPath(template, options.cwd);
    suites.set(path, [...(suites.get(path) ?? []), entry]);
  };
  const at = (finding: Finding): string => `${reportPath(finding.file, options.cwd)}:${finding.line}:${finding.column} ${finding.severity}`;
  for (const template of input.templates) {
    if (template.findings.length === 0) continue;
    add(template.template, {
      name: 'every branch',
      findings: template.findings,
      describe: (finding) => {
        return `${at(finding)} ${withReach(finding.message, finding, template.template)} [${finding.ruleId}]`;
      },
    });
  }
  input.results.forEach((result, index) => {
    add(result.template, {
      name: `${result.profile ?? 'template'} (score ${result.score}, ${result.band})`,
      findings: recipientFindings(result),
      describe: (finding) => `${at(finding)} ${messageOf(finding, input, index, options)} [${finding.ruleId}]`,
      failure: heldForScore(result) ? { type: MAX_SCORE_ID, message: `held: ${scoreHoldMessage(result, input.run)}` } : undefined,
    });
  });
  const exceeded = input.run?.maxWarningsExceeded;
  if (exceeded !== undefined)
    add('creeplint', { name: MAX_WARNINGS_ID, findings: [], describe: () => '', failure: { type: MAX_WARNINGS_ID, message: maxWarningsMessage(exceeded) } });
  const failing = (entry: Case): boolean => entry.failure !== undefined || entry.findings.some((finding) => finding.severity === 'error' && !finding.suppressed);
  const all = [...suites.values()].flat();
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="creeplint" tests="${all.length}" failures="${all.filter(failing).length}">`];
  for (const [template, entries] of suites) {
    lines.push(`  <testsuite name="${escapeXml(template)}" tests="${entries.length}" failures="${entries.filter(failing).length}">`);
    for (const entry of entries) {
      const active = entry.findings.filter((finding) => !finding.suppressed);
      const errors = active.filter((finding) => finding.severity === 'error');
      lines.push(`    <testcase classname="${escapeXml(template)}" name="${escapeXml(entry.name)}">`);
      if (errors.length > 0 || entry.failure !== undefined) {
        // One failure per case: its errors, then why it fails besides them.
        const summary = [
          ...(errors.length === 0 ? [] : [errors.length === 1 ? (errors[0]?.message ?? '') : `${errors.length} errors`]),
          ...(entry.failure ? [entry.failure.message] : []),
        ].join('; ');
        const type = errors[0]?.ruleId ?? entry.failure?.type ?? 'error';
        const body = [...errors.map(entry.describe), ...(entry.failure ? [`${entry.failure.message} [${entry.failure.type}]`] : [])].join('\n');
        lines.push(`      <failure message="${escapeXml(summary)}" type="${escapeXml(type)}">${escapeXml(body)}</failure>`);
      }
      const others = active.filter((finding) => finding.severity !== 'error');
      if (others.length > 0) lines.push(`      <system-out>${escapeXml(others.map(entry.describe).join('\n'))}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
