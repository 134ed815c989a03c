import type { BranchArm, Finding } from '../model/finding.js';
import type { BranchPoint } from '../template/language.js';
import { severityRank, type Severity } from '../model/severity.js';
import type { RuleSetting } from '../model/settings.js';
import type { EmailFacts, Report, Rule } from '../rules/rule.js';
import { fieldPathToSegments, segmentsToFieldPath } from '../model/datamap.js';
import { scoreFindings } from '../score/aggregate.js';
import { compareText } from '../model/text-order.js';

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

/** Sort the findings for reading and give each its points (after suppressions); the score is their sum. */
export function settleFindings(findings: readonly Finding[]): { findings: Finding[]; score: number } {
  return scoreFindings(sortFindings([...findings]));
}

function toFinding(rule: Rule, report: Report, facts: EmailFacts, level: Severity | undefined): Finding {
  // A credit is not a problem: a level set for the rule's problems does not make it one.
  const severity = report.credit ? 'info' : (level ?? report.severity ?? rule.meta.defaultSeverity);
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
    weight: rule.meta.weight === 'none' ? 0 : rule.meta.weight(report),
    intrusion: intrusionOf(rule.meta.id, report),
    points: 0,
    docsUrl: `${DOCS_BASE_URL}/${rule.meta.id}.md`,
  };
  const token = report.token;
  if (token) {
    finding.field = token.field;
    if (token.category !== undefined) finding.category = token.category;
    if (token.source !== undefined) finding.source = token.source;
  }
  if (report.placement !== undefined) finding.placement = report.placement;
  const arm = token?.use.arms?.at(-1);
  if (arm !== undefined) finding.branch = branchArm(facts.branches, arm);
  if (report.credit) finding.credit = { share: report.credit.share, rules: [...report.credit.rules], fields: [...report.credit.fields] };
  return finding;
}

/** The arm `branch id:arm` names, where it is written and in the template's words. */
function branchArm(branches: readonly BranchPoint[], key: string): BranchArm | undefined {
  const [id = 0, arm = 0] = key.split(':').map(Number);
  const point = branches[id - 1];
  if (!point || point.id !== id) return undefined;
  return { file: point.range.file, line: point.range.start.line, column: point.range.start.column, kind: point.kind, arm: point.arms[arm] ?? 'else' };
}

/**
 * What a report is an intrusion of (docs/scoring.md, "one intrusion counts once"): for a
 * field, the rule, the record or list it belongs to and its kind of data, so that a
 * list and its items, or a prescription's name and its refill date, are one; otherwise
 * what the rule says it is about, or the rule itself.
 */
function intrusionOf(ruleId: string, report: Report): string {
  const token = report.token;
  if (!token) return report.intrusion === undefined ? ruleId : `${ruleId}:${report.intrusion}`;
  const kind = (token.category ?? 'unknown').split('.').slice(0, 2).join('.');
  return `${ruleId}:${recordOf(token.field)}:${kind}`;
}

/** The record a field belongs to: the list it is an item of, else the object it is a field of, else itself. */
function recordOf(field: string): string {
  const segments = fieldPathToSegments(field);
  const list = segments.indexOf('[]');
  if (list > 0) return segmentsToFieldPath(segments.slice(0, list));
  return segments.length > 1 ? segmentsToFieldPath(segments.slice(0, -1)) : field;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => compareText(a.file, b.file) || a.line - b.line || a.column - b.column || severityRank(b.severity) - severityRank(a.severity));
}
