import { evalToken, Tag, TypeGuards, type Context, type Liquid, type Template, type Token, type Value } from 'liquidjs';
import type { Section } from '../../model/vocabulary.js';
import { withoutMarkerCharacters } from '../markers.js';
import type { ParsedUnit } from './parse.js';
import type { PartialCall, PartialExpansion } from './partial-expansion.js';
import { StandInTag } from './stand-ins.js';
import { ArmMark, aroundRender, LiquidTraceRuntime, Nothing, printTraced, readingValue, recordReads, TextPiece, TracedOutput, type PrintSite } from './trace-nodes.js';
import type { TracePlan, TraceStep } from './trace-plan.js';
import { isMissingFor, printedText } from './truthiness.js';

/** liquidjs's templates as the tracing render runs them, and the state its nodes share. */
export interface InstrumentedLiquid {
  runtime: LiquidTraceRuntime;
  /** Instrumented templates per section; a section that did not parse is absent. */
  sections: Partial<Record<Section, Template[]>>;
  /** Each partial call (a tag, or an `<mj-include>`'s node) with the instrumented copy it renders. */
  partials: WeakMap<Template, Template[]>;
}

/**
 * Rewrite the parsed sections and the partials' copies for the tracing render, as the
 * analysis planned: text counted against the budget, each printed value through the
 * trace, each read recorded, each arm marked, variables' sites kept per render frame,
 * each partial call handed its own copy. Changes liquidjs's templates in place; run it
 * once, after the analysis.
 */
export function instrumentLiquid(liquid: Liquid, sections: readonly ParsedUnit[], expansion: PartialExpansion, plan: TracePlan, useCount: number): InstrumentedLiquid {
  const instrumenter = new Instrumenter(liquid, expansion, plan, new LiquidTraceRuntime(useCount));
  const instrumented: Partial<Record<Section, Template[]>> = {};
  for (const { section, parsed } of sections) {
    if (!parsed.ok) continue;
    // Each header is a text of its own; the section is all of them, in order.
    instrumented[section] = [...(instrumented[section] ?? []), ...instrumenter.templates(parsed.templates)];
  }
  return { runtime: instrumenter.runtime, sections: instrumented, partials: instrumenter.partials };
}

class Instrumenter {
  readonly partials = new WeakMap<Template, Template[]>();

  constructor(
    private readonly liquid: Liquid,
    private readonly expansion: PartialExpansion,
    private readonly plan: TracePlan,
    readonly runtime: LiquidTraceRuntime,
  ) {}

  templates(templates: readonly Template[]): Template[] {
    return templates.flatMap((template) => this.template(template));
  }

  /** An arm of a branch point, its mark first: the render records the arm it takes. */
  private arm(templates: readonly Template[], token: Token, branch: number, arm: number): Template[] {
    return [new ArmMark(token, branch, arm, this.runtime), ...this.templates(templates)];
  }

  private template(template: Template): Template[] {
    const token = template.token;
    if (TypeGuards.isHTMLToken(token)) return this.text(template as Template & { str: string });
    if (TypeGuards.isOutputToken(token)) return [this.output(template, (template as unknown as { value: Value }).value)];
    if (TypeGuards.isTagToken(token) && template instanceof Tag) return this.tag(template);
    return [template];
  }

  // Text between tags: counted against the budget; in MJML, each <mj-include> renders its copy.
  private text(template: Template & { str: string }): Template[] {
    const text = template.str;
    const includes = this.expansion.includes.get(template);
    if (!includes) return [new TextPiece(template.token, text, this.runtime)];
    const pieces: Template[] = [];
    let cursor = 0;
    for (const include of includes) {
      pieces.push(new TextPiece(template.token, text.slice(cursor, include.start), this.runtime));
      pieces.push(this.includeNode(include.call, template.token));
      cursor = include.end;
    }
    pieces.push(new TextPiece(template.token, text.slice(cursor), this.runtime));
    return pieces;
  }

  private includeNode(call: PartialCall, token: Token): Template {
    const copy = call.kind === 'resolved' ? call.copy : undefined;
    if (!copy) return new Nothing(token);
    const templates = this.templates(copy.parsed.templates);
    const liquid = this.liquid;
    const node: Template = {
      token,
      *render(ctx, emitter) {
        yield liquid.renderer.renderTemplates(templates, ctx, emitter);
      },
    };
    this.partials.set(node, templates);
    return node;
  }

  private output(template: Template, value: Value | undefined): Template {
    return new TracedOutput(template.token, value, this.step(template, 'print').site, this.runtime);
  }

  private tag(tag: Tag): Template[] {
    switch (tag.name) {
      case 'if':
      case 'unless':
      case 'case':
        return [this.branches(tag)];
      case 'for':
      case 'tablerow':
        return [this.loop(tag)];
      case 'assign': {
        const { frame, variable, site } = this.step(tag, 'assign');
        const runtime = this.runtime;
        aroundRender(tag, { after: () => runtime.frames[frame]?.set(variable, { site }) });
        return [tag];
      }
      case 'capture':
        return [this.capture(tag)];
      case 'echo':
        return [this.output(tag, (tag as unknown as { value?: Value }).value)];
      case 'liquid': {
        const block = tag as unknown as { templates: Template[] };
        block.templates = this.templates(block.templates);
        return [tag];
      }
      case 'render':
      case 'include':
        return [this.partial(tag)];
      case 'layout':
        // The layout file is not followed: the tag gives way to the template's own content.
        return this.templates((tag as unknown as { templates: Template[] }).templates);
      case 'cycle':
        return [this.printedBy(tag, this.step(tag, 'print-tag').site)];
      case 'connected_content':
      case 'catalog_items': {
        const { reads } = this.step(tag, 'fetched');
        aroundRender(tag, { before: (ctx) => recordReads(this.runtime, reads, ctx) });
        return [tag];
      }
      case 'comment':
      case '#':
      case 'raw':
      case 'increment':
      case 'decrement':
      case 'break':
      case 'continue':
        return [tag];
      default:
        return tag instanceof StandInTag ? [this.standIn(tag)] : [tag];
    }
  }

  // {% if %}, {% unless %}, {% case %}: each condition records its reads, each arm its mark.
  private branches(tag: Tag): Template {
    const { branch, whenReads } = this.step(tag, 'branches');
    const block = tag as unknown as { value?: Value; branches: { value?: Value; templates: Template[] }[]; elseTemplates: Template[] | undefined };
    const runtime = this.runtime;
    if (tag.name === 'case') {
      this.condition(block.value);
      if (whenReads.length > 0) aroundRender(tag, { before: (ctx) => recordReads(runtime, whenReads, ctx) });
    }
    block.branches.forEach((arm, index) => {
      this.condition(arm.value);
      arm.templates = this.arm(arm.templates, tag.token, branch, index);
    });
    // `case` always has its else list; `if` may not, and gets one to hold the mark of its implicit else.
    block.elseTemplates = this.arm(tag.name === 'case' ? (block.elseTemplates as Template[]) : (block.elseTemplates ?? []), tag.token, branch, block.branches.length);
    return tag;
  }

  private condition(value: Value | undefined): void {
    const reads = value ? this.plan.conditions.get(value) : undefined;
    if (value && reads) readingValue(value, reads, this.runtime);
  }

  // {% for %} and {% tablerow %}: the list and options read before the loop, each arm marked (a table row has no else).
  private loop(tag: Tag): Template {
    const { branch, reads } = this.step(tag, 'loop');
    const block = tag as unknown as { templates: Template[]; elseTemplates?: Template[] };
    aroundRender(tag, { before: (ctx) => recordReads(this.runtime, reads, ctx) });
    block.templates = this.arm(block.templates, tag.token, branch, 0);
    if (tag.name !== 'tablerow') block.elseTemplates = this.arm(block.elseTemplates ?? [], tag.token, branch, 1);
    return tag;
  }

  // {% capture %}: its body instrumented; while it renders, whether each of its sources printed nothing.
  private capture(tag: Tag): Template {
    const { frame, variable, site, sources } = this.step(tag, 'capture');
    const capture = tag as unknown as { templates: Template[] };
    capture.templates = this.templates(capture.templates);
    const runtime = this.runtime;
    aroundRender(tag, {
      start: () => {
        runtime.captures.push(Array.from({ length: sources }, () => false));
      },
      after: () => {
        runtime.frames[frame]?.set(variable, { site, missing: runtime.captures[runtime.captures.length - 1] });
      },
      always: () => {
        runtime.captures.pop();
      },
    });
    return tag;
  }

  // {% render %} and {% include %}: liquidjs's own tags run, handed this call's copy instead of reading a file.
  private partial(tag: Tag): Template {
    const call = this.expansion.calls.get(tag);
    const copy = call?.kind === 'resolved' ? call.copy : undefined;
    const step = this.plan.steps.get(tag);
    if (!copy || step?.kind !== 'partial') return new Nothing(tag.token);
    const templates = this.templates(copy.parsed.templates);
    tag.liquid = Object.create(this.liquid, { _parsePartialFile: { value: () => templates } }) as Liquid;
    const { reads, render } = step;
    const runtime = this.runtime;
    aroundRender(tag, {
      before: function* (ctx) {
        yield* recordReads(runtime, reads, ctx);
        if (render) runtime.frames.push(new Map());
      },
      always: () => {
        if (render) runtime.frames.pop();
      },
    });
    this.partials.set(tag, templates);
    return tag;
  }

  /** A tag whose output is printed through the trace as one value. */
  private printedBy(tag: Tag, site: PrintSite): Template {
    const render = tag.render.bind(tag);
    const runtime = this.runtime;
    const liquid = this.liquid;
    tag.render = function* (ctx, emitter) {
      const text = (yield liquid.renderer.renderTemplates([{ token: tag.token, render }], ctx)) as string;
      printTraced(runtime, site, withoutMarkerCharacters(text), emitter);
    };
    return tag;
  }

  // A tag liquidjs does not know: its arguments printed, or, for a block, read and its block shown as its kind says.
  private standIn(tag: StandInTag): Template {
    const step = this.plan.steps.get(tag);
    const runtime = this.runtime;
    const liquid = this.liquid;
    if (step?.kind === 'stand-in') {
      const { site, args } = step;
      tag.render = function* (ctx, emitter) {
        const values: string[] = [];
        for (const token of args) values.push(printedText(yield evalValue(token, ctx)));
        printTraced(runtime, site, withoutMarkerCharacters(values.join(' ')), emitter);
      };
      return tag;
    }
    if (step?.kind !== 'stand-in-block') return tag;
    const { branch, reads, args, declared } = step;
    tag.templates = this.arm(tag.templates, tag.token, branch, 0);
    tag.elseTemplates = this.arm(tag.elseTemplates ?? [], tag.token, branch, 1);
    const first = args[0];
    tag.render = function* (ctx, emitter) {
      yield* recordReads(runtime, reads, ctx);
      const shown = declared !== 'condition' || (first !== undefined && !isMissingFor('truthy', yield evalValue(first, ctx)));
      yield liquid.renderer.renderTemplates(shown ? tag.templates : (tag.elseTemplates ?? []), ctx, emitter);
    };
    return tag;
  }

  /** The step the analysis planned at a template, of the kind its tag needs. */
  private step<Kind extends TraceStep['kind']>(template: Template, kind: Kind): Extract<TraceStep, { kind: Kind }> {
    const step = this.plan.steps.get(template);
    // The analysis plans a step at every template of these kinds it walks, and it walks them all.
    if (step?.kind !== kind) throw new Error(`no ${kind} step planned for a template the analysis walked`);
    return step as Extract<TraceStep, { kind: Kind }>;
  }
}

function* evalValue(token: Token, ctx: Context): Generator<unknown, unknown, unknown> {
  return yield evalToken(token, ctx, true);
}
