import { visibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { isPersonal, mainPlacement, type Rule } from './rule.js';

export const requireFallback: Rule = {
  meta: {
    id: 'require-fallback',
    description: 'Require a fallback where a printed value is missing for the recipient',
    defaultSeverity: 'warning',
    category: 'correctness',
    weight: (report) => weightOf(RULE_WEIGHTS['require-fallback'] * visibility(report.placement)),
  },
  check(facts) {
    if (!facts.hasProfile) return [];
    return facts.tokens
      .filter((token) => token.missing && (token.use.kind === 'print' || token.use.kind === 'print-raw') && isPersonal(token))
      .map((token) => {
        const placement = mainPlacement(token);
        const inHeader = placement === 'subject' || placement === 'preheader';
        return {
          token,
          placement,
          severity: inHeader ? ('error' as const) : undefined,
          message: `\`${token.field}\` has no value for this recipient and the template has no fallback`,
          why: 'A gap like "Hi ," shows the reader that a machine filled in their details, and that it got them wrong.',
          suggestion: `Guard it: {{#if ${token.use.expression}}}{{${token.use.expression}}}{{else}}there{{/if}}.`,
        };
      });
  },
};
