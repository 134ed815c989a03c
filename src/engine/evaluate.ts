import type { DataMap } from '../model/datamap.js';
import type { Finding, LintResult } from '../model/finding.js';
import type { SourceRange } from '../model/location.js';
import { consentState, type Profile } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import { AFTER_SUPPRESSIONS, RULES } from '../rules/index.js';
import type { EmailFacts } from '../rules/rule.js';
import { bandOf, totalScore } from '../score/score.js';
import type { Directive } from '../template/directives.js';
import type { TracedRender } from '../template/render.js';
import type { TemplateProblem } from '../template/uses.js';
import { reportFields } from './field-report.js';
import { runRules, settleFindings } from './findings.js';
import type { PreparedTemplate } from './prepare.js';
import type { ShapeFacts } from './shape.js';
import { applySuppressions, isValidDirective } from './suppressions.js';
import { buildTokenFacts } from './token-facts.js';

/** Judge one recipient's email from its render and shape: facts, rules, suppressions, score. */
export function evaluate(
  prepared: PreparedTemplate,
  input: {
    dataMap: DataMap | undefined;
    profile: Profile | undefined;
    now: Date;
    render: TracedRender | undefined;
    shape: ShapeFacts | undefined;
    renderProblem: string | undefined;
    /** Problems found before the render (a recipient record the checker cannot read). */
    extraProblems?: readonly TemplateProblem[] | undefined;
  },
): LintResult {
  const { source, analysis, settings, lexicon } = prepared;
  const { dataMap, profile, now, render, shape } = input;
  const origin: SourceRange = { file: source.file, start: source.body.origin, end: source.body.origin };
  const problems: TemplateProblem[] = [...analysis.problems, ...(shape?.problems ?? []), ...(input.extraProblems ?? [])];
  if (input.renderProblem !== undefined) {
    problems.push({ ruleId: 'render-error', message: `the template failed to render: ${input.renderProblem}`, range: origin });
  }
  const purposes = source.purposes;
  const basisOf = (purpose: string) => dataMap?.purposes.get(purpose)?.basis;
  const consentOf = (purpose: string) => (profile ? consentState(profile, purpose, now) : undefined);
  const isAllowed = (purpose: string): boolean => {
    const basis = basisOf(purpose);
    if (basis === undefined) return false;
    return basis !== 'consent' || !profile || consentOf(purpose) === 'granted';
  };
  const tokens = buildTokenFacts({
    uses: analysis.uses,
    dataMap,
    profile,
    templatePurposes: purposes,
    isAllowed,
    preset: settings.preset,
    render: profile && render && shape ? { placements: shape.placements, trace: render.trace } : undefined,
  });
  const purposesStart = source.purposesPosition ?? { line: 1, column: 1 };
  const facts: EmailFacts = {
    template: source.file,
    purposes,
    purposesRange: { file: source.file, start: purposesStart, end: purposesStart },
    dataMap,
    profile,
    basisOf,
    consentOf,
    tokens,
    problems,
    directives: analysis.directives,
    unusedDirectives: [],
    knownRuleIds: RULES.map((rule) => rule.meta.id),
    copy: shape?.copy,
    lexicon,
    texts: analysis.texts,
    consentGuards: analysis.consentGuards,
  };
  const findings = judge(facts, analysis.directives, settings);
  const score = totalScore(findings.map((finding) => finding.points));
  return {
    template: source.file,
    profile: profile?.id ?? null,
    purposes: [...purposes],
    score,
    band: bandOf(score),
    fields: reportFields(tokens),
    findings,
  };
}

/**
 * Run the rules, apply the template's suppressions, then the rules that judge the
 * suppressions themselves (a suppression that suppressed nothing).
 */
function judge(facts: EmailFacts, directives: readonly Directive[], settings: EngineSettings): Finding[] {
  const known = new Set(facts.knownRuleIds);
  const first = runRules(RULES.filter((rule) => !AFTER_SUPPRESSIONS.has(rule.meta.id)), facts, settings.rules);
  const { findings, used } = applySuppressions(first, directives, known);
  const unusedDirectives = directives.filter((directive) => directive.kind !== 'enable' && isValidDirective(directive, known) && !used.has(directive));
  const second = runRules(RULES.filter((rule) => AFTER_SUPPRESSIONS.has(rule.meta.id)), { ...facts, unusedDirectives }, settings.rules);
  return settleFindings([...findings, ...second]);
}

