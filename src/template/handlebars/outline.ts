import { SECTIONS, type Section } from '../../model/vocabulary.js';
import { hollowMarker, openMarker } from '../markers.js';
import type { Program } from './parse.js';
import { TRACE_HELPERS } from './trace-nodes.js';

/**
 * The template's outline (template/language.ts): each section's instrumented program with
 * every branch's content laid out in source order, every printed value marked by the uses
 * it prints, and each partial's content where it is called. Whitespace and the values
 * themselves do not matter here: only where each use would land.
 */
export function outlineOf(programs: Partial<Record<Section, Program>>, partials: ReadonlyMap<string, Program>): Partial<Record<Section, string>> {
  const outline: Partial<Record<Section, string>> = {};
  for (const section of SECTIONS) {
    const program = programs[section];
    if (program) outline[section] = outlineProgram(program, partials);
  }
  return outline;
}

// A partial that calls itself (a render error where it is called) is laid out once.
function outlineProgram(program: Program | undefined, partials: ReadonlyMap<string, Program>, open: Set<Program> = new Set()): string {
  if (!program || open.has(program)) return '';
  open.add(program);
  let text = '';
  for (const statement of program.body) text += outlineStatement(statement, partials, open);
  open.delete(program);
  return text;
}

function outlineStatement(statement: hbs.AST.Statement, partials: ReadonlyMap<string, Program>, open: Set<Program>): string {
  switch (statement.type) {
    case 'ContentStatement':
      return (statement as hbs.AST.ContentStatement).value;
    case 'MustacheStatement': {
      const mustache = statement as hbs.AST.MustacheStatement;
      const ids = mustache.path.type === 'PathExpression' && (mustache.path as hbs.AST.PathExpression).original === TRACE_HELPERS.print ? mustache.params[0] : undefined;
      if (ids?.type !== 'StringLiteral') return '';
      return hollowMarker(openMarker((ids as hbs.AST.StringLiteral).value.split(',').map(Number)), 0);
    }
    case 'BlockStatement': {
      const block = statement as hbs.AST.BlockStatement;
      return outlineProgram(block.program, partials, open) + outlineProgram(block.inverse, partials, open);
    }
    case 'PartialStatement':
    case 'PartialBlockStatement': {
      const partial = statement as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement;
      const name = partial.name.type === 'PathExpression' ? (partial.name as hbs.AST.PathExpression).original : '';
      const block = statement.type === 'PartialBlockStatement' ? (statement as hbs.AST.PartialBlockStatement).program : undefined;
      return outlineProgram(partials.get(name), partials, open) + outlineProgram(block, partials, open);
    }
    default:
      // Comments, decorators and inline-partial definitions print nothing where they are written.
      return '';
  }
}
