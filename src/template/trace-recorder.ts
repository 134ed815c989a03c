import { RenderBudget } from './render-budget.js';

/** One value printed by the tracing render, in the order printed: the slots of the email's layout. */
export interface PrintedSlot {
  /** The token uses the value came from. */
  ids: readonly number[];
  /** The value as text (before HTML escaping), marker characters removed. */
  value: string;
  /** What the render printed: the value, HTML-escaped where the template escapes it. */
  printed: string;
}

/** Per-use flags of one render, packed in a byte each. */
export const USE_REACHED = 1;
export const USE_MISSING = 2;

/** No arm recorded: shared, never added to (a render that records one makes its own set). */
const NO_ARMS: Set<string> = new Set();

const PRINTED_FILLED = 1;
const PRINTED_EMPTY = 2;

/**
 * Records, use by use, what one render reached and printed, and the printed values in
 * order. Uses are numbered densely, so the record is a few flat arrays reset between
 * recipients rather than an object per use: the checker renders once per recipient and
 * this is its hot path. Language-neutral: each template language's tracing render calls
 * `print` and `read` from the helpers (or filters) it instruments a template with.
 */
export class TraceRecorder {
  private reached: Uint8Array;
  /** What a printed value came out as (0 when never printed): it decides `missing`. */
  private printed: Uint8Array;
  /** Whether a value read (not printed) was missing: judged only for uses never printed. */
  private readMissing: Uint8Array;
  private touched: number[] = [];
  private slots: PrintedSlot[] = [];
  private arms: Set<string> = NO_ARMS;
  budget: RenderBudget = RenderBudget.unlimited();

  constructor(size: number) {
    this.reached = new Uint8Array(size);
    this.printed = new Uint8Array(size);
    this.readMissing = new Uint8Array(size);
  }

  reset(budget: RenderBudget): void {
    for (const id of this.touched) {
      this.reached[id] = 0;
      this.printed[id] = 0;
      this.readMissing[id] = 0;
    }
    this.touched.length = 0;
    this.slots = [];
    this.arms = NO_ARMS;
    this.budget = budget;
  }

  /** An arm of a branch point was taken. */
  arm(branch: number, arm: number): void {
    if (this.arms === NO_ARMS) this.arms = new Set();
    this.arms.add(`${branch}:${arm}`);
  }

  /** The arms the last render took. */
  armsTaken(): ReadonlySet<string> {
    return this.arms;
  }

  /** A value printed for these uses; returns its slot number. */
  print(ids: readonly number[], value: string, printed: string): number {
    this.budget.tick(printed.length);
    const empty = isBlank(value);
    for (const id of ids) {
      this.reach(id);
      if (empty) this.printed[id] = PRINTED_EMPTY;
      else if (this.printed[id] === 0) this.printed[id] = PRINTED_FILLED;
    }
    return this.slots.push({ ids, value, printed }) - 1;
  }

  /**
   * A value printed for this use came from one that was missing where it was first
   * printed (a Liquid `{% capture %}` that printed nothing for it): it counts as missing.
   */
  printedMissing(id: number): void {
    if (id < this.printed.length && this.reached[id] === 1) this.printed[id] = PRINTED_EMPTY;
  }

  /** A value read by a condition, iteration or helper: whether it was missing, as the construct reading it judges. */
  read(id: number, missing: boolean): void {
    this.budget.tick(0);
    this.reach(id);
    if (missing) this.readMissing[id] = 1;
  }

  /** The printed values of the last render, in order. */
  printedSlots(): PrintedSlot[] {
    return this.slots;
  }

  /**
   * The flags of every use (USE_REACHED, USE_MISSING), by use id. A printed value that came
   * out empty is missing (a helper such as `fallback` may fill it); a use never printed is
   * missing when what it read was.
   */
  useFlags(size: number): Uint8Array {
    const flags = new Uint8Array(size);
    for (const id of this.touched) {
      if (id >= size) continue;
      const printed = this.printed[id];
      const missing = printed === 0 ? this.readMissing[id] === 1 : printed === PRINTED_EMPTY;
      flags[id] = USE_REACHED | (missing ? USE_MISSING : 0);
    }
    return flags;
  }

  private reach(id: number): void {
    if (id >= this.reached.length) this.grow(id + 1);
    if (this.reached[id] === 1) return;
    this.reached[id] = 1;
    this.touched.push(id);
  }

  private grow(size: number): void {
    const widen = (array: Uint8Array): Uint8Array => {
      const wider = new Uint8Array(Math.max(size, array.length * 2));
      wider.set(array);
      return wider;
    };
    this.reached = widen(this.reached);
    this.printed = widen(this.printed);
    this.readMissing = widen(this.readMissing);
  }
}

/** Whether a value prints as nothing a reader sees: empty or whitespace (without building the trimmed copy). */
export function isBlank(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (
      code > 32 &&
      code !== 0xa0 &&
      code !== 0xfeff &&
      !(code >= 0x2000 && code <= 0x200a) &&
      code !== 0x2028 &&
      code !== 0x2029 &&
      code !== 0x202f &&
      code !== 0x205f &&
      code !== 0x3000 &&
      code !== 0x1680
    )
      return false;
    if (code <= 32 && code !== 32 && (code < 9 || code > 13)) return false;
  }
  return true;
}
