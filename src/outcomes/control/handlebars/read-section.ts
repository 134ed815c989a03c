import { isKnownPath } from '../../../engine/field-lookup.js';
import type { Position } from '../../../model/location.js';
import { analyseTemplate } from '../../../template/handlebars/analyse.js';
import { parseHandlebars, type Program } from '../../../template/handlebars/parse.js';
import type { TokenUse } from '../../../template/uses.js';
import type { Range } from '../html-context.js';
import type { SectionContext } from '../language.js';
import { fieldFacts, type FieldFacts } from '../personal-data.js';
import { handlebarsTags, type Tag } from './tags.js';

/**
 * A Handlebars text as each step of the twin reads it: the parser's tree, every tag with
 * where it is, and every field it reads (the engine's analysis, which follows `#each`,
 * `#with`, block params and partials), placed by offset in the text.
 */
export interface HandlebarsSection {
  text: string;
  program: Program;
  tags: readonly Tag[];
  /** Every use the analysis found, the partials' too. */
  uses: readonly TokenUse[];
  offsetOf(position: hbs.AST.Position): number;
  /** The fields read by the uses that start in a range of this text. */
  fieldsIn(range: Range): FieldFacts[];
  facts(field: string): FieldFacts;
  /** The tag that starts at an offset. */
  tagAt(offset: number): Tag | undefined;
  /** The first tag that starts at or after an offset. */
  nextTag(offset: number): Tag | undefined;
  /** The tag that ends at an offset. */
  tagEndingAt(offset: number): Tag | undefined;
}

export type ReadOutcome = { ok: true; section: HandlebarsSection } | { ok: false; message: string; position: Position };

export function readSection(text: string, context: SectionContext): ReadOutcome {
  const source = { text, origin: { line: 1, column: 1 } };
  const parsed = parseHandlebars(source);
  if (!parsed.ok) return parsed;
  const analysis = analyseTemplate(
    { file: context.file, kind: context.kind, body: source, purposes: [] },
    { partials: context.partials, known: (segments) => isKnownPath(segments, context.dataMap), helpers: context.settings.helpers },
  );
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const own = analysis.uses
    .filter((use) => use.range.file === context.file)
    // File positions are 1-based in both line and column (template/handlebars/parse.ts).
    .map((use) => ({ use, offset: (lineStarts[use.range.start.line - 1] ?? 0) + use.range.start.column - 1 }));
  const tags = handlebarsTags(text);
  const factsByField = new Map<string, FieldFacts>();
  const facts = (field: string): FieldFacts => {
    let found = factsByField.get(field);
    if (!found) {
      found = fieldFacts(field, context.dataMap, context.settings.preset);
      factsByField.set(field, found);
    }
    return found;
  };
  return {
    ok: true,
    section: {
      text,
      program: parsed.program,
      tags,
      uses: analysis.uses,
      offsetOf: (position) => (lineStarts[position.line - 1] ?? 0) + position.column,
      fieldsIn: (range) => own.filter(({ offset }) => range.start <= offset && offset < range.end).map(({ use }) => facts(use.field)),
      facts,
      tagAt: (offset) => tags.find((tag) => tag.start === offset),
      nextTag: (offset) => tags.find((tag) => tag.start >= offset),
      tagEndingAt: (offset) => tags.find((tag) => tag.end === offset),
    },
  };
}
