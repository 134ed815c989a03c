import type { Program } from '../../../template/handlebars/parse.js';
import { slotOf } from '../html-context.js';
import type { SectionContext, SectionNote } from '../language.js';
import { neutralWording } from '../neutral-wording.js';
import { describeFacts, type FieldFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import { sectionMarkup } from './markup.js';
import type { HandlebarsSection } from './read-section.js';

/**
 * Every printed personal value replaced: `{{fallback field "there"}}` by its fallback,
 * anything else by a neutral wording where one reads naturally (neutral-wording.ts).
 * Where none does, the value stays and its line gets a comment saying a person must
 * reword it (or, for a subject, a note the caller places): the twin does not guess.
 */
export function tokenEdits(section: HandlebarsSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  const map = sectionMarkup(section, context);
  const edits: TextEdit[] = [];
  const notes: SectionNote[] = [];
  const unresolved = new Map<number, { at: number; fields: FieldFacts[] }>();
  for (const node of mustaches(section.program)) {
    const range = { start: section.offsetOf(node.loc.start), end: section.offsetOf(node.loc.end) };
    const personal = section.fieldsIn(range).filter((facts) => facts.personal);
    const first = personal[0];
    if (!first) continue;
    const fallback = fallbackOf(section, node);
    const wording = fallback ?? neutralWording(first, slotOf(map, range));
    if (wording) {
      edits.push({ ...range, text: wording.text });
      notes.push({ offset: range.start, kind: 'replaced', message: `${describeFacts(first)} is replaced with ${wording.text === '' ? 'nothing' : `"${wording.text}"`}: ${wording.reason}` });
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
    if (!lineText(section.text, line).includes(`{{!-- creeplint-control: ${message}`)) edits.push({ start: place, end: place, text: `{{!-- creeplint-control: ${message.replaceAll('}}', '} }')} --}}` });
    notes.push({ offset: place, kind: 'needs-human', message });
  }
  return { edits, notes };
}

/** `{{fallback field "there"}}`: the fallback, when it is text or a value that is not personal. */
function fallbackOf(section: HandlebarsSection, node: hbs.AST.MustacheStatement): { text: string; reason: string } | undefined {
  if (node.path.type !== 'PathExpression' || (node.path as hbs.AST.PathExpression).original !== 'fallback') return undefined;
  const given = node.params[1];
  const reason = 'the fallback the template gives';
  if (given?.type === 'StringLiteral' || given?.type === 'NumberLiteral') {
    const text = String((given as hbs.AST.StringLiteral).value);
    return { text: node.escaped ? escapeHtml(text) : text, reason };
  }
  if (given?.type === 'PathExpression') {
    const range = { start: section.offsetOf(given.loc.start), end: section.offsetOf(given.loc.end) };
    if (section.fieldsIn(range).some((facts) => facts.personal)) return undefined;
    const path = section.text.slice(range.start, range.end);
    return { text: node.escaped ? `{{${path}}}` : `{{{${path}}}}`, reason };
  }
  return undefined;
}

/** Where a line's comment goes: where its text starts, unless that is inside a tag; then just before the value. */
function commentPlace(section: HandlebarsSection, line: number, at: number): number {
  let start = line;
  while (start < at && (section.text[start] === ' ' || section.text[start] === '\t')) start += 1;
  const insideTag = section.tags.some((tag) => tag.start < start && start < tag.end);
  return insideTag ? at : start;
}

function lineText(text: string, start: number): string {
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Every `{{…}}` that prints, wherever it is (inside blocks, inline partials and partial blocks too). */
function mustaches(program: Program | undefined): hbs.AST.MustacheStatement[] {
  const found: hbs.AST.MustacheStatement[] = [];
  for (const statement of program?.body ?? []) {
    if (statement.type === 'MustacheStatement') found.push(statement as hbs.AST.MustacheStatement);
    const block = statement as Partial<hbs.AST.BlockStatement>;
    found.push(...mustaches(block.program), ...mustaches(block.inverse));
  }
  return found;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '`': '&#x60;', '=': '&#x3D;' };

/** As Handlebars escapes a value printed with `{{…}}`. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`=]/gu, (character) => HTML_ESCAPES[character] ?? character);
}

