import { reportPath } from './paths.js';
import { messageOf, type ReporterOptions, type ReportInput } from './report-input.js';
import { escapeXml } from './xml.js';

/** JUnit XML: a test suite per template, a test case per profile, a failure when it has errors. */
export function formatJunit(input: ReportInput, options: ReporterOptions): string {
  const suites = new Map<string, { index: number; result: ReportInput['results'][number] }[]>();
  input.results.forEach((result, index) => {
    const template = reportPath(result.template, options.cwd);
    suites.set(template, [...(suites.get(template) ?? []), { index, result }]);
  });
  const failures = (entries: { result: ReportInput['results'][number] }[]): number =>
    entries.filter(({ result }) => result.findings.some((finding) => finding.severity === 'error' && !finding.suppressed)).length;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="creeplint" tests="${input.results.length}" failures="${failures([...suites.values()].flat())}">`];
  for (const [template, entries] of suites) {
    lines.push(`  <testsuite name="${escapeXml(template)}" tests="${entries.length}" failures="${failures(entries)}">`);
    for (const { index, result } of entries) {
      const name = `${result.profile ?? 'template'} (score ${result.score}, ${result.band})`;
      const active = result.findings.filter((finding) => !finding.suppressed);
      const errors = active.filter((finding) => finding.severity === 'error');
      const describe = (finding: (typeof result.findings)[number]): string =>
        `${reportPath(finding.file, options.cwd)}:${finding.line}:${finding.column} ${finding.severity} ${messageOf(finding, input, index, options)} [${finding.ruleId}]`;
      lines.push(`    <testcase classname="${escapeXml(template)}" name="${escapeXml(name)}">`);
      if (errors.length > 0) {
        const summary = errors.length === 1 ? (errors[0]?.message ?? '') : `${errors.length} errors`;
        lines.push(`      <failure message="${escapeXml(summary)}" type="${escapeXml(errors[0]?.ruleId ?? 'error')}">${escapeXml(errors.map(describe).join('\n'))}</failure>`);
      }
      const others = active.filter((finding) => finding.severity !== 'error');
      if (others.length > 0) lines.push(`      <system-out>${escapeXml(others.map(describe).join('\n'))}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
