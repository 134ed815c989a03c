import { slotOf, type Range } from './html-context.js';
import { lineStart, lineText, type HumanComment } from './human-notes.js';
import type { SectionContext, SectionNote } from './language.js';
import { sectionMarkup, sentenceStretches, type TaggedText } from './markup.js';
import { neutralWording, type NeutralWording } from './neutral-wording.js';
import { describeFacts, type FieldFacts } from './personal-data.js';
import type { SectionFields } from './section-fields.js';
import type { TextEdit } from './text-edits.js';

/** A tag that prints a value, and what the template itself prints in its place for a reader without it, when that is neutral. */
export interface PrintedValue {
  range: Range;
  /** The language's fallback (`{{fallback first_name "there"}}`, `{{ first_name | default: "there" }}`), as the twin writes it. */
  fallback: NeutralWording | undefined;
}

/**
 * Every printed personal value replaced: by its fallback, or else by a neutral wording
 * where one reads naturally (neutral-wording.ts). Where none does, the value stays and its
 * line gets a comment saying a person must reword it (or, for a subject, a note the caller
 * places): the twin does not guess. The same for every template language; the language
 * finds the values and their fallbacks, and writes its comments.
 */
export function printedValueEdits(
  section: TaggedText & SectionFields,
  context: SectionContext,
  values: readonly PrintedValue[],
  comment: HumanComment,
): { edits: TextEdit[]; notes: SectionNote[] } {
  const map = sectionMarkup(section, context);
  // A value's words are those of its stretch: a block's tag before it is no word.
  const stretches = sentenceStretches(section, map);
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  const unresolved = new Map<number, { at: number; fields: FieldFacts[] }>();
  for (const { range, fallback } of values) {
    const personal = section.fieldsIn(range).filter((facts) => facts.personal);
    const first = personal[0];
    if (!first) continue;
    const wording = fallback ?? neutralWording(first, slotOf(map, range, stretches));
    if (wording) {
      edits.push({ ...range, text: wording.text });
      notes.push({
        offset: range.start,
        kind: 'replaced',
        message: `${describeFacts(first)} is replaced with ${wording.text === '' ? 'nothing' : `"${wording.text}"`}: ${wording.reason}`,
      });
      continue;
    }
    const line = lineStart(section.text, range.start);
    const entry = unresolved.get(line) ?? { at: range.start, fields: [] };
    entry.fields.push(...personal);
    unresolved.set(line, entry);
  }
  for (const [line, { at, fields }] of unresolved) {
    const message = `${[...new Set(fields.map(describeFacts))].join(', ')} cannot be made neutral: reword by hand`;
    if (context.humanNotes === 'leave') {
      notes.push({ offset: at, kind: 'needs-human', message });
      continue;
    }
    const place = commentPlace(section, line, at);
    // A twin made again keeps the one comment its line already has.
    if (!lineText(section.text, line).includes(comment(message))) edits.push({ start: place, end: place, text: comment(message) });
    notes.push({ offset: place, kind: 'needs-human', message });
  }
  return { edits, notes };
}

/** Where a line's comment goes: where its text starts, unless that is inside a tag; then just before the value. */
function commentPlace(section: TaggedText, line: number, at: number): number {
  let start = line;
  while (start < at && (section.text[start] === ' ' || section.text[start] === '\t')) start += 1;
  const insideTag = section.tags.some((tag) => tag.start < start && start < tag.end);
  return insideTag ? at : start;
}
