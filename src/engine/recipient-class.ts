import type { ConsentState } from '../model/profile.js';
import type { Source } from '../model/vocabulary.js';
import type { TemplateProblem } from '../template/uses.js';
import type { PreparedTemplate } from './prepare.js';

export interface RecipientClassInput {
  prepared: PreparedTemplate;
  layoutId: number;
  /** By use id: reached, missing (template/trace-recorder.ts). */
  flags: Uint8Array;
  /** By use id: printed an exact time. */
  exact: Uint8Array;
  consentOf: (purpose: string) => ConsentState | undefined;
  sources: ReadonlyMap<string, Source>;
  /** What tells this recipient's copy facts apart (engine/recipient-copy.ts). */
  copyKey: string;
  problems: readonly TemplateProblem[];
}

/**
 * The key of a recipient's class: everything the rules read of a recipient, and
 * nothing else. The layout (where values land, the template's problems, mjml's); per
 * use whether it was reached, came out missing, printed an exact time; the consent
 * state of every purpose the rules ask about; the recipient's own sources for the
 * template's fields; the phrases their email's words form and where undeclared data
 * stands beside them; the state of the control links. The rules see the recipient only
 * through these (engine/judge.ts builds their facts from them), so two recipients with
 * the same key get the same findings, score and verdict.
 */
export function recipientClass(input: RecipientClassInput): string {
  const { prepared, flags, exact } = input;
  let uses = '';
  for (let id = 1; id < prepared.useCount; id += 1) uses += String.fromCharCode(65 + (flags[id] ?? 0) + 4 * (exact[id] ?? 0));
  let consent = '';
  for (const purpose of prepared.consentPurposes) consent += (input.consentOf(purpose) ?? '-').charAt(0);
  let sources = '';
  if (input.sources.size > 0) {
    sources = [...input.sources]
      .filter(([field]) => prepared.sourceFields.has(field))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([field, source]) => `${field}=${source}`)
      .join(';');
  }
  const problems = input.problems.map((problem) => `${problem.ruleId}:${problem.message}`).join('\u0000');
  return `${input.layoutId}\u0001${uses}\u0001${consent}\u0001${sources}\u0001${input.copyKey}\u0001${problems}`;
}
