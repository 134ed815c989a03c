import { isExactTime } from '../rules/exact-time.js';

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

/**
 * A render's signature: what a pre-send checker needs to tell recipients apart without
 * looking at the email itself. `shape` names the uses reached and what every condition
 * and iteration decided (which is what changes the email's structure and copy);
 * `missing` and `exact` name the uses that came out empty or printed an exact time.
 */
export interface TraceSignature {
  shape: string;
  missing: string;
  exact: string;
}

/** Values printed beyond this length are cut in the trace; the email itself is not. */
const MAX_KEPT_VALUE = 200;
const MAX_KEPT_VALUES = 20;
const MAX_DECISIONS = 64;

const UNSET = 0;
const FILLED = 1;
const EMPTY = 2;

/**
 * Records, use by use, what one render reached, decided and printed. Uses are numbered
 * densely, so the record is a few flat arrays reset between recipients rather than an
 * object per use: the checker renders once per recipient and this is its hot path.
 */
export class TraceRecorder {
  private reached: Uint8Array;
  /** What a printed value came out as (UNSET when never printed): it decides `missing`. */
  private printed: Uint8Array;
  /** Whether a value read (not printed) was missing: judged only for uses never printed. */
  private readMissing: Uint8Array;
  private exact: Uint8Array;
  private values: (string[] | undefined)[] = [];
  private decisions: (string[] | undefined)[] = [];
  private touched: number[] = [];
  /** A trace-only render keeps no values, only whether one was an exact time. */
  private keepValues = true;

  constructor(size: number) {
    this.reached = new Uint8Array(size);
    this.printed = new Uint8Array(size);
    this.readMissing = new Uint8Array(size);
    this.exact = new Uint8Array(size);
  }

  reset(keepValues: boolean): void {
    for (const id of this.touched) {
      this.reached[id] = 0;
      this.printed[id] = UNSET;
      this.readMissing[id] = 0;
      this.exact[id] = 0;
      this.values[id] = undefined;
      this.decisions[id] = undefined;
    }
    this.touched.length = 0;
    this.keepValues = keepValues;
  }

  /** A value printed for the use. */
  print(id: number, value: string): void {
    this.reach(id);
    const empty = value.trim() === '';
    if (empty) this.printed[id] = EMPTY;
    else if (this.printed[id] === UNSET) this.printed[id] = FILLED;
    if (empty) return;
    // Both forms of an exact time have a colon: most values are spared the test.
    if (this.exact[id] === 0 && value.includes(':') && isExactTime([value])) this.exact[id] = 1;
    if (!this.keepValues) return;
    const kept = (this.values[id] ??= []);
    if (kept.length < MAX_KEPT_VALUES) kept.push(value.slice(0, MAX_KEPT_VALUE));
  }

  /** A value read by a condition, iteration or helper: whether it was there, and what it decided. */
  read(id: number, missing: boolean, decision: string): void {
    this.reach(id);
    if (missing) this.readMissing[id] = 1;
    const decided = (this.decisions[id] ??= []);
    if (decided.length < MAX_DECISIONS && !decided.includes(decision)) decided.push(decision);
  }

  signature(): TraceSignature {
    // Built by scanning the uses in order (a template has tens of them), without sorting
    // or arrays: this runs once per recipient.
    let shape = '';
    let missing = '';
    let exact = '';
    for (let id = 0; id < this.reached.length; id += 1) {
      if (this.reached[id] === 0) continue;
      const decided = this.decisions[id];
      shape += decided === undefined ? `${id},` : decided.length === 1 ? `${id}:${decided[0]},` : `${id}:${[...decided].sort().join('/')},`;
      if (this.isMissing(id)) missing += `${id},`;
      if (this.exact[id] === 1) exact += `${id},`;
    }
    return { shape, missing, exact };
  }

  /** The trace as the rules and placements read it, use by use. */
  toMap(): Map<number, UseTrace> {
    const trace = new Map<number, UseTrace>();
    for (const id of this.touched) {
      trace.set(id, { reached: true, missing: this.isMissing(id), values: this.values[id] ?? [], decisions: this.decisions[id] ?? [] });
    }
    return trace;
  }

  private reach(id: number): void {
    if (id >= this.reached.length) this.grow(id + 1);
    if (this.reached[id] === 1) return;
    this.reached[id] = 1;
    this.touched.push(id);
  }

  /** What a printed value came out as decides (a helper such as `fallback` may fill it); only uses never printed are judged by what they read. */
  private isMissing(id: number): boolean {
    const printed = this.printed[id];
    return printed === UNSET ? this.readMissing[id] === 1 : printed === EMPTY;
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
    this.exact = widen(this.exact);
  }
}
