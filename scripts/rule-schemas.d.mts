// Types for scripts/rule-schemas.mjs, which the tests import.
import type { Rule } from '../src/rules/rule.js';

export const OPTIONS_BEGIN: string;
export const OPTIONS_END: string;
export function rulesSection(rules: readonly Rule[]): Record<string, unknown>;
export function configSchemaText(schemaText: string, rules: readonly Rule[]): string;
export function optionsBlock(rule: Rule): string;
export function docWithOptions(doc: string, rule: Rule): string;
