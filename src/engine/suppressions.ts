import type { Finding } from '../model/finding.js';
import type { Directive } from '../template/directives.js';

/** Findings about suppressions themselves cannot be suppressed. */
const UNSUPPRESSIBLE = new Set(['no-invalid-suppression', 'no-unused-suppression']);

/** A directive suppresses only when it gives a reason and every rule it names exists. */
export function isValidDirective(directive: Directive, knownRuleIds: ReadonlySet<string>): boolean {
  if (directive.kind === 'enable') return true;
  return directive.reason !== undefined && directive.rules.every((rule) => knownRuleIds.has(rule));
}

/**
 * Mark the findings that justified `creeplint-disable` comments cover: the next line
 * for `disable-next-line`, up to the matching `creeplint-enable` (or the end of the file)
 * for `disable`. Suppressed findings keep their place in the report with their
 * justification and lose their points. Returns the directives that suppressed something.
 */
export function applySuppressions(
  findings: readonly Finding[],
  directives: readonly Directive[],
  knownRuleIds: ReadonlySet<string>,
): { findings: Finding[]; used: Set<Directive> } {
  const valid = directives.filter((directive) => isValidDirective(directive, knownRuleIds));
  const used = new Set<Directive>();
  const result = findings.map((finding) => {
    if (UNSUPPRESSIBLE.has(finding.ruleId) || finding.suppressed) return finding;
    const directive = valid.find((candidate) => covers(candidate, finding, valid));
    if (!directive?.reason) return finding;
    used.add(directive);
    return { ...finding, points: 0, suppressed: { kind: 'inSource' as const, justification: directive.reason } };
  });
  return { findings: result, used };
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(ruleId);
}

function covers(directive: Directive, finding: Finding, all: readonly Directive[]): boolean {
  if (directive.range.file !== finding.file || !names(directive, finding.ruleId)) return false;
  if (directive.kind === 'disable-next-line') return finding.line === directive.range.end.line + 1;
  if (directive.kind !== 'disable' || finding.line <= directive.range.end.line) return false;
  const enable = all.find(
    (other) =>
      other.kind === 'enable' &&
      other.range.file === directive.range.file &&
      other.range.start.line > directive.range.end.line &&
      (other.rules.length === 0 || other.rules.includes(finding.ruleId)),
  );
  return enable === undefined || finding.line < enable.range.start.line;
}
