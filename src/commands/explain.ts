import { readFileSync } from 'node:fs';
import { formatRulesList } from '../report/rules-list.js';
import { findRule, RULES } from '../rules/index.js';
import { EXIT, type CliIo } from './io.js';

/** `creeplint rules`. */
export function listRules(io: CliIo): number {
  io.stdout(formatRulesList(RULES));
  return EXIT.ok;
}

/** `creeplint explain <rule>`: the rule's doc, as shipped in docs/rules. */
export function explain(ruleId: string, io: CliIo): number {
  const rule = findRule(ruleId);
  if (!rule) {
    io.stderr(`creeplint: unknown rule \`${ruleId}\`; \`creeplint rules\` lists them\n`);
    return EXIT.input;
  }
  io.stdout(readFileSync(new URL(`../../docs/rules/${rule.meta.id}.md`, import.meta.url), 'utf8'));
  return EXIT.ok;
}
