import Handlebars from 'handlebars';
import type { HelperKind } from '../../model/settings.js';
import { SECTIONS, type Section } from '../../model/vocabulary.js';
import { registerCreeplintHelpers } from './runtime-helpers.js';
import type { RenderOptions, RenderOutcome, TracingRenderer } from '../language.js';
import { filledMarker, hollowMarker, openMarker, withoutMarkerCharacters } from '../markers.js';
import { RenderStopped } from '../render-budget.js';
import { TraceRecorder } from '../trace-recorder.js';
import type { HandlebarsAnalysis } from './prepare.js';
import { isReservedHelperName } from './known-helpers.js';
import { preparedRunner } from './run-prepared.js';
import { BRANCH_KEY, READ_KINDS, TRACE_HELPERS, type PrintMode, type ReadKind } from './trace-nodes.js';
import { isMissingFor } from './truthiness.js';
import { printedString } from '../printed-string.js';

/**
 * Compile the instrumented programs once, on a private Handlebars environment whose
 * only helpers are Handlebars' built-ins, the tracing helpers, and a stand-in for
 * unknown helpers that passes its arguments through. `log` prints nothing: customer
 * values must not reach the console.
 */
export function compileTemplate(analysis: HandlebarsAnalysis, helpers: ReadonlyMap<string, HelperKind> = new Map()): TracingRenderer {
  const environment = Handlebars.create();
  const useCount = analysis.uses.reduce((size, use) => Math.max(size, use.id + 1), 0);
  const recorder = new TraceRecorder(useCount);
  let hollow = true;
  let recordArms = false;

  /**
   * A block helper that also records the arm it takes: a block marked with its branch
   * point (analyse.ts, instrument.ts) has its `fn` and `inverse` wrapped to say which ran. The mark is
   * taken out of the hash it hands on, so a helper that calls another (`unless` calls
   * `if`) is not counted twice.
   */
  const branchMarks = new Map<string, { branch: number; arm: number; last: boolean }>();
  const armed = (delegate: Handlebars.HelperDelegate): Handlebars.HelperDelegate => {
    const helper = delegate as (...parameters: unknown[]) => unknown;
    return function (this: unknown, ...args: unknown[]) {
      if (!recordArms) return helper.apply(this, args);
      const options = args[args.length - 1] as Handlebars.HelperOptions | undefined;
      const given = options?.hash as Record<string, unknown> | undefined;
      const mark = given?.[BRANCH_KEY];
      if (!options || typeof mark !== 'string') return helper.apply(this, args);
      let spec = branchMarks.get(mark);
      if (!spec) {
        const [branch = 0, arm = 0, last = 0] = mark.split(':').map(Number);
        spec = { branch, arm, last: last === 1 };
        branchMarks.set(mark, spec);
      }
      const { branch, arm, last } = spec;
      const hash = Object.fromEntries(Object.entries({ ...given }).filter(([key]) => key !== BRANCH_KEY));
      const { fn, inverse } = options;
      args[args.length - 1] = {
        ...options,
        hash,
        fn(this: unknown, ...inner: unknown[]) {
          recorder.arm(branch, arm);
          return (fn as (...parameters: unknown[]) => string).apply(this, inner);
        },
        inverse: last
          ? function (this: unknown, ...inner: unknown[]) {
              recorder.arm(branch, arm + 1);
              return (inverse as (...parameters: unknown[]) => string).apply(this, inner);
            }
          : inverse,
      };
      return helper.apply(this, args);
    } as Handlebars.HelperDelegate;
  };

  // The id lists and their markers are fixed per print site: work them out once.
  const printSites = new Map<string, { ids: number[]; open: string }>();
  environment.registerHelper(TRACE_HELPERS.print, (ids: string, mode: PrintMode, value: unknown) => {
    let site = printSites.get(ids);
    if (!site) {
      const useIds = ids.split(',').map(Number);
      site = { ids: useIds, open: openMarker(useIds) };
      printSites.set(ids, site);
    }
    const text = withoutMarkerCharacters(value == null ? '' : printedString(value));
    const printed = mode === 'escaped' ? Handlebars.escapeExpression(text) : text;
    const slot = recorder.print(site.ids, text, printed);
    // A value left out of the layout must not be able to change it: escaped HTML, text
    // (subject, preheader, text emails), or raw HTML with nothing HTML would read as markup.
    const leaveOut = hollow && (mode !== 'raw' || printed === Handlebars.escapeExpression(printed));
    return leaveOut ? hollowMarker(site.open, slot) : filledMarker(site.open, printed);
  });
  const readKinds = new Map<string, ReadKind>(READ_KINDS.map((kind) => [kind, kind]));
  environment.registerHelper(TRACE_HELPERS.read, (id: string, kind: string, value: unknown) => {
    recorder.read(Number(id), isMissingFor(readKinds.get(kind) ?? 'value', value));
    return value;
  });
  const blockHelperMissing = environment.helpers['blockHelperMissing'] as Handlebars.HelperDelegate;
  environment.registerHelper(
    TRACE_HELPERS.section,
    armed(function (this: unknown, id: string, value: unknown, options: Handlebars.HelperOptions): unknown {
      recorder.read(Number(id), isMissingFor('section', value));
      return blockHelperMissing.call(this, value, budgeted(options));
    } as Handlebars.HelperDelegate),
  );
  // Loops are where a render can grow without end: each item's output counts against the budget.
  const each = environment.helpers['each'] as Handlebars.HelperDelegate;
  environment.registerHelper(
    'each',
    armed(function (this: unknown, context: unknown, options: Handlebars.HelperOptions): unknown {
      return each.call(this, context, budgeted(options));
    } as Handlebars.HelperDelegate),
  );
  for (const name of ['if', 'unless', 'with']) environment.registerHelper(name, armed(environment.helpers[name] as Handlebars.HelperDelegate));
  function budgeted(options: Handlebars.HelperOptions): Handlebars.HelperOptions {
    const fn = options.fn;
    const counted = function (this: unknown, ...args: Parameters<typeof fn>): string {
      const output = fn.apply(this, args);
      recorder.budget.tick(output.length);
      return output;
    } as typeof fn;
    return { ...options, fn: counted };
  }
  environment.registerHelper(
    'helperMissing',
    armed(function (this: unknown, ...args: unknown[]) {
      const options = args.pop() as Handlebars.HelperOptions;
      if (typeof options.fn === 'function') return options.fn(this);
      if (args.length === 0) return undefined;
      return args.map((arg) => (arg == null ? '' : printedString(arg))).join(' ');
    } as Handlebars.HelperDelegate),
  );
  environment.registerHelper('log', () => '');
  // creeplint's own runtime helpers are ours, so the tracing render runs them for real.
  registerCreeplintHelpers(environment);
  environment.registerHelper('ifConsent', armed(environment.helpers['ifConsent'] as Handlebars.HelperDelegate));
  for (const [name, kind] of helpers) {
    if (!isReservedHelperName(name)) environment.registerHelper(name, armed(standInHelper(kind)));
  }

  // The subject, the preheader and a text email's body are text, not HTML: Handlebars must not escape them.
  const textBody = analysis.source.kind === 'text';
  for (const [name, program] of analysis.partials) {
    environment.registerPartial(name, environment.compile(program, { noEscape: textBody, knownHelpers: TRACE_HELPERS_KNOWN }));
  }
  const sections = SECTIONS.flatMap((section) => {
    const program = analysis.programs[section];
    return program ? [{ section, run: environment.compile(program, { noEscape: section !== 'body' || textBody, knownHelpers: TRACE_HELPERS_KNOWN }) }] : [];
  });
  const runPrepared = preparedRunner(environment);

  return {
    render(data, consent, options: RenderOptions): RenderOutcome {
      recorder.reset(options.budget);
      hollow = options.hollow;
      recordArms = options.arms === true;
      try {
        const rendered: Partial<Record<Section, string>> = {};
        for (const { section, run } of sections) rendered[section] = runPrepared(run, data ?? {}, { consent });
        return { ok: true, render: { sections: rendered, slots: recorder.printedSlots(), flags: recorder.useFlags(useCount), arms: recorder.armsTaken() } };
      } catch (error) {
        if (error instanceof RenderStopped) return { ok: false, message: error.message, limit: error.limit };
        if (error instanceof RangeError && /call stack/iu.test(error.message))
          return { ok: false, message: 'the template nests too deeply to render (Handlebars ran out of stack)' };
        return { ok: false, message: error instanceof Error ? (error.message.split('\n')[0] ?? 'render failed') : String(error) };
      }
    },
  };
}

/** The tracing helpers are always there: calling them directly spares Handlebars a lookup per token. */
const TRACE_HELPERS_KNOWN: Readonly<Record<string, boolean>> = Object.fromEntries(Object.values(TRACE_HELPERS).map((name) => [name, true]));

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
        return args.map((arg) => (arg == null ? '' : printedString(arg))).join(' ');
    }
  } as Handlebars.HelperDelegate;
}
