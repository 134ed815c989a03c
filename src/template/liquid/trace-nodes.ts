import { evalToken, type Context, type Emitter, type Template, type Token, type Value } from 'liquidjs';
import { filledMarker, hollowMarker, openMarker, withoutMarkerCharacters } from '../markers.js';
import { isBlank, TraceRecorder } from '../trace-recorder.js';
import type { Guard } from './scope.js';
import { isMissingFor, printedText, type LiquidReadKind } from './truthiness.js';

/**
 * The few template nodes the tracing render adds to liquidjs's parsed templates, and the
 * state they share during one render. liquidjs renders everything else with its own
 * tags and filters; these only look at what it computes and print it with markers.
 */
export class LiquidTraceRuntime {
  recorder: TraceRecorder;
  hollow = true;
  arms = false;
  /** Per render frame (the section, then each `{% render %}` inside): the site that last set each variable. */
  frames: Map<string, SiteState>[] = [new Map<string, SiteState>()];
  /** Captures being rendered, innermost last: for each of their sources, whether it printed nothing. */
  captures: boolean[][] = [];

  constructor(useCount: number) {
    this.recorder = new TraceRecorder(useCount);
  }

  active(guards: readonly Guard[]): boolean {
    for (const guard of guards) if (this.frames[guard.frame]?.get(guard.variable)?.site !== guard.site) return false;
    return true;
  }
}

export interface SiteState {
  site: number;
  /** For a capture: whether each of its sources printed nothing. */
  missing?: readonly boolean[] | undefined;
}

/** One token use a value may be printed or read for, and when. */
export interface Candidate {
  id: number;
  guards: readonly Guard[];
  captured?: { guard: Guard; index: number } | undefined;
}

/** How a value is printed: into HTML (Liquid never escapes; a filter may) or into text. */
export type PrintMode = 'html' | 'text';

export interface PrintSite {
  candidates: readonly Candidate[];
  mode: PrintMode;
  /** Inside `{% capture %}`: the value goes into a variable, and these are its sources there. */
  capture?: { offset: number; count: number } | undefined;
}

/** Characters HTML reads as markup (Handlebars' escapeExpression set): a value with none cannot change a layout. */
const MARKUP = /[&<>"'`=]/u;

const opens = new Map<string, string>();

function openFor(ids: readonly number[]): string {
  const key = ids.join(',');
  let open = opens.get(key);
  if (open === undefined) {
    open = openMarker(ids);
    if (opens.size < 10_000) opens.set(key, open);
  }
  return open;
}

/**
 * Print a value as Liquid printed it, wrapped in markers naming the uses it came from.
 * Liquid does not escape: what it printed is what the email holds. A hollow render
 * leaves a value out of the layout when it is text (subject, preheader, a text email) or
 * when it holds no character HTML reads as markup, so it cannot change the layout; a value
 * with markup is printed in place, raw, as Liquid prints it, in both renders.
 */
export function printTraced(runtime: LiquidTraceRuntime, site: PrintSite, text: string, emitter: Emitter): void {
  const { recorder } = runtime;
  if (site.capture) {
    const flags = runtime.captures[runtime.captures.length - 1];
    if (flags) for (let index = 0; index < site.capture.count; index += 1) flags[site.capture.offset + index] = isBlank(text);
    recorder.budget.tick(text.length);
    emitter.write(text);
    return;
  }
  const ids: number[] = [];
  for (const candidate of site.candidates) if (runtime.active(candidate.guards)) ids.push(candidate.id);
  if (ids.length === 0) {
    recorder.budget.tick(text.length);
    emitter.write(text);
    return;
  }
  const slot = recorder.print(ids, text, text);
  for (const candidate of site.candidates) {
    const captured = candidate.captured;
    if (captured && runtime.frames[captured.guard.frame]?.get(captured.guard.variable)?.missing?.[captured.index] === true) recorder.printedMissing(candidate.id);
  }
  const open = openFor(ids);
  const leaveOut = runtime.hollow && (site.mode === 'text' || !MARKUP.test(text));
  emitter.write(leaveOut ? hollowMarker(open, slot) : filledMarker(open, text));
}

/** `{{ value | filters }}` and `{% echo %}`: the value as Liquid computes it, printed through the trace. */
export class TracedOutput implements Template {
  constructor(
    readonly token: Token,
    readonly value: Value | undefined,
    readonly site: PrintSite,
    private readonly runtime: LiquidTraceRuntime,
  ) {}

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const raw = this.value ? yield this.value.value(ctx, false) : undefined;
    printTraced(this.runtime, this.site, withoutMarkerCharacters(printedText(raw)), emitter);
  }
}

/** A value a condition, loop or filter reads, and how it is judged. */
export interface Read {
  token: Token;
  kind: LiquidReadKind;
  candidates: readonly Candidate[];
}

/** Record the reads, as the construct that makes them will judge the values. */
export function* recordReads(runtime: LiquidTraceRuntime, reads: readonly Read[], ctx: Context): Generator<unknown, void, unknown> {
  for (const read of reads) {
    const ids = read.candidates.filter((candidate) => runtime.active(candidate.guards));
    if (ids.length === 0) {
      runtime.recorder.budget.tick(0);
      continue;
    }
    const value = yield evalToken(read.token, ctx, true);
    for (const candidate of ids) runtime.recorder.read(candidate.id, isMissingFor(read.kind, value));
  }
}

/** Make a value record its reads each time liquidjs evaluates it (a condition of `if`, `elsif`, `case`). */
export function readingValue(value: Value, reads: readonly Read[], runtime: LiquidTraceRuntime): void {
  if (reads.length === 0) return;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the value liquidjs calls the wrapper on, as liquidjs would call it
  const evaluate = value.value;
  value.value = function* (this: Value, ctx: Context, lenient?: boolean) {
    yield* recordReads(runtime, reads, ctx);
    return yield evaluate.call(this, ctx, lenient);
  };
}

type RenderFunction = (ctx: Context, emitter: Emitter) => unknown;

/** Run `start`, `before` (reads a tag evaluates itself, such as a loop's list), `after` and `always` (finally) around a tag's own render. */
export function aroundRender(
  template: Template,
  hooks: { start?: () => void; before?: (ctx: Context) => Generator<unknown, void, unknown>; after?: (ctx: Context) => void; always?: () => void },
): void {
  const render = template.render.bind(template) as RenderFunction;
  template.render = function* (ctx: Context, emitter: Emitter) {
    hooks.start?.();
    try {
      if (hooks.before) yield* hooks.before(ctx);
      const result = (yield render(ctx, emitter)) as unknown;
      hooks.after?.(ctx);
      return result;
    } finally {
      hooks.always?.();
    }
  };
}

/** Put at the start of each arm of a branch point: records the arm taken, and counts a step of the render. */
export class ArmMark implements Template {
  constructor(
    readonly token: Token,
    private readonly branch: number,
    private readonly arm: number,
    private readonly runtime: LiquidTraceRuntime,
  ) {}

  /** The arm, as `TokenUse.arms` names it: `branch id:arm`. */
  get key(): string {
    return `${this.branch}:${this.arm}`;
  }

  render(): void {
    this.runtime.recorder.budget.tick(0);
    if (this.runtime.arms) this.runtime.recorder.arm(this.branch, this.arm);
  }
}

/** A piece of the template's own text (HTML between tags, or around an `<mj-include>`): counted against the budget. */
export class TextPiece implements Template {
  constructor(
    readonly token: Token,
    readonly text: string,
    private readonly runtime: LiquidTraceRuntime,
  ) {}

  render(_ctx: Context, emitter: Emitter): void {
    this.runtime.recorder.budget.tick(this.text.length);
    emitter.write(this.text);
  }
}

/** Where the analysis put nothing: a partial that was not found, a dynamic partial name. */
export class Nothing implements Template {
  constructor(readonly token: Token) {}

  render(): void {
    // Prints nothing.
  }
}
