import { filters as liquidFilters, tags as liquidTags } from 'liquidjs';
import type { HelperKind } from '../../model/settings.js';
import { FETCHED_DATA_TAGS } from './braze.js';

/**
 * Liquid's own filters, as liquidjs defines them. Every one of them transforms its input
 * and its arguments into what it prints (`upcase`, `date`, `url_encode`, `escape`,
 * `truncate`, `append`, `times`, even `sha256`: a hash of an address still identifies
 * the person), so a printed value keeps the provenance of everything that went in.
 * `default` is the one fallback: its argument is printed when the input is absent.
 * Every other filter is a stand-in configured by kind (settings `helpers`), or unknown.
 */
const BUILT_IN_FILTERS: ReadonlySet<string> = new Set(Object.keys(liquidFilters));

export const FALLBACK_FILTER = 'default';

export function isBuiltInFilter(name: string): boolean {
  return BUILT_IN_FILTERS.has(name);
}

/**
 * Tags whose meaning the analysis knows: liquidjs's own, and Braze's `connected_content`
 * and `catalog_items` (data fetched at send time, braze.ts) and `abort_message` (stops a
 * send; prints nothing). Every other tag is a stand-in configured by kind, or unknown.
 */
const BUILT_IN_TAGS: ReadonlySet<string> = new Set([...Object.keys(liquidTags), ...FETCHED_DATA_TAGS]);

/** Dialect tags that are stand-ins of a known kind without any configuration. */
export const DIALECT_TAG_KINDS: ReadonlyMap<string, HelperKind> = new Map([['abort_message', 'no-data']]);

export function isBuiltInTag(name: string): boolean {
  return BUILT_IN_TAGS.has(name);
}
