import { parseHandlebars, type Program } from '../../../template/handlebars/parse.js';
import type { PartialFile } from '../../../template/partial-source.js';
import type { SectionContext, SectionNote } from '../language.js';
import { callsForAPerson, inlinedCalls, type PersonalCall } from '../partial-calls.js';
import { describeFacts, type FieldFacts } from '../personal-data.js';
import type { TextEdit } from '../text-edits.js';
import type { HandlebarsSection } from './read-section.js';
import { handlebarsComment } from './tags.js';
import { hashPairs, inverseOf, programOf } from '../../../template/handlebars/ast.js';

/**
 * A partial that reads personal data is written into the twin in place of its call, so
 * the next steps make it neutral there (the partial's own file, shared with other emails,
 * is never touched). Only a plain call (`{{> footer}}`) can be: one with a context or
 * arguments, a partial block, or an `<mj-include>` is reported for a person to inline.
 * Partials that read only system data (links, the store's name) stay calls.
 */
export function partialInlines(section: HandlebarsSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  return inlinedCalls(section.text, personalPartialCalls(section, context));
}

/** The partials and includes that read personal data and cannot be written in: a comment (or note) for a person each. */
export function partialsForAPerson(section: HandlebarsSection, context: SectionContext): { edits: TextEdit[]; notes: SectionNote[] } {
  return callsForAPerson(section, context, {
    calls: personalPartialCalls(section, context),
    how: 'is called with a context or arguments (or as a block)',
    personalIn: personalReader(section, context),
    comment: handlebarsComment,
  });
}

function personalPartialCalls(section: HandlebarsSection, context: SectionContext): PersonalCall[] {
  const inline = inlinePartialNames(section.program);
  const personalIn = personalReader(section, context);
  return partialCalls(section.program).flatMap((node): PersonalCall[] => {
    if (node.name.type !== 'PathExpression') return [];
    const name = node.name.original;
    if (name === '@partial-block' || inline.has(name)) return [];
    const partial = context.partials.byName(name);
    const personal = partial ? personalIn(partial) : [];
    if (!partial || personal.length === 0) return [];
    return [
      {
        name,
        partial,
        range: { start: section.offsetOf(node.loc.start), end: section.offsetOf(node.loc.end) },
        reads: `reads ${[...new Set(personal.map(describeFacts))].join(', ')}`,
        plain: node.type === 'PartialStatement' && node.params.length === 0 && hashPairs(node).length === 0,
      },
    ];
  });
}

/**
 * The personal fields a partial file reads, or the partials it calls read: the analysis
 * follows partials with the caller's context, and places each use in its own file.
 */
function personalReader(section: HandlebarsSection, context: SectionContext): (partial: PartialFile) => FieldFacts[] {
  const direct = (file: string): FieldFacts[] =>
    section.uses
      .filter((use) => use.range.file === file)
      .map((use) => section.facts(use.field))
      .filter((facts) => facts.personal);
  const reads = (partial: PartialFile, seen: Set<string>): FieldFacts[] => {
    if (seen.has(partial.file)) return [];
    seen.add(partial.file);
    const parsed = parseHandlebars(partial.source);
    const called = parsed.ok ? partialCalls(parsed.program).flatMap((node) => (node.name.type === 'PathExpression' ? [node.name.original] : [])) : [];
    return [
      ...direct(partial.file),
      ...called.flatMap((name) => {
        const found = context.partials.byName(name);
        return found ? reads(found, seen) : [];
      }),
    ];
  };
  return (partial) => reads(partial, new Set());
}

function partialCalls(program: Program | undefined): (hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement)[] {
  const found: (hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement)[] = [];
  for (const statement of program?.body ?? []) {
    if (statement.type === 'PartialStatement' || statement.type === 'PartialBlockStatement') found.push(statement as hbs.AST.PartialStatement);
    const block = statement as Partial<hbs.AST.BlockStatement>;
    found.push(...partialCalls(block.program), ...partialCalls(block.inverse));
  }
  return found;
}

/** Names of `{{#*inline "name"}}` partials: they are in the template already, and made neutral where they are. */
function inlinePartialNames(program: Program): Set<string> {
  const names = new Set<string>();
  const visit = (statements: hbs.AST.Statement[]): void => {
    for (const statement of statements) {
      const block = statement as hbs.AST.BlockStatement;
      if (statement.type === 'DecoratorBlock' && block.path.original === 'inline' && block.params[0]?.type === 'StringLiteral')
        names.add((block.params[0] as hbs.AST.StringLiteral).value);
      const taken = programOf(block);
      const otherwise = inverseOf(block);
      if (taken) visit(taken.body);
      if (otherwise) visit(otherwise.body);
    }
  };
  visit(program.body);
  return names;
}
