/**
 * creeplint's public API: everything an integrator needs, from this one entry (`creeplint`),
 * never a deep import. Checking (lint, checkTemplate, createChecker), loading what a project
 * keeps on disk (configuration, data map, profiles, partials), the settings and result
 * types, the rules, the reporters, and the runtime helpers for senders.
 */

// Checking: a project's files, one template, one recipient at a time. The command line
// imports Liquid when a run first reads a Liquid template; the library has it from the
// start, so that prepareTemplate and createChecker read it at once, as they always have.
import { registerTemplateLanguage } from './template/languages.js';
import { liquidLanguage } from './template/liquid/index.js';

registerTemplateLanguage('liquid', liquidLanguage);

export { lint, countFindings, type LintOptions, type LintOutcome, type InputProblem } from './engine/lint.js';
export { checkTemplate, type TemplateCheckInput, type TemplateCheck } from './engine/check-template.js';
export { prepareTemplate } from './engine/prepare.js';
export { createChecker, type Checker, type CheckerOptions, type CheckResult } from './presend/checker.js';
export type { Verdict } from './engine/verdict.js';
export type { RenderedEmail } from './engine/rendered-email.js';
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from './template/render-budget.js';

// Loading: the configuration, the data map, profiles and partials, as the CLI reads them.
export { loadConfig, parseConfig, findConfigFile, CONFIG_FILE_NAMES, type ProjectConfig } from './load/config.js';
export { loadDataMap, parseDataMap, DataMapError } from './load/datamap.js';
export { loadProfile, parseProfile, validateProfile } from './load/profile.js';
export { fileSystemPartials } from './load/partials.js';
export { NO_PARTIALS, type PartialSource, type PartialFile } from './template/partial-source.js';
export { InputError, InputErrors } from './model/input-error.js';

// Settings: what a configuration file gives the engine, with its defaults.
export {
  DEFAULT_SETTINGS,
  DEFAULT_MAX_SCORE,
  PRESETS,
  HELPER_KINDS,
  RULE_LEVELS,
  type EngineSettings,
  type RuleSetting,
  type RuleLevel,
  type HelperKind,
  type Preset,
} from './model/settings.js';

// Results: the JSON contract as types.
export type { Finding, FieldReport, LintResult, LintReport, TemplateReport, BranchCoverage, BranchArm } from './model/finding.js';
export type { DataMap, DataMapWarning, FieldRole, FieldSpec, Purpose } from './model/datamap.js';
export { FIELD_ROLES, fieldsWithRole } from './model/datamap.js';
export type { Profile, ConsentRecord, ConsentState } from './model/profile.js';
export type { Severity } from './model/severity.js';
export { SEVERITIES } from './model/severity.js';
export { BANDS, PLACEMENTS, SOURCES, USE_KINDS, BASES } from './model/vocabulary.js';
export type { Band, Placement, Source, UseKind, Basis, Section } from './model/vocabulary.js';
export { TEMPLATE_LANGUAGES, type TemplateLanguageName } from './template/source.js';
export { bandOf, totalScore } from './score/score.js';

// Rules and reporters.
export { RULES, findRule } from './rules/index.js';
export type { Rule, RuleMeta, RuleOptions, RuleOptionsSchema, RuleOptionSchema, Report, TokenFact, EmailFacts } from './rules/rule.js';
export { REPORTERS, REPORTER_NAMES, reporterFor, DEFAULT_REPORTER_OPTIONS, type Reporter, type ReporterName, type ReporterOptions, type ReportInput } from './report/index.js';

// For senders: render safely with the consent creeplint judged.
export { registerCreeplintHelpers, renderOptionsFor, ifConsent, fallback, RUNTIME_HELPER_NAMES } from './runtime-helpers.js';
