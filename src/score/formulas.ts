import type { Placement, Source } from '../model/vocabulary.js';
import { PLACEMENT_VISIBILITY, REVEALING_CONDITION_VISIBILITY, SOURCE_FACTOR } from './weights.js';

/**
 * The pieces of the rules' weight formulas (docs/scoring.md): each rule's meta combines
 * them with its base weight from `RULE_WEIGHTS`.
 */

/** How exposed a value is where it lands (body when a finding has no placement). */
export function visibility(placement: Placement | undefined): number {
  return PLACEMENT_VISIBILITY[placement ?? 'body'];
}

/** Visibility for rules about revealing data: a condition reveals as much as printing (`{{#if expecting}}`). */
export function revealingVisibility(placement: Placement | undefined): number {
  return placement === 'condition' ? REVEALING_CONDITION_VISIBILITY : visibility(placement);
}

export function sourceFactor(source: Source | undefined): number {
  return SOURCE_FACTOR[source ?? 'declared'];
}

/** A weight as the score reads it: a whole number from 0 to 100. */
export function weightOf(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}
