import type { Finding } from '../model/finding.js';
import { severityRank, type Severity } from '../model/severity.js';
import type { RuleSetting } from '../model/settings.js';
import type { EmailFacts, Report, Rule } from '../rules/rule.js';
import { findingPoints } from '../score/points.js';

export const DOCS_BASE_URL = 'https://github.com/creeplint/creeplint/blob/main/docs/rules';

/**
 * Run rules over one email's facts and turn their reports into findings. A rule set to
 * `off` in the configuration does not run; a level set there replaces the rule's own
 * severity for every report.
 */
export function runRules(rules: readonly Rule[], facts: EmailFacts, settings: ReadonlyMap<string, RuleSetting> = new Map()): Finding[] {
  return rules.flatMap((rule) => {
    const setting = settings.get(rule.meta.id);
    if (setting?.level === 'off') return [];
    const level = setting?.level;
    return rule.check(facts, setting?.options ?? {}).map((report) => toFinding(rule, report, facts, level));
  });
}

/** Sort the findings for reading, and count each concern once (after suppressions). */
export function settleFindings(findings: readonly Finding[]): Finding[] {
  return countEachConcernOnce(sortFindings([...findings]));
}

function toFinding(rule: Rule, report: Report, facts: EmailFacts, level: Severity | undefined): Finding {
  const severity = level ?? report.severity ?? rule.meta.defaultSeverity;
  const range = report.token?.use.range ?? report.range ?? facts.purposesRange;
  const finding: Finding = {
    ruleId: rule.meta.id,
    severity,
    message: report.message,
    why: report.why,
    suggestion: report.suggestion,
    file: range.file,
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    points: findingPoints(rule.meta.id, report, severity),
    docsUrl: `${DOCS_BASE_URL}/${rule.meta.id}.md`,
  };
  const token = report.token;
  if (token) {
    finding.field = token.field;
    if (token.category !== undefined) finding.category = token.category;
    if (token.source !== undefined) finding.source = token.source;
  }
  if (report.placement !== undefined) finding.placement = report.placement;
  return finding;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      severityRank(b.severity) - severityRank(a.severity),
  );
}

/**
 * The same rule about the same field counts once: a product name printed three times
 * is one intrusion, not three. The finding with the most points keeps them; the
 * others stay listed with 0 points, so the total still equals the sum.
 */
function countEachConcernOnce(findings: Finding[]): Finding[] {
  const best = new Map<string, Finding>();
  for (const finding of findings) {
    if (finding.field === undefined || finding.suppressed) continue;
    const key = `${finding.ruleId}\u0000${finding.field}`;
    const current = best.get(key);
    if (!current || finding.points > current.points) best.set(key, finding);
  }
  return findings.map((finding) => {
    if (finding.field === undefined || finding.suppressed) return finding;
    const keeper = best.get(`${finding.ruleId}\u0000${finding.field}`);
    return keeper === finding ? finding : { ...finding, points: 0 };
  });
}
