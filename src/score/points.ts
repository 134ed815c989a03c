import type { Severity } from '../model/severity.js';
import type { Placement } from '../model/vocabulary.js';
import type { Report } from '../rules/rule.js';
import { PLACEMENT_VISIBILITY, REVEALING_CONDITION_VISIBILITY, RULE_POINTS, SOURCE_FACTOR } from './weights.js';

/**
 * The points one finding adds to the score, before de-duplication. Pure: the same
 * finding always gets the same points. docs/scoring.md gives each formula.
 */
export function findingPoints(ruleId: string, report: Report, severity: Severity): number {
  const token = report.token;
  const visibility = PLACEMENT_VISIBILITY[(report.placement ?? 'body') as Placement];
  const sensitivity = token?.sensitivity ?? 0;
  const revealing = report.placement === 'condition' ? REVEALING_CONDITION_VISIBILITY : visibility;
  switch (ruleId) {
    case 'no-undeclared-source':
      return round(RULE_POINTS[ruleId] * sensitivity * SOURCE_FACTOR[token?.source ?? 'declared'] * visibility);
    case 'no-special-category': {
      const base =
        token?.source !== undefined && token.source !== 'declared'
          ? RULE_POINTS['no-special-category-inferred']
          : severity === 'error'
            ? RULE_POINTS[ruleId]
            : RULE_POINTS['no-special-category-consented'];
      return round(base * revealing);
    }
    case 'no-unconsented-field':
    case 'no-purpose-mismatch':
      return round(RULE_POINTS[ruleId] * (0.5 + sensitivity) * visibility);
    case 'no-unknown-field':
    case 'require-fallback':
    case 'no-exact-timing':
      return round(RULE_POINTS[ruleId] * visibility);
    case 'no-personal-data-in-url':
    case 'no-personal-data-in-subject':
      return round(RULE_POINTS[ruleId] * (1 + sensitivity));
    case 'no-sensitive-data':
      return round(RULE_POINTS[ruleId] * sensitivity * revealing);
    case 'require-consent':
    case 'require-unsubscribe-link':
    case 'require-preferences-link':
    case 'no-sensitive-implication':
      return RULE_POINTS[ruleId];
    case 'no-surveillance-phrasing':
      return round(RULE_POINTS[ruleId] * (report.amount ?? 1));
    case 'require-explanation':
      // Present, it is a credit: explaining the data use lowers the score (docs/scoring.md).
      return severity === 'info' ? Math.round(report.amount ?? 0) : RULE_POINTS[ruleId];
    case 'no-data-mosaic':
      return round(report.amount ?? 0);
    default:
      // Parse errors, unknown helpers and the like say nothing about intrusiveness.
      return 0;
  }
}

function round(value: number): number {
  return Math.max(0, Math.round(value));
}
