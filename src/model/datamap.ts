import type { Basis, Source } from './vocabulary.js';
import type { CustomCategory } from './categories.js';
import type { Position } from './location.js';

export interface Purpose {
  name: string;
  basis: Basis;
  description?: string | undefined;
}

/**
 * What a field is for when it is a link the company owns: a working link to a field with
 * a role is that link (the unsubscribe link, the email preferences, the privacy notice),
 * whatever its words say.
 */
export const FIELD_ROLES = ['unsubscribe', 'preferences', 'privacy-notice'] as const;
export type FieldRole = (typeof FIELD_ROLES)[number];

/** One field of the data map. `path` uses `[]` for array items: `order.items[].name`. */
export interface FieldSpec {
  path: string;
  /** The category as written, and the one used after falling back to a known parent. */
  declaredCategory: string;
  category: string;
  source: Source;
  purposes: string[];
  /** Present when the field is a link with a role (`role: unsubscribe` in the data map). */
  role?: FieldRole | undefined;
  position?: Position | undefined;
}

export interface DataMapWarning {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  message: string;
}

export interface DataMap {
  file: string;
  purposes: ReadonlyMap<string, Purpose>;
  fields: ReadonlyMap<string, FieldSpec>;
  categories: ReadonlyMap<string, CustomCategory>;
  warnings: readonly DataMapWarning[];
}

/** The fields with this role, in the data map's order. */
export function fieldsWithRole(dataMap: Pick<DataMap, 'fields'>, role: FieldRole): FieldSpec[] {
  return [...dataMap.fields.values()].filter((field) => field.role === role);
}

/** Field paths are written with `[]` for array items; internally they are segment lists. */
export function fieldPathToSegments(path: string): string[] {
  const segments: string[] = [];
  for (const part of path.split('.')) {
    let rest = part;
    let arrays = 0;
    while (rest.endsWith('[]')) {
      rest = rest.slice(0, -2);
      arrays += 1;
    }
    segments.push(rest);
    for (let index = 0; index < arrays; index += 1) segments.push('[]');
  }
  return segments;
}

export function segmentsToFieldPath(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) {
    if (segment === '[]') path += '[]';
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}
