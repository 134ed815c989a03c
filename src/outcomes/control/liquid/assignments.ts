import type { Value } from 'liquidjs';
import { writtenAt } from '../../../template/liquid/braze.js';
import type { SectionNote } from '../language.js';
import { describeFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import { defaultOf } from './fallback.js';
import { everyTemplate, type LiquidSection } from './read-section.js';

/**
 * `{% assign name = first_name | default: "there" %}` becomes `{% assign name = "there" %}`:
 * the variable holds what the template gives a reader without the data, so wherever it
 * is printed it is neutral already. An assignment of personal data with no default stays:
 * the variable is personal wherever it is printed, and made neutral there.
 */
export function assignmentEdits(section: LiquidSection): { edits: TextEdit[]; notes: SectionNote[] } {
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  for (const template of everyTemplate(section.templates)) {
    const assign = template as unknown as { name?: string; key: string; value: Value };
    if (assign.name !== 'assign' || writtenAt(template.token) !== undefined) continue;
    const first = assign.value.initial.postfix[0];
    const filters = assign.value.filters.map((filter) => (filter as unknown as { token: { end: number } }).token);
    if (!first) continue;
    const range = { start: first.begin, end: Math.max(...[first, ...assign.value.initial.postfix, ...filters].map((token) => token.end)) };
    const personal = section.fieldsIn(range).filter((facts) => facts.personal);
    const fallback = personal.length > 0 ? defaultOf(section, assign.value, false) : undefined;
    if (!fallback) continue;
    edits.push({ ...range, text: fallback.expression });
    notes.push({
      offset: range.start,
      kind: 'replaced',
      message: `${[...new Set(personal.map(describeFacts))].join(', ')} is replaced with its fallback where \`${assign.key}\` is assigned: the fallback the template gives`,
    });
  }
  return { edits, notes };
}
