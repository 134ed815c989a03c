import Handlebars from 'handlebars';
import type { HelperKind } from '../model/settings.js';
import { SECTIONS, type Section } from '../model/vocabulary.js';
import type { TemplateAnalysis } from './analyse.js';
import { CLOSE_MARKER, openMarker } from './markers.js';
import { isReservedHelperName } from './known-helpers.js';
import { TRACE_HELPERS } from './trace-nodes.js';
import { preparedRunner } from './run-prepared.js';
import { TraceRecorder, type TraceSignature, type UseTrace } from './trace-recorder.js';
import { registerCreeplintHelpers } from '../runtime-helpers.js';

export interface TracedRender {
  /** Rendered text per section, with markers. */
  sections: Partial<Record<Section, string>>;
  trace: ReadonlyMap<number, UseTrace>;
  signature: TraceSignature;
}

export type RenderOutcome = { ok: true; render: TracedRender } | { ok: false; message: string };
export type SignatureOutcome = { ok: true; signature: TraceSignature } | { ok: false; message: string };

export interface CompiledTemplate {
  /** Render for one recipient; `consent` is what `{{#ifConsent}}` reads (purpose → granted). */
  render(data: unknown, consent?: Readonly<Record<string, boolean>>): RenderOutcome;
  /**
   * Trace a render without printing it: only the signature, for a checker that needs to
   * know which class of recipient this is before deciding whether to render the email.
   */
  sign(data: unknown, consent?: Readonly<Record<string, boolean>>): SignatureOutcome;
}

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
  const recorder = new TraceRecorder(analysis.uses.reduce((size, use) => Math.max(size, use.id + 1), 0));

  // The id lists and their markers are fixed per print site: work them out once.
  const printSites = new Map<string, { ids: number[]; marker: string }>();
  let printing = true;
  environment.registerHelper(TRACE_HELPERS.print, (ids: string, escaped: boolean, value: unknown) => {
    let site = printSites.get(ids);
    if (!site) {
      const useIds = ids.split(',').map(Number);
      site = { ids: useIds, marker: openMarker(useIds) };
      printSites.set(ids, site);
    }
    const plain = value == null ? '' : String(value);
    for (const id of site.ids) recorder.print(id, plain);
    if (!printing) return '';
    const text = escaped ? Handlebars.escapeExpression(value as string) : plain;
    return new Handlebars.SafeString(`${site.marker}${text}${CLOSE_MARKER}`);
  });
  environment.registerHelper(TRACE_HELPERS.read, (id: string, value: unknown) => {
    recorder.read(Number(id), isEmptyValue(value), decisionOf(value));
    return value;
  });
  const blockHelperMissing = environment.helpers['blockHelperMissing'] as Handlebars.HelperDelegate;
  environment.registerHelper(TRACE_HELPERS.section, function (this: unknown, id: string, value: unknown, options: Handlebars.HelperOptions) {
    recorder.read(Number(id), isEmptyValue(value), decisionOf(value));
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
    environment.registerPartial(name, environment.compile(program, { noEscape: false, knownHelpers: TRACE_HELPERS_KNOWN }));
  }
  const sections = SECTIONS.flatMap((section) => {
    const program = analysis.programs[section];
    // The subject and preheader are text, not HTML: Handlebars must not escape them.
    return program ? [{ section, run: environment.compile(program, { noEscape: section !== 'body', knownHelpers: TRACE_HELPERS_KNOWN }) }] : [];
  });
  const signOnly = compileSignatureProgram(environment, analysis);
  const runPrepared = preparedRunner(environment);

  const run = <T>(work: () => T): T | { ok: false; message: string } => {
    try {
      return work();
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message.split('\n')[0] ?? 'render failed' : String(error) };
    }
  };

  return {
    render(data, consent = {}) {
      recorder.reset(true);
      printing = true;
      const options: Handlebars.RuntimeOptions = { ...RUNTIME_OPTIONS, data: { consent } };
      return run(() => {
        const rendered: Partial<Record<Section, string>> = {};
        for (const { section, run: template } of sections) rendered[section] = template(data ?? {}, options);
        return { ok: true as const, render: { sections: rendered, trace: recorder.toMap(), signature: recorder.signature() } };
      });
    },
    sign(data, consent = {}) {
      recorder.reset(false);
      printing = false;
      return run(() => {
        if (signOnly) runPrepared(signOnly, data ?? {}, { consent });
        else for (const { run: template } of sections) runPrepared(template, data ?? {}, { consent });
        return { ok: true as const, signature: recorder.signature() };
      });
    },
  };
}

/** The tracing helpers are always there: calling them directly spares Handlebars a lookup per token. */
const TRACE_HELPERS_KNOWN: Readonly<Record<string, boolean>> = Object.fromEntries(Object.values(TRACE_HELPERS).map((name) => [name, true]));

/**
 * One program with every section that reads data, for signing: Handlebars sets up each
 * call to a template anew (helpers copied and wrapped), and a checker signs every
 * recipient, so one call instead of three matters. Whitespace may come out differently
 * where sections meet, but nothing is printed when signing, and branches and values do
 * not depend on whitespace. Inline partials are scoped to their section, so a template
 * that declares any keeps its sections apart (undefined: sign section by section).
 */
function compileSignatureProgram(environment: typeof Handlebars, analysis: TemplateAnalysis): Handlebars.TemplateDelegate | undefined {
  const traced = SECTIONS.filter((section) => analysis.uses.some((use) => use.section === section));
  const programs = traced.map((section) => analysis.programs[section]).filter((program) => program !== undefined);
  if (programs.length !== traced.length || programs.some(declaresInlinePartials)) return undefined;
  // Compiling strips whitespace in place, so the joined program gets copies of the statements.
  const body = programs.flatMap((program) => structuredClone(program.body));
  const joined = { type: 'Program', body, blockParams: [], strip: {}, loc: programs[0]?.loc } as hbs.AST.Program;
  return environment.compile(joined, { noEscape: true, knownHelpers: TRACE_HELPERS_KNOWN });
}

function declaresInlinePartials(program: hbs.AST.Program): boolean {
  return program.body.some((statement) => statement.type === 'DecoratorBlock' || statement.type === 'Decorator');
}

function decisionOf(value: unknown): string {
  return Array.isArray(value) ? `n${value.length}` : isEmptyValue(value) ? '0' : '1';
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
