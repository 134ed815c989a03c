import type { Finding } from '../model/finding.js';
import type { TracedRender } from '../template/language.js';
import { splitMarkedText } from '../template/markers.js';
import type { TemplateProblem } from '../template/uses.js';
import { USE_REACHED, type PrintedSlot } from '../template/trace-recorder.js';
import { evaluate } from './evaluate.js';
import { layoutLanguage } from './email-language.js';
import { layoutFor } from './layouts.js';
import type { PreparedTemplate } from './prepare.js';
import { copyFacts } from './recipient-copy.js';
import { copyPhrases, renderedEmail, type RenderedEmail } from './rendered-email.js';
import type { SharedResult } from './result-cache.js';
import { buildTokenFacts, tokenFactsInput } from './token-facts.js';
import { judgementKey, settleResult } from './settle.js';

/**
 * Rules whose findings do not depend on the recipient: what the template says, the data
 * map's view of each field and where its value lands. The template is judged for these
 * once, over every branch, whether or not any profile reaches it.
 */
export const TEMPLATE_RULES: ReadonlySet<string> = new Set([
  'parse-error',
  'no-missing-partial',
  'no-unknown-helper',
  'require-purpose',
  'no-invalid-suppression',
  'no-unknown-field',
  'no-purpose-mismatch',
  'no-special-category',
  'no-undeclared-source',
  'no-personal-data-in-subject',
  'no-personal-data-in-url',
  'no-sensitive-data',
]);

/** A template judged whole. */
export interface TemplateJudgement {
  /** The template on its own, as if for a recipient about whom nothing is known: every use in every branch, where it lands. */
  result: SharedResult;
  /** Its findings that do not depend on the recipient; each applies to the recipients who reach its branch. */
  findings: readonly Finding[];
  /** The email with every branch laid out and no values: what `result` judged. */
  rendered: RenderedEmail;
  /** `judgementKey` of each of `findings`. */
  keys: ReadonlySet<string>;
}

/**
 * Judge the template whole, from its outline (every branch's content in source order,
 * every value a hollow slot). Nothing about a recipient is known: no consent, no values,
 * no missing value; a link whose address is printed from a field is taken to work. Worked
 * out once per prepared template.
 */
export function judgeTemplate(prepared: PreparedTemplate): Promise<TemplateJudgement> {
  return prepared.caches.template(() => judgeOutline(prepared, []));
}

/** The same, with problems of the input beside the template's (a recipient record that cannot be read); not kept. */
export async function judgeOutline(prepared: PreparedTemplate, problems: readonly TemplateProblem[]): Promise<TemplateJudgement> {
  const render = outlineRender(prepared);
  const found = layoutFor(prepared, render);
  const record = found instanceof Promise ? await found : found;
  const tokens = buildTokenFacts({
    ...tokenFactsInput(prepared, undefined, new Map(), new Date(0)),
    trace: { flags: render.flags, exact: NO_EXACT, placements: record.layout.placements },
  });
  const copy = copyFacts({
    record,
    slots: render.slots,
    lexicon: prepared.lexicon,
    undeclared: () => NO_UNDECLARED,
    roleOf: (id) => prepared.useFields[id]?.role,
    valuesUnknown: true,
  }).facts();
  const result = settleResult(
    prepared,
    evaluate(prepared, { hasProfile: false, consentOf: () => undefined, tokens, copy, problems: [...problems, ...record.layout.problems] }),
    NO_KEYS,
  );
  const findings = result.findings.filter((finding) => TEMPLATE_RULES.has(finding.ruleId));
  return {
    result,
    findings,
    keys: new Set(findings.map(judgementKey)),
    rendered: renderedEmail(record.layout, render, prepared.analysis.uses, layoutLanguage(record), copyPhrases(copy, prepared.analysis.texts)),
  };
}

const NO_EXACT = new Uint8Array(0);
const NO_UNDECLARED = new Uint8Array(0);
const NO_KEYS: ReadonlySet<string> = new Set();

/** The outline as a render: its hollow slots, each empty, and every use reached. */
function outlineRender(prepared: PreparedTemplate): TracedRender {
  const slots: PrintedSlot[] = [];
  for (const text of Object.values(prepared.analysis.outline)) {
    for (const segment of splitMarkedText(text)) if (segment.kind === 'slot') slots[segment.slot] = { ids: segment.ids, value: '', printed: '' };
  }
  for (let slot = 0; slot < slots.length; slot += 1) slots[slot] ??= { ids: [], value: '', printed: '' };
  return { sections: prepared.analysis.outline, slots, flags: new Uint8Array(prepared.useCount).fill(USE_REACHED), arms: new Set() };
}
