import type { LintResult } from '../model/finding.js';
import type { TemplateJudgement } from './judge-template.js';
import type { LayoutRecord } from './layouts.js';

/** Layouts kept per template; a template has few (one per combination of branches taken). */
const MAX_LAYOUTS = 512;
/** Results kept per template, one per class of recipients that the rules cannot tell apart. */
const MAX_RESULTS = 4096;

/** A result shared by every recipient of a class: everything but the recipient's id. */
export type SharedResult = Omit<LintResult, 'profile'>;

/**
 * The caches in front of the one recipient pipeline, per prepared template. Each is
 * keyed on exactly what its value is computed from: a layout on the layout's text, a
 * result on the layout and everything the rules read of the recipient
 * (engine/recipient-class.ts). When
 * one is full it is emptied: a template with that many distinct layouts gains nothing
 * from keeping them.
 */
export class ResultCache {
  /** By body, then by subject and preheader: the body, long, is hashed once and not copied into a key. */
  private readonly layouts = new Map<string, Map<string, Promise<LayoutRecord | { fill: ReadonlySet<number> }>>>();
  /** The same, once settled, so that a layout seen before costs no wait. */
  private readonly settled = new Map<string, Map<string, LayoutRecord | { fill: ReadonlySet<number> }>>();
  private layoutCount = 0;
  private readonly results = new Map<string, SharedResult>();
  private whole: Promise<TemplateJudgement> | undefined;
  private nextLayoutId = 1;

  /** A layout already analysed, if any: `body` is the body's text, `head` the subject's and preheader's. */
  settledLayout(body: string, head: string): LayoutRecord | { fill: ReadonlySet<number> } | undefined {
    return this.settled.get(body)?.get(head);
  }

  layout(body: string, head: string, make: () => Promise<LayoutRecord | { fill: ReadonlySet<number> }>): Promise<LayoutRecord | { fill: ReadonlySet<number> }> {
    let byHead = this.layouts.get(body);
    let found = byHead?.get(head);
    if (!found) {
      if (this.layoutCount >= MAX_LAYOUTS) {
        this.layouts.clear();
        this.settled.clear();
        this.layoutCount = 0;
      }
      if (!byHead) {
        byHead = new Map();
        this.layouts.set(body, byHead);
      }
      const made = make();
      found = made;
      byHead.set(head, made);
      this.layoutCount += 1;
      void made.then(
        (outcome) => {
          if (this.layouts.get(body)?.get(head) !== made) return;
          let settled = this.settled.get(body);
          if (!settled) {
            settled = new Map();
            this.settled.set(body, settled);
          }
          settled.set(head, outcome);
        },
        () => undefined,
      );
    }
    return found;
  }

  newLayoutId(): number {
    const id = this.nextLayoutId;
    this.nextLayoutId += 1;
    return id;
  }

  /** The template judged whole (engine/judge-template.ts): once per prepared template. */
  template(make: () => Promise<TemplateJudgement>): Promise<TemplateJudgement> {
    this.whole ??= make();
    return this.whole;
  }

  result(key: string): SharedResult | undefined {
    return this.results.get(key);
  }

  keepResult(key: string, result: SharedResult): void {
    if (this.results.size >= MAX_RESULTS) this.results.clear();
    this.results.set(key, result);
  }
}
