import { isExactTime } from '../copy/exact-time.js';
import type { LintResult } from '../model/finding.js';
import { consentState, type ConsentState, type Profile } from '../model/profile.js';
import type { Source } from '../model/vocabulary.js';
import type { TracedRender } from '../template/language.js';
import { DEFAULT_RENDER_LIMITS, RenderBudget, type RenderLimits } from '../template/render-budget.js';
import { USE_MISSING, USE_REACHED } from '../template/trace-recorder.js';
import type { TemplateProblem } from '../template/uses.js';
import { layoutLanguage } from './email-language.js';
import { evaluate, type Evaluated } from './evaluate.js';
import { layoutFor, type LayoutRecord } from './layouts.js';
import type { PreparedTemplate } from './prepare.js';
import { copyFacts } from './recipient-copy.js';
import { recipientClass } from './recipient-class.js';
import { renderedEmail, type RenderedEmail } from './rendered-email.js';
import type { SharedResult } from './result-cache.js';
import { buildTokenFacts } from './token-facts.js';
import { verdictOf } from './verdict.js';

export interface JudgeOptions {
  now: Date;
  /** Also return the email as this recipient gets it. */
  rendered?: boolean | undefined;
  limits?: RenderLimits | undefined;
  /** Problems found before the render: a recipient record that cannot be read. */
  problems?: readonly TemplateProblem[] | undefined;
}

export interface Judged {
  result: LintResult;
  rendered?: RenderedEmail | undefined;
}

/**
 * The one recipient pipeline: every entry point (lint(), `creeplint check`, the
 * pre-send checker, the audit, the HTTP API) judges a recipient here. Render with the
 * tracing render (values hollow), find the layout, put this recipient's values in its
 * slots to learn what the words and links say, then judge: the rules run once per class
 * of recipients they cannot tell apart (engine/recipient-class.ts), and the result is
 * theirs alike. Without a profile the template is judged on its own.
 */
export async function judgeRecipient(prepared: PreparedTemplate, profile: Profile | undefined, options: JudgeOptions): Promise<Judged> {
  const { now } = options;
  // Each purpose's state once: the render's consent guards and the rules read the same.
  const states = new Map<string, ConsentState>();
  const consent: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const purpose of profile?.consent.keys() ?? []) {
    const state = consentState(profile as Profile, purpose, now);
    states.set(purpose, state);
    consent[purpose] = state === 'granted';
  }
  const budget = RenderBudget.of(options.limits ?? DEFAULT_RENDER_LIMITS);
  const outcome = prepared.renderer.render(profile?.data ?? {}, consent, { hollow: !prepared.plain, budget });
  const consentOf = (purpose: string): ConsentState | undefined => (profile ? (states.get(purpose) ?? 'missing') : undefined);
  const sources = profile?.sources ?? new Map<string, Source>();
  const extra = options.problems ?? [];
  if (!outcome.ok) {
    const start = prepared.source.body.origin;
    const problem: TemplateProblem = { ruleId: 'render-error', message: `the template failed to render: ${outcome.message}`, range: { file: prepared.source.file, start, end: start }, stopped: outcome.limit !== undefined };
    const tokens = buildTokenFacts({ ...tokenInput(prepared, profile, sources, now), trace: undefined });
    return { result: withProfile(settle(prepared, evaluate(prepared, { hasProfile: profile !== undefined, consentOf, tokens, copy: undefined, problems: [...extra, problem] })), profile) };
  }
  const render = outcome.render;
  const found = layoutFor(prepared, render);
  const record = found instanceof Promise ? await found : found;
  const rendered = options.rendered ? renderedEmail(record.layout, render, prepared.analysis.uses, layoutLanguage(record)) : undefined;
  const layoutProblems = [...extra, ...record.layout.problems];
  if (!profile) {
    // On its own, every use counts, placed by its section; the words are the template's.
    const tokens = buildTokenFacts({ ...tokenInput(prepared, undefined, sources, now), trace: undefined });
    const copy = copyFacts({ record, slots: render.slots, lexicon: prepared.lexicon, undeclared: () => NO_UNDECLARED }).facts();
    return { result: withProfile(settle(prepared, evaluate(prepared, { hasProfile: false, consentOf, tokens, copy, problems: layoutProblems })), undefined), rendered };
  }
  const exact = exactTimes(render, prepared.useCount);
  const copy = copyFacts({ record, slots: render.slots, lexicon: prepared.lexicon, undeclared: () => undeclaredUses(prepared, render, sources) });
  const key = recipientClass({ prepared, layoutId: record.layout.id, flags: render.flags, exact, consentOf, sources, copyKey: copy.key, problems: extra });
  let shared = prepared.caches.result(key);
  if (!shared) {
    const tokens = buildTokenFacts({ ...tokenInput(prepared, profile, sources, now), trace: { flags: render.flags, exact, placements: record.layout.placements } });
    shared = settle(prepared, evaluate(prepared, { hasProfile: true, consentOf, tokens, copy: copy.facts(), problems: layoutProblems }));
    prepared.caches.keepResult(key, shared);
  }
  return { result: withProfile(shared, profile), rendered };
}

/** What the token facts need of the template and the recipient, besides the render. */
function tokenInput(prepared: PreparedTemplate, profile: Profile | undefined, sources: ReadonlyMap<string, Source>, now: Date) {
  const dataMap = prepared.dataMap;
  return {
    uses: prepared.analysis.uses,
    dataMap,
    sources,
    templatePurposes: prepared.source.purposes,
    preset: prepared.settings.preset,
    isAllowed: (purpose: string): boolean => {
      const basis = dataMap?.purposes.get(purpose)?.basis;
      if (basis === undefined) return false;
      return basis !== 'consent' || !profile || consentState(profile, purpose, now) === 'granted';
    },
  };
}

/** The verdict, under the template's maximum score; frozen, since recipients of a class share it. */
function settle(prepared: PreparedTemplate, result: Evaluated): SharedResult {
  const { verdict, reasons } = verdictOf(result, prepared.settings.maxScore);
  for (const finding of result.findings) {
    if (finding.suppressed) Object.freeze(finding.suppressed);
    Object.freeze(finding);
  }
  Object.freeze(result.findings);
  return { ...result, verdict, holdReasons: reasons };
}

function withProfile(shared: SharedResult, profile: Profile | undefined): LintResult {
  return {
    template: shared.template,
    profile: profile?.id ?? null,
    purposes: shared.purposes,
    score: shared.score,
    band: shared.band,
    verdict: shared.verdict,
    holdReasons: shared.holdReasons,
    fields: shared.fields,
    findings: shared.findings,
  };
}

const NO_EXACT_TIMES = new Uint8Array(0);

/** By use id: whether a value it printed reads as an exact time. The whole value is read. */
function exactTimes(render: TracedRender, size: number): Uint8Array {
  let exact = NO_EXACT_TIMES;
  for (const slot of render.slots) {
    if (!isExactTime(slot.value)) continue;
    if (exact === NO_EXACT_TIMES) exact = new Uint8Array(size);
    for (const id of slot.ids) if (id < size) exact[id] = 1;
  }
  return exact;
}

const NO_UNDECLARED = new Uint8Array(0);

/** By use id, 1 when it was reached, not missing, and is observed, inferred or from a third party for this recipient. */
function undeclaredUses(prepared: PreparedTemplate, render: TracedRender, sources: ReadonlyMap<string, Source>): Uint8Array {
  const undeclared = new Uint8Array(prepared.useCount);
  for (let id = 1; id < prepared.useCount; id += 1) {
    const flags = render.flags[id] ?? 0;
    if ((flags & USE_REACHED) === 0 || (flags & USE_MISSING) !== 0) continue;
    const use = prepared.useFields[id];
    if (!use) continue;
    const source = (sources.size > 0 ? (sources.get(use.field) ?? (use.specPath === undefined ? undefined : sources.get(use.specPath))) : undefined) ?? use.source;
    if (source === 'observed' || source === 'inferred' || source === 'third_party') undeclared[id] = 1;
  }
  return undeclared;
}

export type { LayoutRecord };
