/** creeplint's public API: lint(), the loaders, the rules, the reporters and the types. */
export { lint, countFindings, type LintOptions, type LintOutcome, type InputProblem } from './engine/lint.js';
export { checkTemplate, prepareTemplate, type RenderedEmail, type TemplateCheckInput } from './engine/check-template.js';
export { loadDataMap, parseDataMap, DataMapError } from './load/datamap.js';
export { loadProfile, parseProfile, validateProfile } from './load/profile.js';
export { RULES, findRule } from './rules/index.js';
export type { Rule, RuleMeta, Report, TokenFact, EmailFacts } from './rules/rule.js';
export { REPORTERS, REPORTER_NAMES, reporterFor, type Reporter, type ReporterName, type ReporterOptions } from './report/index.js';
export { bandOf, totalScore } from './score/score.js';
export { InputError } from './model/input-error.js';
export type { Finding, FieldReport, LintResult, LintReport } from './model/finding.js';
export type { DataMap, FieldSpec, Purpose } from './model/datamap.js';
export type { Profile, ConsentRecord, ConsentState } from './model/profile.js';
export type { Severity } from './model/severity.js';
export { SEVERITIES } from './model/severity.js';
export { BANDS, PLACEMENTS, SOURCES, USE_KINDS, BASES } from './model/vocabulary.js';
export type { Band, Placement, Source, UseKind, Basis, Section } from './model/vocabulary.js';
export { registerCreeplintHelpers, renderOptionsFor, ifConsent, fallback, RUNTIME_HELPER_NAMES } from './runtime-helpers.js';
export { createChecker, type Checker, type CheckerOptions, type CheckResult } from './engine/checker.js';
