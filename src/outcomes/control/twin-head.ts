import type { DataMap } from '../../model/datamap.js';
import type { Position } from '../../model/location.js';
import type { TemplateSource } from '../../template/source.js';
import { commentEdits, purposeEdits, readFrontMatter, scalarEdit } from './front-matter.js';
import type { ControlLanguage, SectionContext, SectionNote } from './language.js';
import { twinPurposes } from './purposes.js';
import type { TextEdit } from './text-edits.js';

export type HeadOutcome = { ok: true; edits: TextEdit[]; notes: SectionNote[]; purposes: readonly string[] } | { ok: false; message: string; position: Position };

/**
 * What the twin changes before the body: in the front matter, the subject and preheader
 * made neutral by the template's language (a value no wording fits gets a YAML comment at
 * the end of its line) and the purposes the twin keeps; or a `Subject:` first line, made
 * neutral like the body. Edits and notes are at offsets of the text before the body.
 */
export function twinHead(input: { content: string; source: TemplateSource; language: ControlLanguage; context: SectionContext; dataMap: DataMap | undefined }): HeadOutcome {
  const { content, source, language, context } = input;
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  const frontMatter = readFrontMatter(content);
  for (const key of ['subject', 'preheader'] as const) {
    const scalar = frontMatter?.[key];
    if (!scalar) continue;
    const made = language.depersonalise(scalar.value, { ...context, kind: 'text', humanNotes: 'leave' });
    if (!made.ok) return { ok: false, message: made.message, position: { line: scalar.line, column: 1 } };
    if (made.text !== scalar.value) edits.push(scalarEdit(scalar, made.text));
    const human = made.notes.filter((note) => note.kind === 'needs-human').map((note) => note.message);
    if (made.text.trim() === '' && scalar.value.trim() !== '') {
      human.push(`the ${key} is empty now: write one`);
      notes.push({ offset: scalar.range.start, kind: 'needs-human', message: `${key}: the ${key} is empty now: write one` });
    }
    if (human.length > 0) edits.push(...commentEdits(content, scalar, human.join('; ')));
    notes.push(...made.notes.map((note) => ({ offset: scalar.range.start, kind: note.kind, message: `${key}: ${note.message}` })));
  }
  if (!frontMatter && source.subject) {
    const made = language.depersonalise(source.subject.text, { ...context, kind: 'text' });
    if (!made.ok) return { ok: false, message: made.message, position: { line: 1, column: source.subject.origin.column + made.position.column - 1 } };
    // A `Subject:` line is the file's first: its column is its offset.
    const start = source.subject.origin.column - 1;
    edits.push({ start, end: start + source.subject.text.length, text: made.text });
    notes.push(...made.notes.map((note) => ({ offset: start, kind: note.kind, message: `subject: ${note.message}` })));
  }
  if (!frontMatter?.purposes) return { ok: true, edits, notes, purposes: source.purposes };
  const { kept, dropped } = twinPurposes(frontMatter.purposes.names, input.dataMap);
  edits.push(...purposeEdits(frontMatter.purposes, kept));
  for (const purpose of dropped) {
    notes.push({
      offset: frontMatter.purposes.range.start,
      kind: 'purpose',
      message: `purpose \`${purpose}\` is left out: it needs the reader's consent, and the twin reads no personal data`,
    });
  }
  return { ok: true, edits, notes, purposes: kept };
}
