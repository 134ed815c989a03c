/**
 * Helpers whose meaning the analysis knows. Handlebars' own built-ins behave as
 * Handlebars defines them; every other helper is analysed as passing its arguments
 * through to its output, and reported.
 */
export const BUILT_IN_HELPERS = ['if', 'unless', 'each', 'with', 'lookup', 'log'] as const;
export type BuiltInHelper = (typeof BUILT_IN_HELPERS)[number];

export function isBuiltInHelper(name: string): name is BuiltInHelper {
  return (BUILT_IN_HELPERS as readonly string[]).includes(name);
}
