import type { DataMap } from '../model/datamap.js';
import type { Finding } from '../model/finding.js';
import { InputError } from '../model/input-error.js';
import { DEFAULT_SETTINGS, type EngineSettings } from '../model/settings.js';
import type { Band } from '../model/vocabulary.js';
import { validateProfile } from '../load/profile.js';
import { judgeRecipient } from '../engine/judge.js';
import { prepareTemplateLoading, type PreparedTemplate } from '../engine/prepare.js';
import type { RenderedEmail } from '../engine/rendered-email.js';
import type { Verdict } from '../engine/verdict.js';
import { NO_PARTIALS, type PartialSource } from '../template/partial-source.js';
import type { RenderLimits } from '../template/render-budget.js';
import type { TemplateLanguageName } from '../template/source.js';
import type { TemplateProblem } from '../template/uses.js';

export interface CheckerOptions {
  /** The template's source text. */
  template: string;
  /** Its file name: decides the kind (.hbs, .txt, .mjml) and the language (.liquid), and names it in findings. */
  file?: string | undefined;
  /** Where it is on disk, if it is: mjml reads CSS and HTML includes beside it. */
  location?: string | undefined;
  dataMap?: DataMap | undefined;
  partials?: PartialSource | undefined;
  /** Rule levels and options, custom helpers, the preset, the maximum score (`maxScore`, 74 by default). */
  config?: Partial<EngineSettings> | undefined;
  /** The clock consent expiry is judged by; defaults to the real one. */
  now?: (() => Date) | undefined;
  /** Also return the rendered email. */
  render?: boolean | undefined;
  /** How long one recipient's email may take to render, and how much it may print. */
  limits?: RenderLimits | undefined;
  /** `handlebars` or `liquid`; by default the front matter's `language`, else the file's extension (`.liquid`). */
  language?: TemplateLanguageName | undefined;
}

export interface CheckResult {
  /** `hold` when an unsuppressed error applies or the score is above the maximum: the email must not go to them as it is. */
  verdict: Verdict;
  /** Why it is held: the rule ids of its errors, then `max-score` when the score alone would hold it. */
  holdReasons: readonly string[];
  score: number;
  band: Band;
  /** The same as lint()'s for this recipient. Recipients the rules cannot tell apart share one frozen list. */
  findings: readonly Finding[];
  rendered?: RenderedEmail | undefined;
}

export interface Checker {
  check(recipient: unknown): Promise<CheckResult>;
}

/**
 * A pre-send checker for one template. Everything that does not depend on the recipient
 * is done once here: parsing, token uses, scopes, compiling the tracing render. Per
 * recipient, `check` runs the same pipeline as lint() (engine/judge.ts), whose caches
 * let recipients the rules cannot tell apart share their layout and result. It never
 * throws: odd data is a `hold` with a finding that says why.
 */
export function createChecker(options: CheckerOptions): Checker {
  const file = options.file ?? 'template.hbs';
  // Prepared here when its language is loaded (Handlebars always is); a Liquid template the
  // first time it checks, once Liquid is imported.
  const ready = prepareTemplateLoading({
    file,
    location: options.location,
    text: options.template,
    dataMap: options.dataMap,
    partials: options.partials ?? NO_PARTIALS,
    settings: { ...DEFAULT_SETTINGS, ...options.config },
    language: options.language,
  });
  // A failure to prepare is the first check's to report, not an unhandled rejection before it.
  if (ready instanceof Promise) ready.catch(() => undefined);
  const clock = options.now ?? (() => new Date());
  return {
    async check(recipient) {
      const prepared: PreparedTemplate = await ready;
      const now = clock();
      try {
        const profile = validateProfile(recipient, { file: 'recipient' });
        const judged = await judgeRecipient(prepared, profile, { now, rendered: options.render, limits: options.limits });
        const { result } = judged;
        return { verdict: result.verdict, holdReasons: result.holdReasons, score: result.score, band: result.band, findings: result.findings, rendered: judged.rendered };
      } catch (error) {
        // A recipient the checker cannot read: held, with the reason (never the values).
        const position = error instanceof InputError && error.line !== undefined ? { line: error.line, column: error.column ?? 1 } : undefined;
        const reason = error instanceof InputError ? error.message : 'the recipient data could not be checked';
        const start = prepared.source.body.origin;
        const problem: TemplateProblem = {
          ruleId: 'invalid-recipient',
          message: `${reason}${position ? ` (record ${position.line}:${position.column})` : ''}`,
          range: { file: prepared.source.file, start, end: start },
        };
        const { result } = await judgeRecipient(prepared, undefined, { now, problems: [problem], limits: options.limits });
        return {
          verdict: 'hold',
          holdReasons: result.holdReasons.length > 0 ? result.holdReasons : ['invalid-recipient'],
          score: result.score,
          band: result.band,
          findings: result.findings,
        };
      }
    },
  };
}
