import type { Template } from 'liquidjs';
import { isKnownPath } from '../../../engine/field-lookup.js';
import { analyseLiquid } from '../../../template/liquid/analyse.js';
import { createLiquid } from '../../../template/liquid/environment.js';
import { parseLiquid } from '../../../template/liquid/parse.js';
import { installStandInTags } from '../../../template/liquid/stand-ins.js';
import type { Range } from '../html-context.js';
import type { SectionContext } from '../language.js';
import { sectionFields, type SectionFields } from '../section-fields.js';
import type { ReadOutcome } from '../steps.js';
import { place, watchedParse, type LiquidParse, type LiquidTag } from './tags.js';

/**
 * A Liquid text as each step of the twin reads it: liquidjs's templates, every tag with
 * where it is written, each block's own tags, and every field it reads (the engine's Liquid
 * analysis, which follows loops, assignments, captures and partials with their parameters),
 * placed by offset in the text.
 */
export interface LiquidSection extends SectionFields {
  text: string;
  templates: readonly Template[];
  tags: readonly LiquidTag[];
  /** A block's opening tag, its own tags in order (`elsif`, `else`, `when`), and its end tag last; undefined for a tag that is no block. */
  blockTags(template: Template): readonly LiquidTag[] | undefined;
  /** Where a template's tag or output is written. */
  rangeOf(template: Template): Range;
  /** The fields read in another file: a partial this text calls. */
  pathsIn(file: string): string[];
}

export function readSection(text: string, context: SectionContext): ReadOutcome<LiquidSection> {
  const source = { text, origin: { line: 1, column: 1 } };
  const liquid = createLiquid();
  installStandInTags(liquid);
  const watched: { parse?: LiquidParse } = {};
  const parsed = parseLiquid(liquid, source, context.file, { parseTokens: watchedParse(liquid, watched) });
  if (!parsed.ok) return parsed;
  const { templates, tags, blockTags } = watched.parse as LiquidParse;
  const analysis = analyseLiquid(
    { file: context.file, kind: context.kind, body: source, purposes: [] },
    { partials: context.partials, known: (segments) => isKnownPath(segments, context.dataMap), helpers: context.settings.helpers },
  );
  return {
    ok: true,
    section: {
      // Every path the analysis resolved, not only its uses: what an assignment, a capture or a partial's parameter reads counts too.
      ...sectionFields(text, analysis.paths, context),
      text,
      templates,
      tags,
      blockTags: (template) => blockTags.get(template),
      pathsIn: (file) => analysis.paths.filter((path) => path.range.file === file).map((path) => path.field),
      rangeOf: (template) => {
        const { begin, end } = place(template.token);
        return { start: begin, end };
      },
    },
  };
}

/** The templates inside a template (a block's branches, a capture's body), in source order; none for a template that has none. */
export function childrenOf(template: Template): Template[] {
  const block = template as Partial<{ branches: { templates: Template[] }[]; templates: Template[]; elseTemplates: Template[] }>;
  return [...(block.branches ?? []).flatMap((branch) => branch.templates), ...(block.templates ?? []), ...(block.elseTemplates ?? [])];
}

/** Every template in a list and inside them, but the statements of `{% liquid %}`, which are no tags of the text. */
export function everyTemplate(templates: readonly Template[]): Template[] {
  return templates.flatMap((template) => [template, ...(isLiquidTag(template) ? [] : everyTemplate(childrenOf(template)))]);
}

export function isLiquidTag(template: Template): boolean {
  return (template as { name?: string }).name === 'liquid';
}
