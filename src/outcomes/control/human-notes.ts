import type { SectionContext, SectionNote } from './language.js';
import type { TextEdit } from './text-edits.js';

/** How a template language writes a comment for a person: it renders as nothing (`{{!-- … --}}`, `{% comment %}…{% endcomment %}`). */
export type HumanComment = (message: string) => string;

/**
 * A note for a person at an offset of a section, and in a body a comment there saying the
 * same (`humanNotes: 'comment'`); a twin made again keeps the one comment already there.
 */
export function humanNote(edits: TextEdit[], offset: number, input: { text: string; context: SectionContext; comment: HumanComment }, message: string): SectionNote {
  const comment = input.comment(message);
  const already = input.text.slice(offset - comment.length, offset) === comment;
  if (input.context.humanNotes === 'comment' && !already) edits.push({ start: offset, end: offset, text: comment });
  return { offset, kind: 'needs-human', message };
}

/** The text of the line that starts at an offset. */
export function lineText(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}

/** Where the line an offset is on starts. */
export function lineStart(text: string, offset: number): number {
  // lastIndexOf from -1 would look at the first character: a text that starts with a line end has its first line at 0.
  return offset === 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}
