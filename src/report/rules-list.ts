import type { Rule } from '../rules/rule.js';

/** `creeplint rules`: every rule with its default severity and one-line description. */
export function formatRulesList(rules: readonly Rule[]): string {
  const width = Math.max(...rules.map((rule) => rule.meta.id.length));
  return `${rules.map((rule) => `${rule.meta.id.padEnd(width)}  ${rule.meta.defaultSeverity.padEnd(7)}  ${rule.meta.description}`).join('\n')}\n`;
}
