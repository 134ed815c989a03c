import type { DataMap } from '../model/datamap.js';
import { consentState, type Profile } from '../model/profile.js';
import type { TraceSignature } from '../template/trace-recorder.js';
import type { Finding, LintResult } from '../model/finding.js';
import type { TemplateProblem } from '../template/uses.js';
import { InputError } from '../model/input-error.js';
import { DEFAULT_SETTINGS, type EngineSettings } from '../model/settings.js';
import type { Band } from '../model/vocabulary.js';
import { validateProfile } from '../load/profile.js';
import { NO_PARTIALS, type PartialSource } from '../template/partial-source.js';
import { evaluate } from './evaluate.js';
import { prepareTemplate, renderFor, signFor, type PreparedTemplate } from './prepare.js';
import { renderedEmail, type RenderedEmail } from './rendered-email.js';
import { shapeOf, type ShapeFacts } from './shape.js';

export interface CheckerOptions {
  /** The template's source text. */
  template: string;
  /** Its file name: decides the kind (.hbs, .txt, .mjml) and names it in findings. */
  file?: string | undefined;
  dataMap?: DataMap | undefined;
  partials?: PartialSource | undefined;
  config?: Partial<EngineSettings> | undefined;
  /** The clock consent expiry is judged by; defaults to the real one. */
  now?: (() => Date) | undefined;
  /** Also return the rendered email (for MJML this compiles it for every recipient). */
  render?: boolean | undefined;
}

export interface CheckResult {
  /** `hold` when any error applies to this recipient: the email must not go to them as it is. */
  verdict: 'send' | 'hold';
  score: number;
  band: Band;
  /** The same shape as lint()'s. Recipients the rules cannot tell apart share one frozen list. */
  findings: readonly Finding[];
  rendered?: RenderedEmail | undefined;
}

export interface Checker {
  check(profile: unknown): Promise<CheckResult>;
}

/** Shapes kept per template; a template has few (one per combination of branches taken). */
const MAX_SHAPES = 512;
/** Results kept per template, one per class of recipients that the rules cannot tell apart. */
const MAX_RESULTS = 4096;

/**
 * What, beyond the email's shape, the rules see of a recipient: which printed values are
 * missing, which print an exact time, their consent state for every purpose, and their
 * own sources. Two recipients with the same class and shape get the same findings.
 */
function recipientClass(signature: TraceSignature, profile: Profile, purposes: readonly string[], now: Date): string {
  let consent = '';
  for (const purpose of purposes) consent += consentState(profile, purpose, now)[0];
  let sources = '';
  if (profile.sources.size > 0) {
    sources = [...profile.sources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([field, source]) => `${field}=${source}`).join(';');
  }
  return `${signature.missing}|${signature.exact}|${consent}|${sources}`;
}

/**
 * A pre-send checker for one template. Everything that does not depend on the recipient
 * is done once here: parsing, token uses, scopes, compiling the tracing render, rule
 * setup. Per recipient, `check` renders (to learn which branches they get and which
 * values are missing), then judges their consent, sources and values; where values land
 * is computed once per branch shape, so no HTML is parsed for most recipients. It never
 * throws: odd data is a `hold` with a finding that says why.
 */
export function createChecker(options: CheckerOptions): Checker {
  const file = options.file ?? 'template.hbs';
  const prepared = prepareTemplate({
    file,
    text: options.template,
    dataMap: options.dataMap,
    partials: options.partials ?? NO_PARTIALS,
    settings: { ...DEFAULT_SETTINGS, ...options.config },
  });
  const shapes = new Map<string, Promise<ShapeFacts>>();
  const results = new Map<string, CheckResult>();
  const clock = options.now ?? (() => new Date());
  const purposes = [...new Set([...(options.dataMap?.purposes.keys() ?? []), ...prepared.source.purposes])].sort();

  const shapeFor = (key: string, make: () => Promise<ShapeFacts>): Promise<ShapeFacts> => {
    let shape = shapes.get(key);
    if (!shape) {
      if (shapes.size >= MAX_SHAPES) shapes.clear();
      shape = make();
      shapes.set(key, shape);
    }
    return shape;
  };

  return {
    async check(input) {
      try {
        const profile = validateProfile(input, { file: 'recipient' });
        const now = clock();
        const renderProblem = (message: string): CheckResult => verdictOf(evaluate(prepared, { dataMap: options.dataMap, profile, now, render: undefined, shape: undefined, renderProblem: message }));
        let recipientKey: string | undefined;
        if (!options.render) {
          // First a render that only traces: enough to know this recipient's class.
          const signed = signFor(prepared, profile, now);
          if (!signed.ok) return renderProblem(signed.message);
          // Recipients alike in everything the rules look at get the same result.
          recipientKey = `${signed.signature.shape}|${recipientClass(signed.signature, profile, purposes, now)}`;
          const known = results.get(recipientKey);
          // A copy of the verdict, sharing its (frozen) findings with the others of the class.
          if (known) return { ...known };
        }
        // A new class, or the email itself was asked for: render it to judge it.
        const outcome = renderFor(prepared, profile, now);
        if (!outcome.ok) return renderProblem(outcome.message);
        const render = outcome.render;
        const key = render.signature.shape;
        const shape = options.render ? await shapeOf(prepared, render) : await shapeFor(key, () => shapeOf(prepared, render));
        const result = evaluate(prepared, { dataMap: options.dataMap, profile, now, render, shape, renderProblem: undefined });
        const checked = verdictOf(result);
        if (recipientKey !== undefined) {
          if (results.size >= MAX_RESULTS) results.clear();
          results.set(recipientKey, frozen(checked));
          return { ...checked };
        }
        if (options.render) {
          checked.rendered = renderedEmail(render, { html: shape.html ?? render.sections.body ?? '', format: prepared.source.kind === 'text' ? 'text' : 'html', uses: prepared.analysis.uses, mjml: prepared.source.kind === 'mjml' && shape.html !== undefined });
        }
        return checked;
      } catch (error) {
        return invalidRecipient(prepared, options.dataMap, error);
      }
    },
  };
}

/** Findings shared by every recipient of a class are frozen, so no caller can change them for the others. */
function frozen(result: CheckResult): CheckResult {
  for (const finding of result.findings) {
    if (finding.suppressed) Object.freeze(finding.suppressed);
    Object.freeze(finding);
  }
  Object.freeze(result.findings);
  return result;
}

function verdictOf(result: LintResult): CheckResult {
  const holds = result.findings.some((finding) => finding.severity === 'error' && !finding.suppressed);
  return { verdict: holds ? 'hold' : 'send', score: result.score, band: result.band, findings: result.findings };
}

/** A recipient the checker cannot read: held, with the reason (never the values). */
function invalidRecipient(prepared: PreparedTemplate, dataMap: DataMap | undefined, error: unknown): CheckResult {
  const position = error instanceof InputError && error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : undefined;
  const reason = error instanceof InputError ? error.message : 'the recipient data could not be checked';
  const start = prepared.source.body.origin;
  const problem: TemplateProblem = {
    ruleId: 'invalid-recipient',
    message: `${reason}${position ? ` (record ${position.line}:${position.column})` : ''}`,
    range: { file: prepared.source.file, start, end: start },
  };
  return verdictOf(evaluate(prepared, { dataMap, profile: undefined, now: new Date(), render: undefined, shape: undefined, renderProblem: undefined, extraProblems: [problem] }));
}
