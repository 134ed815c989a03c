import { Tag, TypeGuards, type Liquid, type Template } from 'liquidjs';
import type { SourceRange } from '../../model/location.js';
import { findMjmlIncludes } from '../mjml-includes.js';
import type { PartialFile, PartialSource } from '../partial-source.js';
import type { TemplateKind } from '../source.js';
import { positionAt } from '../text-offsets.js';
import type { TemplateProblem } from '../uses.js';
import { writtenAt } from './braze.js';
import { parseLiquid, type ParsedUnit, type ParseOutcome, type Unit } from './parse.js';
import { StandInTag } from './stand-ins.js';

/** Partials may recurse (trees, threads); past this depth the expansion stops following. */
const MAX_PARTIAL_DEPTH = 12;
/** Each call site gets its own copy of the partial; past this many the template cannot be a real email. */
const MAX_PARTIAL_COPIES = 2000;

/** A partial's own copy for one call site, parsed afresh for it. */
export interface PartialCopy {
  unit: Unit;
  parsed: Extract<ParseOutcome, { ok: true }>;
}

/** What one `{% render %}`, `{% include %}` or `<mj-include>` was expanded to. */
export type PartialCall =
  /** The name leads nowhere (a dynamic name, no such partial): nothing renders. */
  | { kind: 'unresolved'; problems: readonly TemplateProblem[] }
  /**
   * The partial was found. `copy` is its own copy for this call, absent when following it
   * had to stop (`refused`: a recursion nothing can stop, too many copies; silently past
   * the depth limit) or when the file does not parse (`parseError`).
   */
  | { kind: 'resolved'; name: string; refused: TemplateProblem | undefined; parseError: TemplateProblem | undefined; copy: PartialCopy | undefined };

/** An `<mj-include>` inside a text: where it is in the text, the offset of the text in its file, and its expansion. */
export interface MjmlInclude {
  start: number;
  end: number;
  /** Offset of the tag in its file. */
  offset: number;
  path: string;
  call: PartialCall;
}

export interface PartialExpansion {
  /** `{% render %}` and `{% include %}` tags. */
  calls: ReadonlyMap<Tag, PartialCall>;
  /** Texts of an MJML body holding `<mj-include>` tags. */
  includes: ReadonlyMap<Template, readonly MjmlInclude[]>;
  /** The partial files read, in the order they were first read. */
  texts: readonly Unit[];
}

interface ExpansionContext {
  kind: TemplateKind;
  unit: Unit;
  /** Inside a token rebuilt from Braze's syntax: problems are placed where the token was written. */
  fixed?: { begin: number; end: number } | undefined;
  depth: number;
  /** Partials entered with no block between their call and here: calling one again recurses whatever the data. */
  unguarded: ReadonlySet<string>;
}

/** `{% render 'footer' %}` reads `footer.liquid` before a `footer` of another language beside it. */
export function liquidPartial(partials: PartialSource, name: string): PartialFile | undefined {
  return (name.toLowerCase().endsWith('.liquid') ? undefined : partials.byName(`${name}.liquid`)) ?? partials.byName(name);
}

/**
 * Give every partial call of the parsed sections its own freshly parsed copy, following
 * calls inside copies, in the order a reader meets them. Only reads the sections.
 */
export function expandPartials(liquid: Liquid, sections: readonly ParsedUnit[], partials: PartialSource): PartialExpansion {
  return new PartialExpander(liquid, partials).run(sections);
}

class PartialExpander {
  private readonly calls = new Map<Tag, PartialCall>();
  private readonly includes = new Map<Template, MjmlInclude[]>();
  private readonly texts = new Map<string, Unit>();
  private copies = 0;
  private tooManyCopies = false;

  constructor(
    private readonly liquid: Liquid,
    private readonly partials: PartialSource,
  ) {}

  run(sections: readonly ParsedUnit[]): PartialExpansion {
    for (const { kind, unit, parsed } of sections) {
      if (parsed.ok) this.templates(parsed.templates, { kind, unit, depth: 0, unguarded: new Set() });
    }
    return { calls: this.calls, includes: this.includes, texts: [...this.texts.values()] };
  }

  private templates(templates: readonly Template[] | undefined, context: ExpansionContext): void {
    for (const template of templates ?? []) this.template(template, context);
  }

  /** An arm of a block: what runs there depends on the data, so recursion through it can stop. */
  private arm(templates: readonly Template[] | undefined, context: ExpansionContext): void {
    this.templates(templates, context.unguarded.size === 0 ? context : { ...context, unguarded: new Set<string>() });
  }

  private template(template: Template, context: ExpansionContext): void {
    const token = template.token;
    const written = writtenAt(token);
    const inner = written ? { ...context, fixed: written } : context;
    if (TypeGuards.isHTMLToken(token)) this.text(template as Template & { str: string }, inner);
    else if (TypeGuards.isTagToken(token) && template instanceof Tag) this.tag(template, inner);
  }

  // In MJML, <mj-include> is followed.
  private text(template: Template & { str: string }, context: ExpansionContext): void {
    const text = template.str;
    if (context.kind !== 'mjml' || !text.includes('mj-include')) return;
    const includes: MjmlInclude[] = [];
    this.includes.set(template, includes);
    const textStart = template.token.begin + (template.token as unknown as { trimLeft: number }).trimLeft;
    for (const tag of findMjmlIncludes(text)) {
      const offset = textStart + tag.start;
      includes.push({ start: tag.start, end: tag.end, offset, path: tag.path, call: this.include(tag.path, offset, context) });
    }
  }

  private include(path: string, offset: number, context: ExpansionContext): PartialCall {
    const range = offsets(context.unit, offset, offset);
    const file = this.partials.byInclude(context.unit.file, path);
    if (!file) return { kind: 'unresolved', problems: [problem('no-missing-partial', `included file \`${path}\` was not found`, range, path)] };
    return this.expand(file, path, context, range);
  }

  private tag(tag: Tag, context: ExpansionContext): void {
    switch (tag.name) {
      case 'if':
      case 'unless': {
        const block = tag as unknown as { branches: { templates: Template[] }[]; elseTemplates: Template[] | undefined };
        for (const branch of block.branches) this.arm(branch.templates, context);
        this.arm(block.elseTemplates, context);
        return;
      }
      case 'case': {
        const block = tag as unknown as { branches: { templates: Template[] }[]; elseTemplates: Template[] };
        for (const branch of block.branches) this.arm(branch.templates, context);
        this.arm(block.elseTemplates, context);
        return;
      }
      case 'for':
      case 'tablerow': {
        const block = tag as unknown as { templates: Template[]; elseTemplates?: Template[] };
        this.arm(block.templates, context);
        if (tag.name !== 'tablerow') this.arm(block.elseTemplates, context);
        return;
      }
      case 'capture':
      case 'liquid':
      case 'layout':
        this.templates((tag as unknown as { templates: Template[] }).templates, context);
        return;
      case 'render':
      case 'include':
        this.calls.set(tag, this.partialTag(tag, context));
        return;
      default:
        if (tag instanceof StandInTag && tag.block) {
          this.arm(tag.templates, context);
          this.arm(tag.elseTemplates, context);
        }
    }
  }

  private partialTag(tag: Tag, context: ExpansionContext): PartialCall {
    const name = (tag as unknown as { file: unknown }).file;
    const range = this.range(tag, context);
    if (typeof name !== 'string')
      return { kind: 'unresolved', problems: [problem('no-missing-partial', 'a dynamic partial name cannot be traced; its content is not checked', range)] };
    const file = liquidPartial(this.partials, name);
    if (!file) return { kind: 'unresolved', problems: [problem('no-missing-partial', `partial \`${name}\` was not found`, range, name)] };
    return this.expand(file, name, context, range);
  }

  /** Parse this call's own copy of a partial, and expand the calls inside it. */
  private expand(file: PartialFile, name: string, context: ExpansionContext, call: SourceRange): PartialCall {
    const stopped = (refused?: TemplateProblem): PartialCall => ({ kind: 'resolved', name, refused, parseError: undefined, copy: undefined });
    if (context.unguarded.has(file.file)) {
      return stopped(
        problem(
          'render-error',
          `\`${name}\` includes itself with no condition or loop that could stop it: the email can never render (Liquid recurses until it runs out of stack)`,
          call,
          name,
        ),
      );
    }
    if (context.depth >= MAX_PARTIAL_DEPTH) return stopped();
    if (this.copies >= MAX_PARTIAL_COPIES) {
      if (this.tooManyCopies) return stopped();
      this.tooManyCopies = true;
      return stopped(
        problem(
          'render-error',
          `partials include one another more than ${MAX_PARTIAL_COPIES} times: the email would not render in reasonable time, and the rest is not checked`,
          call,
        ),
      );
    }
    this.copies += 1;
    const unit: Unit = { file: file.file, source: file.source };
    this.texts.set(file.file, unit);
    const parsed = parseLiquid(this.liquid, unit.source, unit.file);
    if (!parsed.ok) {
      // A partial called twice is reported once, where it fails.
      const parseError: TemplateProblem = {
        ruleId: 'parse-error',
        message: parsed.message,
        range: { file: unit.file, start: parsed.position, end: parsed.position },
        language: 'liquid',
      };
      return { kind: 'resolved', name, refused: undefined, parseError, copy: undefined };
    }
    this.templates(parsed.templates, { kind: context.kind, unit, depth: context.depth + 1, unguarded: new Set([...context.unguarded, file.file]) });
    return { kind: 'resolved', name, refused: undefined, parseError: undefined, copy: { unit, parsed } };
  }

  private range(tag: Tag, context: ExpansionContext): SourceRange {
    if (context.fixed) return offsets(context.unit, context.fixed.begin, context.fixed.end);
    return offsets(context.unit, tag.token.begin, tag.token.end);
  }
}

function offsets(unit: Unit, begin: number, end: number): SourceRange {
  return { file: unit.file, start: positionAt(unit.source, begin), end: positionAt(unit.source, end) };
}

function problem(ruleId: TemplateProblem['ruleId'], message: string, range: SourceRange, subject?: string): TemplateProblem {
  return { ruleId, message, range, subject };
}
