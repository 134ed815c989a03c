import type { Token, Value } from 'liquidjs';
import type { HelperKind } from '../../model/settings.js';
import type { PrintSite, Read } from './trace-nodes.js';

/**
 * What the tracing render must do at one of liquidjs's templates (a tag, an output), as
 * the analysis found it: plain data the instrumentation (instrument.ts) turns into the
 * render's hooks and nodes. Keyed by template, so the analysis never changes a template.
 */
export type TraceStep =
  /** `{{ value }}` and `{% echo %}`: printed through the trace. */
  | { kind: 'print'; site: PrintSite }
  /** `{% cycle %}`: the tag's own output printed through the trace. */
  | { kind: 'print-tag'; site: PrintSite }
  /** `{% if %}`, `{% unless %}`, `{% case %}`: each arm marked; `case` records its `when` values' reads first. */
  | { kind: 'branches'; branch: number; whenReads: readonly Read[] }
  /** `{% for %}`, `{% tablerow %}`: the list and options read, each arm marked. */
  | { kind: 'loop'; branch: number; reads: readonly Read[] }
  /** `{% assign %}`: the variable's site, set in its render frame. */
  | { kind: 'assign'; frame: number; variable: string; site: number }
  /** `{% capture %}`: the variable's site, and whether each of its sources printed nothing. */
  | { kind: 'capture'; frame: number; variable: string; site: number; sources: number }
  /** `{% render %}`, `{% include %}` of a found partial: its loop's reads, and whether it opens a render frame of its own. */
  | { kind: 'partial'; reads: readonly Read[]; render: boolean }
  /** Braze's `connected_content` and `catalog_items`: the request's values read. */
  | { kind: 'fetched'; reads: readonly Read[] }
  /** A tag liquidjs does not know, with no block: its arguments printed through the trace. */
  | { kind: 'stand-in'; site: PrintSite; args: readonly Token[] }
  /** A block tag liquidjs does not know: its arguments read, its block shown as its kind decides. */
  | { kind: 'stand-in-block'; branch: number; reads: readonly Read[]; args: readonly Token[]; declared: HelperKind | undefined };

export interface TracePlan {
  steps: Map<object, TraceStep>;
  /** Conditions (`if`, `elsif`, `case`'s value) that record their reads each time liquidjs evaluates them. */
  conditions: Map<Value, readonly Read[]>;
}

export function emptyTracePlan(): TracePlan {
  return { steps: new Map(), conditions: new Map() };
}
