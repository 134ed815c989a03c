import type { ReadKind } from './trace-nodes.js';

/**
 * What the analysis found that the tracing render must record, by the node it found it
 * at: the instrumentation (instrument.ts) rewrites exactly these nodes and nothing else.
 * Keyed by node identity, so the analysis never has to touch the tree it reads.
 */
export interface TracePlan {
  /**
   * A value a condition, loop or helper reads: wrapped to record the read, judged as `read`
   * says; by more than one use when the analysis recorded it twice, the first outermost.
   */
  reads: Map<hbs.AST.Expression, { id: number; read: ReadKind }[]>;
  /** A mustache that prints fields: printed through the trace, its value the bare path or the whole call. */
  prints: Map<hbs.AST.MustacheStatement, { ids: number[]; value: 'path' | 'call'; html: boolean }>;
  /** A block that chooses what to show: its branch point and arm, as the render records them (`branch:arm:last`). */
  branches: Map<hbs.AST.BlockStatement, string>;
  /** A Mustache section (`{{#items}}`) over a field: rendered by the section helper, recording this use. */
  sections: Map<hbs.AST.BlockStatement, number>;
}

export function emptyTracePlan(): TracePlan {
  return { reads: new Map(), prints: new Map(), branches: new Map(), sections: new Map() };
}
