import type { LintResult } from '../model/finding.js';
import type { LayoutRecord } from './layouts.js';

/** Layouts kept per template; a template has few (one per combination of branches taken). */
const MAX_LAYOUTS = 512;
/** Results kept per template, one per class of recipients that the rules cannot tell apart. */
const MAX_RESULTS = 4096;
/** Link texts and addresses already judged for being unsubscribe or preferences links. */
const MAX_LINKS = 4096;

/** A result shared by every recipient of a class: everything but the recipient's id. */
export type SharedResult = Omit<LintResult, 'profile'>;

/**
 * The caches in front of the one recipient pipeline, per prepared template. Each is
 * keyed on exactly what its value is computed from: a layout on the layout's text, a
 * result on the layout and everything the rules read of the recipient
 * (engine/recipient-class.ts), a link judgement on the link's words and address. When
 * one is full it is emptied: a template with that many distinct layouts gains nothing
 * from keeping them.
 */
export class ResultCache {
  private readonly layouts = new Map<string, Promise<LayoutRecord | { fill: ReadonlySet<number> }>>();
  private readonly results = new Map<string, SharedResult>();
  private readonly links = new Map<string, boolean>();
  private nextLayoutId = 1;

  layout(key: string, make: () => Promise<LayoutRecord | { fill: ReadonlySet<number> }>): Promise<LayoutRecord | { fill: ReadonlySet<number> }> {
    let found = this.layouts.get(key);
    if (!found) {
      if (this.layouts.size >= MAX_LAYOUTS) this.layouts.clear();
      found = make();
      this.layouts.set(key, found);
    }
    return found;
  }

  newLayoutId(): number {
    const id = this.nextLayoutId;
    this.nextLayoutId += 1;
    return id;
  }

  result(key: string): SharedResult | undefined {
    return this.results.get(key);
  }

  keepResult(key: string, result: SharedResult): void {
    if (this.results.size >= MAX_RESULTS) this.results.clear();
    this.results.set(key, result);
  }

  link(key: string, judge: () => boolean): boolean {
    let found = this.links.get(key);
    if (found === undefined) {
      if (this.links.size >= MAX_LINKS) this.links.clear();
      found = judge();
      this.links.set(key, found);
    }
    return found;
  }
}
