import { findMjmlIncludes } from '../../template/mjml-includes.js';
import type { PartialFile } from '../../template/partial-source.js';
import { humanNote, lineStart, type HumanComment } from './human-notes.js';
import type { SectionContext, SectionNote } from './language.js';
import { sectionMarkup, type TaggedText } from './markup.js';
import { describeFacts, type FieldFacts } from './personal-data.js';
import type { TextEdit } from './text-edits.js';

/** The partial's text in place of its call: its last line end dropped, and on a line of its own, every line indented as the call was. */
export function inlinedPartial(text: string, call: { start: number; end: number }, partial: string): string {
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
export function includesForAPerson(section: TaggedText, context: SectionContext, personalIn: (partial: PartialFile) => FieldFacts[], comment: HumanComment): { edits: TextEdit[]; notes: SectionNote[] } {
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  if (context.kind !== 'mjml') return { edits, notes };
  for (const include of findMjmlIncludes(sectionMarkup(section, context).masked)) {
    const found = context.partials.byInclude(context.file, include.path);
    const personal = found ? personalIn(found) : [];
    if (personal.length === 0) continue;
    notes.push(humanNote(edits, include.start, { text: section.text, context, comment }, `included file \`${include.path}\` reads ${[...new Set(personal.map(describeFacts))].join(', ')}: copy it in and make it neutral by hand`));
  }
  return { edits, notes };
}
