import type { Finding } from '../model/finding.js';
import type { SourceRange } from '../model/location.js';
import type { ConsentState } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import { AFTER_SUPPRESSIONS, RULES } from '../rules/index.js';
import type { CopyFacts, EmailFacts, TokenFact } from '../rules/rule.js';
import { bandOf } from '../score/score.js';
import type { Directive } from '../template/directives.js';
import type { TemplateProblem } from '../template/uses.js';
import { reportFields } from './field-report.js';
import { runRules, settleFindings } from './findings.js';
import type { PreparedTemplate } from './prepare.js';
import type { SharedResult } from './result-cache.js';

/** A judged email, before its verdict. */
export type Evaluated = Omit<SharedResult, 'verdict' | 'holdReasons'>;
import { applySuppressions, isValidDirective } from './suppressions.js';

/** What the rules look at of one recipient's email, beyond the template itself. */
export interface EmailJudgementInput {
  hasProfile: boolean;
  consentOf: (purpose: string) => ConsentState | undefined;
  tokens: readonly TokenFact[];
  copy: CopyFacts | undefined;
  /** Problems of this email beyond the template's own: mjml's, a render that failed, a record that cannot be read. */
  problems: readonly TemplateProblem[];
}

/**
 * Judge one email: rules, suppressions, score. A pure function of the prepared template
 * and its input, which is what lets recipients with the same input share the result.
 */
export function evaluate(prepared: PreparedTemplate, input: EmailJudgementInput): Evaluated {
  const { source, analysis, settings, lexicon, dataMap } = prepared;
  const purposes = source.purposes;
  const purposesStart = source.purposesPosition ?? { line: 1, column: 1 };
  const purposesRange: SourceRange = { file: source.file, start: purposesStart, end: purposesStart };
  const facts: EmailFacts = {
    template: source.file,
    purposes,
    purposesRange,
    dataMap,
    hasProfile: input.hasProfile,
    basisOf: (purpose) => dataMap?.purposes.get(purpose)?.basis,
    consentOf: input.consentOf,
    tokens: input.tokens,
    problems: [...analysis.problems, ...input.problems],
    directives: analysis.directives,
    unusedDirectives: [],
    knownRuleIds: RULES.map((rule) => rule.meta.id),
    copy: input.copy,
    lexicon,
    texts: analysis.texts,
    consentGuards: analysis.consentGuards,
    branches: analysis.branches,
  };
  const { findings, score } = judge(facts, analysis.directives, settings);
  return {
    template: source.file,
    purposes: [...purposes],
    score,
    band: bandOf(score),
    fields: reportFields(input.tokens, dataMap),
    findings,
  };
}

/**
 * Run the rules, apply the template's suppressions, then the rules that judge the
 * suppressions themselves (a suppression that suppressed nothing).
 */
function judge(facts: EmailFacts, directives: readonly Directive[], settings: EngineSettings): { findings: Finding[]; score: number } {
  const known = new Set(facts.knownRuleIds);
  const first = runRules(
    RULES.filter((rule) => !AFTER_SUPPRESSIONS.has(rule.meta.id)),
    facts,
    settings.rules,
  );
  const { findings, used } = applySuppressions(first, directives, known);
  const unusedDirectives = directives.filter((directive) => directive.kind !== 'enable' && isValidDirective(directive, known) && !used.has(directive));
  const second = runRules(
    RULES.filter((rule) => AFTER_SUPPRESSIONS.has(rule.meta.id)),
    { ...facts, unusedDirectives },
    settings.rules,
  );
  return settleFindings([...findings, ...second]);
}
