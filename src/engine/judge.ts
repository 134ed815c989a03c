import { isExactTime } from '../copy/exact-time.js';
import type { LintResult } from '../model/finding.js';
import { consentState, type ConsentState, type Profile } from '../model/profile.js';
import type { Source } from '../model/vocabulary.js';
import type { TracedRender } from '../template/language.js';
import { DEFAULT_RENDER_LIMITS, RenderBudget, type RenderLimits } from '../template/render-budget.js';
import { USE_MISSING, USE_REACHED } from '../template/trace-recorder.js';
import type { TemplateProblem } from '../template/uses.js';
import { layoutLanguage } from './email-language.js';
import { evaluate } from './evaluate.js';
import { judgeOutline, judgeTemplate } from './judge-template.js';
import { layoutFor, type LayoutRecord } from './layouts.js';
import type { PreparedTemplate } from './prepare.js';
import { copyFacts } from './recipient-copy.js';
import { recipientClass } from './recipient-class.js';
import { copyPhrases, renderedEmail, type RenderedEmail } from './rendered-email.js';
import type { SharedResult } from './result-cache.js';
import { settleResult } from './settle.js';
import { buildTokenFacts, tokenFactsInput } from './token-facts.js';

export interface JudgeOptions {
  now: Date;
  /** Also return the email as this recipient gets it. */
  rendered?: boolean | undefined;
  limits?: RenderLimits | undefined;
  /** Problems found before the render: a recipient record that cannot be read. */
  problems?: readonly TemplateProblem[] | undefined;
  /** Also return the branch arms the recipient's render took (for reports of what the profiles reached). */
  arms?: boolean | undefined;
}

export interface Judged {
  result: LintResult;
  rendered?: RenderedEmail | undefined;
  /** The arms taken, as `branch id:arm`, when asked. */
  arms?: ReadonlySet<string> | undefined;
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
  if (!profile) {
    // On its own, the template is judged whole: every branch, where each value lands, nothing about a recipient.
    const whole = options.problems && options.problems.length > 0 ? await judgeOutline(prepared, options.problems) : await judgeTemplate(prepared);
    return { result: withProfile(whole.result, undefined), rendered: options.rendered ? whole.rendered : undefined, arms: options.arms ? NO_ARMS : undefined };
  }
  // Each purpose's state once: the render's consent guards and the rules read the same.
  const states = new Map<string, ConsentState>();
  const consent: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const purpose of profile.consent.keys()) {
    const state = consentState(profile, purpose, now);
    states.set(purpose, state);
    consent[purpose] = state === 'granted';
  }
  const budget = RenderBudget.of(options.limits ?? DEFAULT_RENDER_LIMITS);
  const outcome = prepared.renderer.render(profile.data, consent, { hollow: !prepared.plain, budget, arms: options.arms });
  const consentOf = (purpose: string): ConsentState => states.get(purpose) ?? 'missing';
  const sources = profile.sources;
  const extra = options.problems ?? [];
  if (!outcome.ok) {
    const start = prepared.source.body.origin;
    const problem: TemplateProblem = {
      ruleId: 'render-error',
      message: `the template failed to render: ${outcome.message}`,
      range: { file: prepared.source.file, start, end: start },
      stopped: outcome.limit !== undefined,
    };
    const tokens = buildTokenFacts({ ...tokenFactsInput(prepared, profile, sources, now), trace: undefined });
    const keys = await templateKeys(prepared);
    return {
      result: withProfile(settleResult(prepared, evaluate(prepared, { hasProfile: true, consentOf, tokens, copy: undefined, problems: [...extra, problem] }), keys), profile),
    };
  }
  const render = outcome.render;
  const found = layoutFor(prepared, render);
  const record = found instanceof Promise ? await found : found;
  const layoutProblems = [...extra, ...record.layout.problems];
  const exact = exactTimes(render, prepared.useCount);
  const copy = copyFacts({
    record,
    slots: render.slots,
    lexicon: prepared.lexicon,
    undeclared: () => undeclaredUses(prepared, render, sources),
    roleOf: (id) => prepared.useFields[id]?.role,
  });
  const rendered = options.rendered
    ? renderedEmail(record.layout, render, prepared.analysis.uses, layoutLanguage(record), copyPhrases(copy.facts(), prepared.analysis.texts))
    : undefined;
  const key = recipientClass({ prepared, layoutId: record.layout.id, flags: render.flags, exact, consentOf, sources, copyKey: copy.key, problems: extra });
  let shared = prepared.caches.result(key);
  if (!shared) {
    const tokens = buildTokenFacts({ ...tokenFactsInput(prepared, profile, sources, now), trace: { flags: render.flags, exact, placements: record.layout.placements } });
    const keys = await templateKeys(prepared);
    shared = settleResult(prepared, evaluate(prepared, { hasProfile: true, consentOf, tokens, copy: copy.facts(), problems: layoutProblems }), keys);
    prepared.caches.keepResult(key, shared);
  }
  return { result: withProfile(shared, profile), rendered, arms: options.arms ? render.arms : undefined };
}

const NO_ARMS: ReadonlySet<string> = new Set();

/** The keys of the template judgement's findings: a recipient's finding with one of them is the template's, shown once. */
async function templateKeys(prepared: PreparedTemplate): Promise<ReadonlySet<string>> {
  return (await judgeTemplate(prepared)).keys;
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
