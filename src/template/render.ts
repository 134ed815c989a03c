import Handlebars from 'handlebars';
import type { HelperKind } from '../model/settings.js';
import type { Section } from '../model/vocabulary.js';
import type { TemplateAnalysis } from './analyse.js';
import { CLOSE_MARKER, openMarker } from './markers.js';
import { isReservedHelperName } from './known-helpers.js';
import { TRACE_HELPERS } from './trace-nodes.js';
import { registerCreeplintHelpers } from '../runtime-helpers.js';

/** What the tracing render saw of one token use for one recipient. */
export interface UseTrace {
  /** The use was evaluated (its branch was taken) at least once. */
  reached: boolean;
  /** A printed value came out empty, or a condition read a missing value. */
  missing: boolean;
  /** The printed values, as text; kept for local previews, never for CI output. */
  values: string[];
  /** For conditions and iterations: what each evaluation decided (shown, hidden, how many items). */
  decisions: string[];
}

export interface TracedRender {
  /** Rendered text per section, with markers. */
  sections: Partial<Record<Section, string>>;
  trace: ReadonlyMap<number, UseTrace>;
}

export type RenderOutcome = { ok: true; render: TracedRender } | { ok: false; message: string };

export interface CompiledTemplate {
  /**
   * Render for one recipient; `consent` is what `{{#ifConsent}}` reads (purpose → granted).
   * A `traceOnly` render records the trace but prints no values: for a checker that only
   * needs to know which shape this recipient's email has.
   */
  render(data: unknown, consent?: Readonly<Record<string, boolean>>, options?: { traceOnly?: boolean }): RenderOutcome;
}

/** Values printed beyond this length are cut in the trace; the email itself is not. */
const MAX_KEPT_VALUE = 200;

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
};

/**
 * Compile the instrumented programs once, on a private Handlebars environment whose
 * only helpers are Handlebars' built-ins, the tracing helpers, and a stand-in for
 * unknown helpers that passes its arguments through. `log` prints nothing: customer
 * values must not reach the console.
 */
export function compileTemplate(analysis: TemplateAnalysis, helpers: ReadonlyMap<string, HelperKind> = new Map()): CompiledTemplate {
  const environment = Handlebars.create();
  let trace = new Map<number, UseTrace>();
  // What a printed value came out as decides whether it is missing (a helper such as
  // `fallback` may fill it); only uses never printed are judged by the value they read.
  const printedMissing = new Map<number, boolean>();
  const record = (id: number, missing: boolean, value?: string): void => {
    const entry = trace.get(id) ?? { reached: false, missing: false, values: [], decisions: [] };
    entry.reached = true;
    const printed = value !== undefined;
    if (printed) printedMissing.set(id, (printedMissing.get(id) ?? false) || missing);
    entry.missing = printedMissing.get(id) ?? (entry.missing || missing);
    if (value !== undefined && value !== '' && entry.values.length < 20) entry.values.push(value.slice(0, MAX_KEPT_VALUE));
    trace.set(id, entry);
  };

  // The id lists and their markers are fixed per print site: work them out once.
  const printSites = new Map<string, { ids: number[]; marker: string }>();
  let traceOnly = false;
  environment.registerHelper(TRACE_HELPERS.print, (ids: string, escaped: boolean, value: unknown) => {
    let site = printSites.get(ids);
    if (!site) {
      const useIds = ids.split(',').map(Number);
      site = { ids: useIds, marker: openMarker(useIds) };
      printSites.set(ids, site);
    }
    const plain = value == null ? '' : String(value);
    for (const id of site.ids) record(id, plain.trim() === '', plain);
    if (traceOnly) return '';
    const text = escaped ? Handlebars.escapeExpression(value as string) : plain;
    return new Handlebars.SafeString(`${site.marker}${text}${CLOSE_MARKER}`);
  });
  const decide = (id: number, value: unknown): void => {
    const entry = trace.get(id);
    const decision = Array.isArray(value) ? `n${value.length}` : isEmptyValue(value) ? '0' : '1';
    if (entry && entry.decisions.length < 64 && !entry.decisions.includes(decision)) entry.decisions.push(decision);
  };
  environment.registerHelper(TRACE_HELPERS.read, (id: string, value: unknown) => {
    record(Number(id), isEmptyValue(value));
    decide(Number(id), value);
    return value;
  });
  const blockHelperMissing = environment.helpers['blockHelperMissing'] as Handlebars.HelperDelegate;
  environment.registerHelper(TRACE_HELPERS.section, function (this: unknown, id: string, value: unknown, options: Handlebars.HelperOptions) {
    record(Number(id), isEmptyValue(value));
    decide(Number(id), value);
    return blockHelperMissing.call(this, value, options as never);
  });
  environment.registerHelper('helperMissing', function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as Handlebars.HelperOptions;
    if (typeof options.fn === 'function') return options.fn(this);
    if (args.length === 0) return undefined;
    return args.map((arg) => (arg == null ? '' : String(arg))).join(' ');
  });
  environment.registerHelper('log', () => '');
  // creeplint's own runtime helpers are ours, so the tracing render runs them for real.
  registerCreeplintHelpers(environment);
  for (const [name, kind] of helpers) {
    if (!isReservedHelperName(name)) environment.registerHelper(name, standInHelper(kind));
  }

  for (const [name, program] of analysis.partials) {
    environment.registerPartial(name, environment.compile(program, { noEscape: false }));
  }
  const sections = Object.entries(analysis.programs).map(([section, program]) => ({
    section: section as Section,
    // The subject and preheader are text, not HTML: Handlebars must not escape them.
    run: environment.compile(program, { noEscape: section !== 'body' }),
    // A section that reads nothing has nothing to trace: a trace-only render skips it.
    traced: analysis.uses.some((use) => use.section === section),
  }));

  return {
    render(data, consent = {}, renderOptions = {}) {
      trace = new Map();
      printedMissing.clear();
      traceOnly = renderOptions.traceOnly === true;
      const rendered: Partial<Record<Section, string>> = {};
      const options: Handlebars.RuntimeOptions = { ...RUNTIME_OPTIONS, data: { consent } };
      try {
        for (const { section, run, traced } of sections) {
          if (traceOnly && !traced) continue;
          rendered[section] = run(data ?? {}, options);
        }
      } catch (error) {
        return { ok: false, message: error instanceof Error ? error.message.split('\n')[0] ?? 'render failed' : String(error) };
      }
      return { ok: true, render: { sections: rendered, trace } };
    },
  };
}

/**
 * A stand-in for a helper declared in the configuration. Its code is the sender's and is
 * never run here; the stand-in behaves as its kind says, so the render takes the
 * branches and prints the values the real helper would.
 */
function standInHelper(kind: HelperKind): Handlebars.HelperDelegate {
  return function (this: unknown, ...args: unknown[]) {
    const options = args.pop() as Handlebars.HelperOptions;
    const block = typeof options.fn === 'function';
    switch (kind) {
      case 'condition':
        if (block) return args[0] ? options.fn(this) : options.inverse(this);
        return args[0];
      case 'no-data':
        return block ? options.fn(this) : '';
      default:
        if (block) return options.fn(this);
        return args.map((arg) => (arg == null ? '' : String(arg))).join(' ');
    }
  } as Handlebars.HelperDelegate;
}

function isEmptyValue(value: unknown): boolean {
  if (value == null || value === '' || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}
