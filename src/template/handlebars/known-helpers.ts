/**
 * Helpers whose meaning the analysis knows: Handlebars' own built-ins, as Handlebars
 * defines them, and creeplint's runtime helpers (runtime-helpers.ts). Every other
 * helper is analysed as passing its arguments through to its output, and reported.
 */
export const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log', 'ifConsent', 'fallback'] as const;
export type BuiltInHelper = (typeof BUILT_IN_HELPERS)[number];

export function isBuiltInHelper(name: string): name is BuiltInHelper {
  return (BUILT_IN_HELPERS as readonly string[]).includes(name);
}

/** Handlebars' own hooks: never called by name in a template, never replaced by a declared helper. */
const HANDLEBARS_HOOKS: readonly string[] = ['blockHelperMissing', 'helperMissing'];

/** Names a configuration's custom helpers may not take over. */
export function isReservedHelperName(name: string): boolean {
  return isBuiltInHelper(name) || HANDLEBARS_HOOKS.includes(name);
}
