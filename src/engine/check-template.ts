import type { DataMap } from '../model/datamap.js';
import type { LexiconEntry } from '../model/lexicon.js';
import { DEFAULT_SETTINGS, type EngineSettings } from '../model/settings.js';
import type { Finding, LintResult } from '../model/finding.js';
import type { SourceRange } from '../model/location.js';
import { consentState, type Profile } from '../model/profile.js';
import { AFTER_SUPPRESSIONS, RULES } from '../rules/index.js';
import type { EmailFacts } from '../rules/rule.js';
import { bandOf, totalScore } from '../score/score.js';
import { analyseTemplate, type TemplateAnalysis } from '../template/analyse.js';
import { stripMarkers } from '../template/markers.js';
import { compileMjml, locateMjmlProblem } from '../template/mjml.js';
import type { PartialSource } from '../template/partial-source.js';
import { placeValues, type Placements } from '../template/place.js';
import { visibleCopy, type VisibleCopy } from '../template/visible-text.js';
import { builtInLexicon } from '../load/lexicon.js';
import { compileTemplate, type CompiledTemplate, type RenderOutcome, type TracedRender } from '../template/render.js';
import { splitTemplateSource, templateKindOf, type TemplateSource } from '../template/source.js';
import type { Directive } from '../template/directives.js';
import type { TemplateProblem, TokenUse } from '../template/uses.js';
import { reportFields } from './field-report.js';
import { isKnownPath } from './field-lookup.js';
import { runRules, settleFindings } from './findings.js';
import { renderOptionsFor } from '../runtime-helpers.js';
import { applySuppressions, isValidDirective } from './suppressions.js';
import { buildTokenFacts } from './token-facts.js';

export interface TemplateCheckInput {
  /** The path shown in reports (relative to the working directory in the CLI). */
  file: string;
  text: string;
  dataMap: DataMap | undefined;
  /** No profiles: the template is checked on its own, every token use counted. */
  profiles: readonly Profile[];
  partials: PartialSource;
  now: Date;
  /** From the configuration file: rule levels and options, custom helpers, the regional preset. */
  settings?: EngineSettings | undefined;
}

/**
 * The rendered email, free of markers, as the recipient would get it; and, for local
 * previews only, the same email with its markers and the values each field printed.
 * Nothing here goes into LintResult, so CI formats cannot leak it.
 */
export interface RenderedEmail {
  subject?: string | undefined;
  preheader?: string | undefined;
  body: string;
  /** `html` for HTML and MJML templates (MJML compiled), `text` for text templates. */
  format: 'html' | 'text';
  /** The same sections with the tracing markers still in (see template/markers.ts). */
  traced: { subject?: string | undefined; preheader?: string | undefined; body: string };
  /** The field each traced use id reads. */
  useFields: ReadonlyMap<number, string>;
  /** The values each field printed for this recipient (cut to 200 characters). Maps, since field names such as `constructor` are data here. */
  values: ReadonlyMap<string, readonly string[]>;
}

export interface TemplateCheck {
  results: LintResult[];
  rendered: (RenderedEmail | undefined)[];
}

/** A template, prepared once and checked for each recipient. */
export interface PreparedTemplate {
  source: TemplateSource;
  analysis: TemplateAnalysis;
  compiled: CompiledTemplate;
  settings: EngineSettings;
  /** The built-in lexicon with the configuration's entries, merged once. */
  lexicon: readonly LexiconEntry[];
}

export function prepareTemplate(input: Pick<TemplateCheckInput, 'file' | 'text' | 'dataMap' | 'partials' | 'settings'>): PreparedTemplate {
  const settings = input.settings ?? DEFAULT_SETTINGS;
  const source = splitTemplateSource(input.file, input.text, templateKindOf(input.file) ?? 'html');
  const analysis = analyseTemplate(source, {
    partials: input.partials,
    known: (segments) => isKnownPath(segments, input.dataMap),
    helpers: settings.helpers,
  });
  if (source.frontMatterProblem) {
    const { message, position } = source.frontMatterProblem;
    analysis.problems.unshift({ ruleId: 'parse-error', message, range: { file: source.file, start: position, end: position } });
  }
  const lexicon = settings.lexicon.length > 0 ? [...builtInLexicon(), ...settings.lexicon] : builtInLexicon();
  return { source, analysis, compiled: compileTemplate(analysis, settings.helpers), settings, lexicon };
}

export async function checkTemplate(input: TemplateCheckInput): Promise<TemplateCheck> {
  const prepared = prepareTemplate(input);
  const results: LintResult[] = [];
  const rendered: (RenderedEmail | undefined)[] = [];
  const recipients: (Profile | undefined)[] = input.profiles.length > 0 ? [...input.profiles] : [undefined];
  for (const profile of recipients) {
    const outcome = await checkRecipient(prepared, { ...input, profile });
    results.push(outcome.result);
    rendered.push(outcome.rendered);
  }
  return { results, rendered };
}

async function checkRecipient(
  prepared: PreparedTemplate,
  input: { dataMap: DataMap | undefined; profile: Profile | undefined; now: Date },
): Promise<{ result: LintResult; rendered: RenderedEmail | undefined }> {
  const outcome = renderFor(prepared, input.profile, input.now);
  if (!outcome.ok) return { result: evaluate(prepared, { ...input, render: undefined, shape: undefined, renderProblem: outcome.message }), rendered: undefined };
  const shape = await shapeOf(prepared, outcome.render);
  const { source, analysis } = prepared;
  const rendered = renderedEmail(outcome.render, {
    html: shape.html ?? outcome.render.sections.body ?? '',
    format: source.kind === 'text' ? 'text' : 'html',
    uses: analysis.uses,
  });
  return { result: evaluate(prepared, { ...input, render: outcome.render, shape, renderProblem: undefined }), rendered };
}

/** Render for one recipient with the tracing render (their data, and their consent for {{#ifConsent}}). */
export function renderFor(prepared: PreparedTemplate, profile: Profile | undefined, now: Date, options: { traceOnly?: boolean } = {}): RenderOutcome {
  return prepared.compiled.render(profile?.data ?? {}, profile ? renderOptionsFor(profile, now).data.consent : {}, options);
}

/**
 * What the finished email's structure says, which depends only on the branches the
 * render took (its shape), not on the values: where each value landed, the words and
 * links a reader sees, and MJML's complaints. The checker computes it once per shape.
 */
export interface ShapeFacts {
  html: string | undefined;
  placements: Placements;
  copy: VisibleCopy;
  problems: TemplateProblem[];
}

/**
 * The shape of a render: which token uses it reached, and what every condition and
 * iteration decided (shown or not, how many items), which is what changes the email's
 * structure and copy. Values themselves are not part of it.
 */
export function shapeKey(render: TracedRender): string {
  return [...render.trace.entries()]
    .filter(([, use]) => use.reached)
    .sort(([a], [b]) => a - b)
    .map(([id, use]) => (use.decisions.length > 0 ? `${id}:${[...use.decisions].sort().join('/')}` : String(id)))
    .join(',');
}

export async function shapeOf(prepared: PreparedTemplate, render: TracedRender): Promise<ShapeFacts> {
  const { source, analysis } = prepared;
  const origin: SourceRange = { file: source.file, start: source.body.origin, end: source.body.origin };
  const problems: TemplateProblem[] = [];
  const body = render.sections.body ?? '';
  let html: string | undefined;
  // An MJML file without an <mjml> root is a fragment for <mj-include>: read it as markup.
  if (source.kind === 'mjml' && analysis.programs.body && body.includes('<mjml')) {
    const mjml = await compileMjml(body, source.file);
    if (mjml.ok) {
      html = mjml.html;
      for (const problem of mjml.problems) {
        const start = locateMjmlProblem(problem, body, source.body);
        problems.push({ ruleId: 'invalid-mjml', message: `MJML: ${problem.message}`, range: { file: source.file, start, end: start } });
      }
    } else {
      problems.push({ ruleId: 'invalid-mjml', message: `MJML could not be compiled: ${mjml.message}`, range: origin });
    }
  }
  const frontMatter = { subject: source.subject !== undefined, preheader: source.preheader !== undefined };
  return {
    html,
    placements: placeValues(render, { kind: source.kind, html, frontMatter }),
    copy: visibleCopy(render, { kind: source.kind, html }),
    problems,
  };
}

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

export function renderedEmail(
  render: TracedRender,
  options: { html: string; format: RenderedEmail['format']; uses: readonly TokenUse[] },
): RenderedEmail {
  const { subject, preheader } = render.sections;
  const useFields = new Map<number, string>();
  const values = new Map<string, string[]>();
  for (const use of options.uses) {
    useFields.set(use.id, use.field);
    const printed = render.trace.get(use.id)?.values ?? [];
    if (printed.length > 0) values.set(use.field, [...new Set([...(values.get(use.field) ?? []), ...printed])]);
  }
  return {
    subject: subject === undefined ? undefined : stripMarkers(subject),
    preheader: preheader === undefined ? undefined : stripMarkers(preheader),
    body: stripMarkers(options.html),
    format: options.format,
    traced: { subject, preheader, body: options.html },
    useFields,
    values,
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
