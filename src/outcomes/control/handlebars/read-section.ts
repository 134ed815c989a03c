import { isKnownPath } from '../../../engine/field-lookup.js';
import { analyseTemplate } from '../../../template/handlebars/analyse.js';
import { parseHandlebars, type Program } from '../../../template/handlebars/parse.js';
import type { TokenUse } from '../../../template/uses.js';
import type { SectionContext } from '../language.js';
import { lineStarts, sectionFields, type SectionFields } from '../section-fields.js';
import type { ReadOutcome } from '../steps.js';
import { handlebarsTags, type Tag } from './tags.js';

/**
 * A Handlebars text as each step of the twin reads it: the parser's tree, every tag with
 * where it is, and every field it reads (the engine's analysis, which follows `#each`,
 * `#with`, block params and partials), placed by offset in the text.
 */
export interface HandlebarsSection extends SectionFields {
  text: string;
  program: Program;
  tags: readonly Tag[];
  /** Every use the analysis found, the partials' too. */
  uses: readonly TokenUse[];
  offsetOf(position: hbs.AST.Position): number;
  /** The tag that starts at an offset. */
  tagAt(offset: number): Tag | undefined;
  /** The first tag that starts at or after an offset. */
  nextTag(offset: number): Tag | undefined;
  /** The tag that ends at an offset. */
  tagEndingAt(offset: number): Tag | undefined;
}

export function readSection(text: string, context: SectionContext): ReadOutcome<HandlebarsSection> {
  const source = { text, origin: { line: 1, column: 1 } };
  const parsed = parseHandlebars(source);
  if (!parsed.ok) return parsed;
  const analysis = analyseTemplate(
    { file: context.file, kind: context.kind, body: source, purposes: [] },
    { partials: context.partials, known: (segments) => isKnownPath(segments, context.dataMap), helpers: context.settings.helpers },
  );
  const starts = lineStarts(text);
  const tags = handlebarsTags(text);
  return {
    ok: true,
    section: {
      // File positions are 1-based in both line and column (template/handlebars/parse.ts).
      ...sectionFields(text, analysis.uses, context),
      text,
      program: parsed.program,
      tags,
      uses: analysis.uses,
      offsetOf: (position) => (starts[position.line - 1] ?? 0) + position.column,
      tagAt: (offset) => tags.find((tag) => tag.start === offset),
      nextTag: (offset) => tags.find((tag) => tag.start >= offset),
      tagEndingAt: (offset) => tags.find((tag) => tag.end === offset),
    },
  };
}
