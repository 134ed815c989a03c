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
  const walk: OutlineWalk = { partials, open: new Set(), slots: 0 };
  for (const section of SECTIONS) {
    const program = programs[section];
    if (program) outline[section] = outlineProgram(program, walk);
  }
  return outline;
}

/** The partials by name, those being laid out (a partial that calls itself is laid out once), and the next slot number. */
interface OutlineWalk {
  partials: ReadonlyMap<string, Program>;
  open: Set<Program>;
  slots: number;
}

function outlineProgram(program: Program | undefined, walk: OutlineWalk): string {
  if (!program || walk.open.has(program)) return '';
  walk.open.add(program);
  let text = '';
  for (const statement of program.body) text += outlineStatement(statement, walk);
  walk.open.delete(program);
  return text;
}

function outlineStatement(statement: hbs.AST.Statement, walk: OutlineWalk): string {
  switch (statement.type) {
    case 'ContentStatement':
      return (statement as hbs.AST.ContentStatement).value;
    case 'MustacheStatement': {
      const mustache = statement as hbs.AST.MustacheStatement;
      const ids = mustache.path.type === 'PathExpression' && (mustache.path as hbs.AST.PathExpression).original === TRACE_HELPERS.print ? mustache.params[0] : undefined;
      if (ids?.type !== 'StringLiteral') return '';
      const slot = walk.slots;
      walk.slots += 1;
      return hollowMarker(openMarker((ids as hbs.AST.StringLiteral).value.split(',').map(Number)), slot);
    }
    case 'BlockStatement': {
      const block = statement as hbs.AST.BlockStatement;
      return outlineProgram(block.program, walk) + outlineProgram(block.inverse, walk);
    }
    case 'PartialStatement':
    case 'PartialBlockStatement': {
      const partial = statement as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement;
      const name = partial.name.type === 'PathExpression' ? partial.name.original : '';
      const block = statement.type === 'PartialBlockStatement' ? (statement as hbs.AST.PartialBlockStatement).program : undefined;
      return outlineProgram(walk.partials.get(name), walk) + outlineProgram(block, walk);
    }
    default:
      // Comments, decorators and inline-partial definitions print nothing where they are written.
      return '';
  }
}
