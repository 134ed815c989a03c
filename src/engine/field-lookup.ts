import { isBuiltInSpecial } from '../model/categories.js';
import { fieldPathToSegments, segmentsToFieldPath, type DataMap, type FieldSpec } from '../model/datamap.js';
import type { Preset } from '../model/settings.js';
import { builtInSensitivity } from '../score/weights.js';
import { WeakMemo } from '../weak-memo.js';

/** What the data map says about a path the template reads. */
export interface FieldDescription {
  known: boolean;
  spec: FieldSpec | undefined;
  category: string | undefined;
  special: boolean;
  sensitivity: number;
}

const UNKNOWN: FieldDescription = { known: false, spec: undefined, category: undefined, special: false, sensitivity: 0 };

/**
 * Find the data-map entry for a path: the field itself, else its nearest declared
 * ancestor (`address` describes `address.city`), else, for a container the template
 * iterates or enters (`order.items`), its most sensitive declared child.
 */
const described = new WeakMemo<DataMap, FieldDescription>();

/** The same, remembered per data map: every recipient of a template asks about the same fields. */
export function describeField(field: string, dataMap: DataMap | undefined, preset: Preset = 'gdpr'): FieldDescription {
  if (!dataMap) return UNKNOWN;
  return described.get(dataMap, `${preset}\u0000${field}`, () => lookUpField(field, dataMap, preset));
}

function lookUpField(field: string, dataMap: DataMap, preset: Preset): FieldDescription {
  const exact = dataMap.fields.get(field);
  if (exact) return fromSpec(exact, dataMap, preset);
  const segments = fieldPathToSegments(field);
  for (let length = segments.length - 1; length >= 1; length -= 1) {
    const ancestor = dataMap.fields.get(segmentsToFieldPath(segments.slice(0, length)));
    if (ancestor) return fromSpec(ancestor, dataMap, preset);
  }
  let container: FieldDescription | undefined;
  for (const spec of dataMap.fields.values()) {
    if (!isInside(spec.path, field)) continue;
    const described = fromSpec(spec, dataMap, preset);
    if (!container || described.sensitivity > container.sensitivity || (described.special && !container.special)) container = described;
  }
  return container ?? UNKNOWN;
}

/**
 * Whether the data map declares this path or fields under it (not merely an ancestor):
 * how the analysis tells a section over a list (`items[].name` declared) from one over
 * an object or a flag.
 */
export function isKnownPath(segments: readonly string[], dataMap: DataMap | undefined): boolean {
  if (!dataMap) return false;
  const field = segmentsToFieldPath(segments);
  if (dataMap.fields.has(field)) return true;
  for (const path of dataMap.fields.keys()) if (isInside(path, field)) return true;
  return false;
}

function isInside(child: string, parent: string): boolean {
  return child.startsWith(`${parent}.`) || child.startsWith(`${parent}[]`);
}

function fromSpec(spec: FieldSpec, dataMap: DataMap, preset: Preset): FieldDescription {
  const custom = dataMap.categories.get(spec.category) ?? dataMap.categories.get(spec.declaredCategory);
  return {
    known: true,
    spec,
    category: spec.category,
    special: custom?.special ?? isBuiltInSpecial(spec.category, preset),
    sensitivity: custom?.sensitivity ?? builtInSensitivity(spec.category),
  };
}
