import { findMjmlIncludes } from '../../template/mjml-includes.js';
import type { PartialFile } from '../../template/partial-source.js';
import { humanNote, lineStart, type HumanComment } from './human-notes.js';
import type { SectionContext, SectionNote } from './language.js';
import { sectionMarkup, type TaggedText } from './markup.js';
import { describeFacts, type FieldFacts } from './personal-data.js';
import type { TextEdit } from './text-edits.js';

/** A call of a partial that reads personal data (or is handed it), as each language finds it. */
export interface PersonalCall {
  name: string;
  partial: PartialFile;
  range: { start: number; end: number };
  /** `reads \`field\` (category), …` */
  reads: string;
  /** A call with nothing but the partial's name (`{{> footer}}`, `{% include 'footer' %}`): it can be written in. */
  plain: boolean;
}

/**
 * Plain calls of partials that read personal data, written in where they are called, so
 * the next steps make them neutral there (the partial's own file, shared with other
 * emails, is never touched).
 */
export function inlinedCalls(text: string, calls: readonly PersonalCall[]): { edits: TextEdit[]; notes: SectionNote[] } {
  const plain = calls.filter((call) => call.plain);
  return {
    edits: plain.map((call) => ({ ...call.range, text: inlinedPartial(text, call.range, call.partial.source.text) })),
    notes: plain.map((call) => ({
      offset: call.range.start,
      kind: 'inlined',
      message: `partial \`${call.name}\` ${call.reads}: written in here, to be made neutral with the rest`,
    })),
  };
}

/**
 * The calls that cannot be written in (`how` says how they are called), and in MJML the
 * `<mj-include>`s of files that read personal data: a comment (or note) for a person each.
 */
export function callsForAPerson(
  section: TaggedText,
  context: SectionContext,
  input: { calls: readonly PersonalCall[]; how: string; personalIn: (partial: PartialFile) => FieldFacts[]; comment: HumanComment },
): { edits: TextEdit[]; notes: SectionNote[] } {
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  for (const call of input.calls) {
    if (call.plain) continue;
    notes.push(
      humanNote(
        edits,
        call.range.start,
        { text: section.text, context, comment: input.comment },
        `partial \`${call.name}\` ${call.reads} and ${input.how}: inline it and make it neutral by hand`,
      ),
    );
  }
  const includes = includesForAPerson(section, context, input.personalIn, input.comment);
  return { edits: [...edits, ...includes.edits], notes: [...notes, ...includes.notes] };
}

/** The partial's text in place of its call: its last line end dropped, and on a line of its own, every line indented as the call was. */
function inlinedPartial(text: string, call: { start: number; end: number }, partial: string): string {
  const body = partial.replace(/\r?\n$/u, '');
  const indent = text.slice(lineStart(text, call.start), call.start);
  const newline = text.indexOf('\n', call.end);
  const rest = text.slice(call.end, newline === -1 ? text.length : newline);
  if (indent.trim() !== '' || rest.trim() !== '' || indent === '') return body;
  return body.replace(/\n(?=[^\r\n])/gu, `\n${indent}`);
}

/**
 * In an MJML body, every `<mj-include>` of a file that reads personal data: a comment (or
 * note) for a person each, since the twin never edits a file other emails share.
 */
function includesForAPerson(
  section: TaggedText,
  context: SectionContext,
  personalIn: (partial: PartialFile) => FieldFacts[],
  comment: HumanComment,
): { edits: TextEdit[]; notes: SectionNote[] } {
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  if (context.kind !== 'mjml') return { edits, notes };
  for (const include of findMjmlIncludes(sectionMarkup(section, context).masked)) {
    const found = context.partials.byInclude(context.file, include.path);
    const personal = found ? personalIn(found) : [];
    if (personal.length === 0) continue;
    notes.push(
      humanNote(
        edits,
        include.start,
        { text: section.text, context, comment },
        `included file \`${include.path}\` reads ${[...new Set(personal.map(describeFacts))].join(', ')}: copy it in and make it neutral by hand`,
      ),
    );
  }
  return { edits, notes };
}
