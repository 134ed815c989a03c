import { visibility, weightOf } from '../score/formulas.js';
import { RULE_WEIGHTS } from '../score/weights.js';
import { alreadyWritten } from './copy-context.js';
import { isBehaviouralSource, mainPlacement, type Rule } from './rule.js';

export const noExactTiming: Rule = {
  meta: {
    id: 'no-exact-timing',
    description: 'Disallow exact times of observed behaviour ("at 9:41 last night")',
    defaultSeverity: 'warning',
    category: 'intrusiveness',
    weight: (report) => weightOf(RULE_WEIGHTS['no-exact-timing'] * visibility(report.placement)),
  },
  check(facts) {
    return facts.tokens
      .filter((token) => isBehaviouralSource(token) && token.placements.some((p) => p !== 'condition') && token.exact)
      .map((token) => ({
        token,
        placement: mainPlacement(token),
        message: `\`${token.field}\` prints the exact time of something the recipient did`,
        why: 'An exact timestamp tells the reader they were watched in real time.',
        suggestion: alreadyWritten(facts, 'recently') ? 'Drop the time.' : 'Drop the time, or say "recently".',
      }));
  },
};
