import { describeField } from '../../engine/field-lookup.js';
import { isWithin } from '../../model/categories.js';
import type { DataMap } from '../../model/datamap.js';
import type { Preset } from '../../model/settings.js';

/** What the control twin needs to know about a field the template reads. */
export interface FieldFacts {
  field: string;
  /** Anything but system data: the twin must not read it. A field the data map does not describe counts as personal. */
  personal: boolean;
  category: string | undefined;
  /** The purposes the data map lets it serve. */
  purposes: readonly string[];
}

/**
 * Whether a field is personal, as the data map says: its source is not `system` and its
 * category is not under `system`. A field the data map does not know is personal, since
 * nothing says it is not.
 */
export function fieldFacts(field: string, dataMap: DataMap | undefined, preset: Preset): FieldFacts {
  const { spec, category } = describeField(field, dataMap, preset);
  if (!spec) return { field, personal: true, category: undefined, purposes: [] };
  const system = spec.source === 'system' || isWithin(spec.category, 'system');
  return { field, personal: !system, category, purposes: spec.purposes };
}

/** `the field (its category)`, as notes name a field: never a value. */
export function describeFacts(facts: FieldFacts): string {
  return facts.category === undefined ? `\`${facts.field}\` (not in the data map)` : `\`${facts.field}\` (${facts.category})`;
}
