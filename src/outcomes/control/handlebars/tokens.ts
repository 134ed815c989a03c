import type { Program } from '../../../template/handlebars/parse.js';
import type { SectionContext, SectionNote } from '../language.js';
import type { NeutralWording } from '../neutral-wording.js';
import { printedValueEdits } from '../printed-values.js';
import type { TextEdit } from '../text-edits.js';
import type { HandlebarsSection } from './read-section.js';
import { handlebarsComment } from './tags.js';

/**
 * Every printed personal value replaced (printed-values.ts): `{{fallback field "there"}}`
 * by its fallback, anything else by a neutral wording where one reads naturally, or marked
 * for a person. Helpers that transform a value (`{{upper first_name}}`) are the value they print.
 */
export function tokenEdits(section: HandlebarsSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  const values = mustaches(section.program).map((node) => ({
    range: { start: section.offsetOf(node.loc.start), end: section.offsetOf(node.loc.end) },
    fallback: fallbackOf(section, node),
  }));
  return printedValueEdits(section, context, values, handlebarsComment);
}

/** `{{fallback field "there"}}`: the fallback, when it is text or a value that is not personal. */
function fallbackOf(section: HandlebarsSection, node: hbs.AST.MustacheStatement): NeutralWording | undefined {
  if (node.path.type !== 'PathExpression' || (node.path as hbs.AST.PathExpression).original !== 'fallback') return undefined;
  const given = node.params[1];
  const reason = 'the fallback the template gives';
  if (given?.type === 'StringLiteral' || given?.type === 'NumberLiteral') {
    const text = String((given as hbs.AST.StringLiteral | hbs.AST.NumberLiteral).value);
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
