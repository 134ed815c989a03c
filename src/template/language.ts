import type { HelperKind } from '../model/settings.js';
import type { Section } from '../model/vocabulary.js';
import type { SourceRange } from '../model/location.js';
import type { Directive } from './directives.js';
import type { PartialSource } from './partial-source.js';
import type { RenderBudget, RenderLimit } from './render-budget.js';
import type { SourceText, TemplateSource } from './source.js';
import type { PrintedSlot } from './trace-recorder.js';
import type { TemplateProblem, TokenUse } from './uses.js';

/**
 * What a template language gives the engine. Handlebars is one implementation
 * (template/handlebars/); a second language is a folder with the same two steps:
 *
 * 1. `prepare`: parse the template's sections with the language's own parser, resolve
 *    every path it reads to a field (through loops, conditions, partials and the
 *    language's scoping rules), and compile a tracing render;
 * 2. `render`: run it for one recipient, printing each value through a TraceRecorder
 *    (template/trace-recorder.ts) wrapped in markers (template/markers.ts), and
 *    recording every value a condition, loop or helper read, judged by the language's
 *    own truthiness.
 *
 * Everything after the render (where values land, the words a reader sees, the rules,
 * the score) is the same for every language.
 */
export interface TemplateLanguage {
  readonly name: string;
  prepare(source: TemplateSource, options: PrepareOptions): PreparedLanguageTemplate;
}

export interface PrepareOptions {
  partials: PartialSource;
  /** Whether the data map declares a path or fields under it (lists from objects from flags). */
  known?: ((segments: readonly string[]) => boolean) | undefined;
  /** Custom helpers (or filters) declared in the configuration, by kind. */
  helpers?: ReadonlyMap<string, HelperKind> | undefined;
}

/** Everything known about a template before any recipient is considered. */
export interface TemplateAnalysis {
  source: TemplateSource;
  uses: TokenUse[];
  problems: TemplateProblem[];
  /** `creeplint-disable…` comments, in the template and its partials. */
  directives: Directive[];
  /** Every source text read (template sections and partial files), to place copy findings. */
  texts: { file: string; source: SourceText }[];
  /** Purposes the template guards with a consent check (`{{#ifConsent "…"}}`): it handles their consent itself. */
  consentGuards: Set<string>;
  /** Every place the template chooses what to show (conditions, loops, consent guards), with its arms. */
  branches: BranchPoint[];
  /**
   * Each section with every branch's content laid out in source order and every printed
   * value marked (hollow), whatever a recipient's data: where each use would land in any
   * email the template can make. The template is judged whole from it.
   */
  outline: Partial<Record<Section, string>>;
}

/**
 * A place where the template chooses what to show. Its arms are the ways it can go, in
 * order: for an `if` with `else if`s, one arm per condition and one for the final `else`
 * (taken whether the template writes one or not); for a loop, its items and its `else`.
 */
export interface BranchPoint {
  id: number;
  /** The construct, as the template names it: `if`, `unless`, `each`, `with`, `ifConsent`, a section, a helper. */
  kind: string;
  range: SourceRange;
  /** What each arm is, in words from the template ("if vip", "else if diagnosis", "else"). */
  arms: string[];
}

export interface PreparedLanguageTemplate {
  analysis: TemplateAnalysis;
  renderer: TracingRenderer;
}

/** One recipient's render: each section with its values marked, the values in order, and each use's flags. */
export interface TracedRender {
  sections: Partial<Record<Section, string>>;
  slots: PrintedSlot[];
  /** By use id: USE_REACHED, USE_MISSING (template/trace-recorder.ts). */
  flags: Uint8Array;
  /** The arms taken, as `branch id:arm` (only when asked: `RenderOptions.arms`). */
  arms: ReadonlySet<string>;
}

export type RenderOutcome = { ok: true; render: TracedRender } | { ok: false; message: string; limit?: RenderLimit | undefined };

export interface RenderOptions {
  /**
   * Leave escaped values out of the text (hollow slots), so that recipients who get the
   * same layout share its analysis. Off, every value is printed in place: the plain
   * path, which tests compare the hollow one with.
   */
  hollow: boolean;
  budget: RenderBudget;
  /** Record which arm of each branch point the render took (for reports of what the profiles reached). */
  arms?: boolean | undefined;
}

export interface TracingRenderer {
  /** Render for one recipient; `consent` is what a consent guard reads (purpose → granted). */
  render(data: unknown, consent: Readonly<Record<string, boolean>>, options: RenderOptions): RenderOutcome;
}
