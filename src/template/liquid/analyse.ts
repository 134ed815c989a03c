import { evalToken, TypeGuards, type Context, type Liquid, type Tag, type Template, type Token, type Value } from 'liquidjs';
import { segmentsToFieldPath } from '../../model/datamap.js';
import type { SourceRange } from '../../model/location.js';
import type { HelperKind } from '../../model/settings.js';
import type { Section, UseKind } from '../../model/vocabulary.js';
import { parseDirective, type Directive } from '../directives.js';
import { htmlCommentDirectives } from '../html-directives.js';
import { withoutMarkerCharacters } from '../markers.js';
import { TraceRecorder } from '../trace-recorder.js';
import type { BranchPoint, PrepareOptions, TemplateAnalysis } from '../language.js';
import { findMjmlIncludes } from '../mjml-includes.js';
import type { PartialFile, PartialSource } from '../partial-source.js';
import { sectionTexts, type SourceText, type TemplateKind, type TemplateSource } from '../source.js';
import { addProblem, type TemplateProblem, type TokenUse } from '../uses.js';
import { FetchedDataTag, writtenAt } from './braze.js';
import { createLiquid } from './environment.js';
import { DIALECT_TAG_KINDS, FALLBACK_FILTER, isBuiltInFilter, isBuiltInTag } from './known-filters.js';
import { consentPurposeOf } from './consent.js';
import { outlineOf } from './outline.js';
import { parseLiquid } from './parse.js';
import { positionAt } from '../text-offsets.js';
import { extendBinding, NONE, sourcesOf, type Binding, type Site, type Source } from './scope.js';
import { installStandInTags, standInFilter, StandInTag } from './stand-ins.js';
import { ArmMark, aroundRender, LiquidTraceRuntime, Nothing, printTraced, readingValue, recordReads, TextPiece, TracedOutput, type Candidate, type PrintSite, type Read } from './trace-nodes.js';
import { isMissingFor, printedText, type LiquidReadKind } from './truthiness.js';


/** A Liquid template's analysis, with the instrumented templates the tracing render runs. */
export interface LiquidAnalysis extends TemplateAnalysis {
  /**
   * Every path resolved to a field, where it is written: the uses' paths, and also those
   * that only pass a value on (an assignment's value, a partial's parameter, a value
   * printed into a capture), which are uses only where the value is read in turn.
   */
  paths: { field: string; range: SourceRange }[];
  liquid: Liquid;
  runtime: LiquidTraceRuntime;
  /** Instrumented templates per section; a section that did not parse is absent. */
  sections: Partial<Record<Section, Template[]>>;
}

/** Partials may recurse (trees, threads); past this depth the analysis stops following. */
const MAX_PARTIAL_DEPTH = 12;
/** Each call site gets its own copy of the partial; past this many the template cannot be a real email. */
const MAX_PARTIAL_COPIES = 2000;

interface Unit {
  file: string;
  source: SourceText;
}

interface WalkContext {
  section: Section;
  kind: TemplateKind;
  unit: Unit;
  /** `{% render %}` depth: each render partial has its own variables. */
  frame: number;
  /** Loop items and `include` parameters, innermost last. */
  locals: readonly ReadonlyMap<string, Binding>[];
  /** Variables assigned or captured in this frame so far, in source order. */
  vars: Map<string, Binding>;
  /** Inside `{% render %}`: a name that is not a parameter or a variable of its own is nil. */
  isolated: boolean;
  consentGuards: readonly string[];
  /** The branch arms (`branch id:arm`) a recipient must take to get here, outermost first. */
  arms: readonly string[];
  /** Inside a token rebuilt from Braze's syntax: every use is where the token was written. */
  fixed?: { begin: number; end: number } | undefined;
  /** Inside `{% capture %}`: printed values go into the variable, and these are its sources. */
  capture?: Source[] | undefined;
  partialDepth: number;
  /** Partials entered with no block between their call and here: calling one again recurses whatever the data. */
  unguarded: ReadonlySet<string>;
}

/** A source found at a token, with what the use made of it will say. */
interface Found {
  source: Source;
  token: Token;
  kind: UseKind;
  helper?: string | undefined;
}

/** Everything a token evaluates: its own path and the paths inside it (a computed index, a range's ends). */
interface Evaluated {
  token: Token;
  found: Found[];
}

/** `{% render 'footer' %}` reads `footer.liquid` before a `footer` of another language beside it. */
export function liquidPartial(partials: PartialSource, name: string): PartialFile | undefined {
  return (name.toLowerCase().endsWith('.liquid') ? undefined : partials.byName(`${name}.liquid`)) ?? partials.byName(name);
}

export function analyseLiquid(source: TemplateSource, options: PrepareOptions): LiquidAnalysis {
  return new LiquidWalker(source, options).run();
}

class LiquidWalker {
  private readonly liquid = createLiquid();
  private readonly uses: TokenUse[] = [];
  private readonly paths = new Map<string, { field: string; range: SourceRange }>();
  private readonly problems: TemplateProblem[] = [];
  private readonly directives = new Map<string, Directive>();
  private readonly partialTexts = new Map<string, Unit>();
  private readonly consentGuards = new Set<string>();
  private readonly branchPoints = new Map<string, BranchPoint>();
  private readonly partialTemplates = new WeakMap<Template, Template[]>();
  private readonly runtime: LiquidTraceRuntime;
  private readonly helpers: ReadonlyMap<string, HelperKind>;
  private readonly known: (segments: readonly string[]) => boolean;
  private nextUseId = 1;
  private nextSiteId = 1;
  private copies = 0;
  private tooManyCopies = false;

  constructor(
    private readonly source: TemplateSource,
    private readonly options: PrepareOptions,
  ) {
    this.known = options.known ?? (() => false);
    this.helpers = options.helpers ?? new Map();
    installStandInTags(this.liquid);
    // Declared filters behave as their kind says; undeclared ones pass their input on (liquidjs's own default when not strict).
    for (const [name, kind] of this.helpers) if (!isBuiltInFilter(name)) this.liquid.registerFilter(name, standInFilter(kind));
    // Its recorder is sized once the uses are counted (run()).
    this.runtime = new LiquidTraceRuntime(1);
  }

  run(): LiquidAnalysis {
    const sections: Partial<Record<Section, Template[]>> = {};
    const parts = sectionTexts(this.source);
    for (const [section, text] of parts) {
      if (!text) continue;
      const unit: Unit = { file: this.source.file, source: text };
      const kind = section === 'body' ? this.source.kind : 'text';
      const templates = this.parseUnit(unit, kind);
      if (!templates) continue;
      const context: WalkContext = {
        section,
        kind,
        unit,
        frame: 0,
        locals: [],
        vars: new Map(),
        isolated: false,
        consentGuards: [],
        arms: [],
        partialDepth: 0,
        unguarded: new Set(),
      };
      // Each header is a text of its own; the section is all of them, in order.
      sections[section] = [...(sections[section] ?? []), ...this.templates(templates, context)];
    }
    const useCount = this.uses.reduce((size, use) => Math.max(size, use.id + 1), 1);
    this.runtime.recorder = new TraceRecorder(useCount);
    const texts = [...parts.flatMap(([, text]) => (text ? [{ file: this.source.file, source: text }] : [])), ...this.partialTexts.values()];
    return {
      source: this.source,
      uses: this.uses,
      problems: this.problems,
      directives: [...this.directives.values()],
      texts,
      consentGuards: this.consentGuards,
      branches: [...this.branchPoints.values()],
      outline: outlineOf(sections, this.partialTemplates),
      paths: [...this.paths.values()],
      liquid: this.liquid,
      runtime: this.runtime,
      sections,
    };
  }

  /**
   * Parse a section or a partial; its directives are read (in HTML and MJML, its HTML
   * comments too), its parse error reported once.
   */
  private parseUnit(unit: Unit, kind: TemplateKind): Template[] | undefined {
    const parsed = parseLiquid(this.liquid, unit.source, unit.file);
    if (!parsed.ok) {
      // A partial called twice is reported once, where it fails.
      addProblem(this.problems, { ruleId: 'parse-error', message: parsed.message, range: { file: unit.file, start: parsed.position, end: parsed.position }, language: 'liquid' });
      return undefined;
    }
    const directives = parsed.comments.flatMap((comment) => parseDirective(comment.text, this.offsets(unit, comment.begin, comment.end)) ?? []);
    if (kind !== 'text') directives.push(...htmlCommentDirectives(unit.source, unit.file, parsed.literals));
    // A partial included twice holds its directives once.
    for (const directive of directives) this.directives.set(`${directive.range.file}:${directive.range.start.line}:${directive.range.start.column}`, directive);
    return parsed.templates;
  }

  private templates(templates: readonly Template[], context: WalkContext): Template[] {
    return templates.flatMap((template) => this.template(template, context));
  }

  /** An arm of a block: what runs there depends on the data, so recursion through it can stop. */
  private arm(templates: readonly Template[], context: WalkContext, mark?: ArmMark): Template[] {
    const within = mark ? { ...context, arms: [...context.arms, mark.key] } : context;
    const inner = within.unguarded.size === 0 ? within : { ...within, unguarded: new Set<string>() };
    const walked = this.templates(templates, inner);
    return mark ? [mark, ...walked] : walked;
  }

  private template(template: Template, context: WalkContext): Template[] {
    const token = template.token;
    const written = writtenAt(token);
    const inner = written ? { ...context, fixed: written } : context;
    if (TypeGuards.isHTMLToken(token)) return this.text(template as Template & { str: string }, inner);
    if (TypeGuards.isOutputToken(token)) return [this.output(template, (template as unknown as { value: Value }).value, inner)];
    if (TypeGuards.isTagToken(token)) return this.tag(template as Tag, inner);
    return [template];
  }

  // Text between tags: counted against the budget; in MJML, <mj-include> is followed.
  private text(template: Template & { str: string }, context: WalkContext): Template[] {
    const text = template.str;
    if (context.kind !== 'mjml' || !text.includes('mj-include')) return [new TextPiece(template.token, text, this.runtime)];
    const pieces: Template[] = [];
    let cursor = 0;
    const textStart = template.token.begin + (template.token as unknown as { trimLeft: number }).trimLeft;
    for (const tag of findMjmlIncludes(text)) {
      pieces.push(new TextPiece(template.token, text.slice(cursor, tag.start), this.runtime));
      pieces.push(this.mjmlInclude(tag.path, textStart + tag.start, template.token, context));
      cursor = tag.end;
    }
    pieces.push(new TextPiece(template.token, text.slice(cursor), this.runtime));
    return pieces;
  }

  private mjmlInclude(path: string, offset: number, token: Token, context: WalkContext): Template {
    const range = this.offsets(context.unit, offset, offset);
    const file = this.options.partials.byInclude(context.unit.file, path);
    if (!file) {
      this.problem('no-missing-partial', `included file \`${path}\` was not found`, range, path);
      return new Nothing(token);
    }
    const templates = this.partialBody(file, path, context, range);
    if (!templates) return new Nothing(token);
    const liquid = this.liquid;
    const node: Template = {
      token,
      *render(ctx, emitter) {
        yield liquid.renderer.renderTemplates(templates, ctx, emitter);
      },
    };
    this.partialTemplates.set(node, templates);
    return node;
  }

  // {{ value | filters }} and {% echo value | filters %}
  private output(template: Template, value: Value | undefined, context: WalkContext): Template {
    const site = this.printSite(value ? this.printed(value, context) : [], context);
    return new TracedOutput(template.token, value, site, this.runtime);
  }

  /** What a printed value reads: its input, and the arguments of its filters, after the last filter that prints no data. */
  private printed(value: Value, context: WalkContext): Found[] {
    const filters = value.filters;
    let start = 0;
    filters.forEach((filter, index) => {
      const declared = this.helpers.get(filter.name);
      if (!declared && !isBuiltInFilter(filter.name)) {
        const token = (filter as unknown as { token: Token }).token;
        this.problem('no-unknown-helper', `unknown filter \`${filter.name}\`: its input and arguments are treated as printed`, this.range(token, context), filter.name);
      }
      if (declared === 'no-data') start = index + 1;
    });
    const found: Found[] = [];
    if (start === 0) for (const operand of value.initial.postfix) found.push(...this.evaluated(operand, 'print', context).flatMap((item) => item.found));
    for (const filter of filters.slice(start)) {
      const kind: UseKind = filter.name === FALLBACK_FILTER ? 'print' : 'helper-arg';
      for (const arg of filter.args) {
        const token = Array.isArray(arg) ? arg[1] : arg;
        if (token) found.push(...this.evaluated(token as Token, kind, context, filter.name).flatMap((item) => item.found));
      }
    }
    return found;
  }

  /** The sources a token (and the paths inside it) evaluates. */
  private evaluated(token: Token, kind: UseKind, context: WalkContext, helper?: string): Evaluated[] {
    if (TypeGuards.isRangeToken(token)) {
      const range = token as unknown as { lhs: Token; rhs: Token };
      return [...this.evaluated(range.lhs, kind, context, helper), ...this.evaluated(range.rhs, kind, context, helper)];
    }
    if (!TypeGuards.isPropertyAccessToken(token)) return [];
    const path = this.path(token, context);
    const own: Evaluated = { token, found: path.sources.map((source) => ({ source, token, kind, helper })) };
    return [own, ...path.inner.flatMap((inner) => this.evaluated(inner, 'helper-arg', context, helper))];
  }

  /** A path's binding and the fields it reads; computed indexes (`items[i]`) are paths of their own. */
  private path(token: Token, context: WalkContext): { binding: Binding; sources: Source[]; inner: Token[] } {
    const access = token as unknown as { variable?: Token; props: Token[] };
    const inner: Token[] = [];
    const names = access.props.map((prop) => {
      if (TypeGuards.isWordToken(prop)) return prop.getText();
      if (TypeGuards.isQuotedToken(prop)) return (prop as unknown as { content: string }).content;
      if (TypeGuards.isNumberToken(prop)) return prop.getText();
      inner.push(prop);
      return undefined;
    });
    const [head, ...rest] = names;
    if (access.variable || head === undefined) return { binding: NONE, sources: [], inner };
    const binding = this.lookup(head, context);
    const sources = sourcesOf(binding, rest, this.known, [], []);
    const range = this.range(token, context);
    for (const source of sources) {
      const field = segmentsToFieldPath(source.segments);
      this.paths.set(`${range.file}:${range.start.line}:${range.start.column}:${field}`, { field, range });
    }
    return { binding: extendBinding(binding, rest, this.known), sources, inner };
  }

  private lookup(name: string, context: WalkContext): Binding {
    for (let index = context.locals.length - 1; index >= 0; index -= 1) {
      const binding = context.locals[index]?.get(name);
      if (binding) return binding;
    }
    const variable = context.vars.get(name);
    if (variable) return variable;
    // The recipient's consent, as the render gives it (`{% if consent.marketing %}`): not a field.
    if (name === 'consent' || name === 'forloop' || name === 'tablerowloop') return NONE;
    return context.isolated ? NONE : { kind: 'data', segments: [name] };
  }

  /** A binding for a value handed on: a loop's list, a partial's parameter, an assignment's alias. */
  private bindingOf(token: Token | undefined, context: WalkContext): Binding {
    if (!token || !TypeGuards.isPropertyAccessToken(token)) return NONE;
    return this.path(token, context).binding;
  }

  private candidate(found: Found, context: WalkContext): Candidate {
    const use = this.addUse(found, context);
    return { id: use.id, guards: found.source.guards, captured: found.source.captured };
  }

  /** Reads of a token by a construct that judges them as `read` does. */
  private reads(token: Token, kind: UseKind, read: LiquidReadKind, context: WalkContext): Read[] {
    return this.evaluated(token, kind, context).flatMap((item) => (item.found.length === 0 ? [] : [{ token: item.token, kind: read, candidates: item.found.map((found) => this.candidate(found, context)) }]));
  }

  /**
   * The reads of a condition (`if`, `elsif`, `unless`): a value tested for truth is judged
   * by Liquid's truthiness, a value compared (`==`, `contains`) as a value. Also returns
   * the purposes the condition checks consent for (`consent.marketing`, alone or in an
   * `and`).
   */
  private condition(value: Value, context: WalkContext): { reads: Read[]; consent: string[] } {
    const tree = expressionTree(value.initial.postfix);
    const reads: Read[] = [];
    const consent: string[] = [];
    const visit = (node: ExpressionNode | undefined, judged: LiquidReadKind): void => {
      if (!node) return;
      if (node.kind === 'operand') {
        reads.push(...this.reads(node.token, 'condition', judged, context));
        return;
      }
      const logical = node.operator === 'and' || node.operator === 'or' || node.operator === 'not';
      for (const operand of node.operands) visit(operand, logical ? 'truthy' : 'value');
    };
    visit(tree, 'truthy');
    for (const conjunct of conjuncts(tree)) {
      const purpose = conjunct.kind === 'operand' ? this.consentPurpose(conjunct.token, context) : undefined;
      if (purpose !== undefined) consent.push(purpose);
    }
    for (const filter of value.filters) {
      for (const arg of filter.args) {
        const token = Array.isArray(arg) ? arg[1] : arg;
        if (token) reads.push(...this.reads(token as Token, 'condition', 'value', context));
      }
    }
    return { reads, consent };
  }

  /** `consent.marketing` or `consent["marketing"]`, where `consent` is the recipient's (no variable of the template's): the purpose. */
  private consentPurpose(token: Token, context: WalkContext): string | undefined {
    return this.lookupsLocally('consent', context) ? undefined : consentPurposeOf(token);
  }

  private lookupsLocally(name: string, context: WalkContext): boolean {
    return context.locals.some((locals) => locals.has(name)) || context.vars.has(name);
  }

  private tag(tag: Tag, context: WalkContext): Template[] {
    switch (tag.name) {
      case 'if':
      case 'unless':
        return [this.ifTag(tag, context)];
      case 'case':
        return [this.caseTag(tag, context)];
      case 'for':
      case 'tablerow':
        return [this.forTag(tag, context)];
      case 'assign':
        return [this.assignTag(tag, context)];
      case 'capture':
        return [this.captureTag(tag, context)];
      case 'echo':
        return [this.output(tag, (tag as unknown as { value?: Value }).value, context)];
      case 'liquid': {
        const block = tag as unknown as { templates: Template[] };
        block.templates = this.templates(block.templates, context);
        return [tag];
      }
      case 'render':
      case 'include':
        return [this.partialTag(tag, context)];
      case 'layout':
        return this.layoutTag(tag, context);
      case 'cycle':
        return [this.cycleTag(tag, context)];
      case 'connected_content':
      case 'catalog_items':
        return [this.fetchedTag(tag as FetchedDataTag, context)];
      case 'comment':
      case '#':
      case 'raw':
      case 'increment':
      case 'decrement':
      case 'break':
      case 'continue':
        return [tag];
      default:
        return tag instanceof StandInTag ? [this.standIn(tag, context)] : [tag];
    }
  }

  // {% if %}…{% elsif %}…{% else %}…{% endif %} and {% unless %}: one arm per branch, and the else (written or not).
  private ifTag(tag: Tag, context: WalkContext): Template {
    const block = tag as unknown as { branches: { value: Value; templates: Template[] }[]; elseTemplates: Template[] | undefined };
    const unless = tag.name === 'unless';
    const labels = block.branches.map((branch, index) => `${index === 0 ? tag.name : 'elsif'} ${this.valueText(branch.value, context) ?? ''}`.trim());
    const point = this.branchPoint(tag, context, [...labels, 'else']);
    const before = new Map(context.vars);
    const outcomes: Map<string, Binding>[] = [];
    const guardsOfElse: string[] = [];
    block.branches.forEach((branch, index) => {
      // The test of an `elsif` is read by those who took no earlier arm: named by its own arm, as in Handlebars.
      const tested = index === 0 ? context : { ...context, arms: [...context.arms, `${point.id}:${index}`] };
      const { reads, consent } = this.condition(branch.value, tested);
      readingValue(branch.value, reads, this.runtime);
      for (const purpose of consent) this.consentGuards.add(purpose);
      const guarded = unless && index === 0 ? [] : consent;
      if (unless && index === 0) guardsOfElse.push(...consent);
      const vars = new Map(before);
      branch.templates = this.arm(branch.templates, { ...context, vars, consentGuards: [...context.consentGuards, ...guarded] }, new ArmMark(tag.token, point.id, index, this.runtime));
      outcomes.push(vars);
    });
    const vars = new Map(before);
    block.elseTemplates = this.arm(block.elseTemplates ?? [], { ...context, vars, consentGuards: [...context.consentGuards, ...guardsOfElse] }, new ArmMark(tag.token, point.id, block.branches.length, this.runtime));
    outcomes.push(vars);
    this.merge(context.vars, outcomes);
    return tag;
  }

  // {% case value %}{% when a, b %}…{% else %}…{% endcase %}
  private caseTag(tag: Tag, context: WalkContext): Template {
    const block = tag as unknown as { value: Value; branches: { values: Token[]; templates: Template[] }[]; elseTemplates: Template[] };
    const subject = this.valueText(block.value, context) ?? '';
    const labels = block.branches.map((branch) => `when ${branch.values.map((value) => value.getText()).join(', ')}`);
    const point = this.branchPoint(tag, context, [`case ${subject}: ${labels[0] ?? 'else'}`.trim(), ...labels.slice(1), 'else'].slice(0, block.branches.length + 1));
    const reads: Read[] = [];
    for (const operand of block.value.initial.postfix) reads.push(...this.reads(operand, 'condition', 'value', context));
    readingValue(block.value, reads, this.runtime);
    const whenReads = block.branches.flatMap((branch) => branch.values.flatMap((value) => this.reads(value, 'condition', 'value', context)));
    if (whenReads.length > 0) aroundRender(tag, { before: (ctx) => recordReads(this.runtime, whenReads, ctx) });
    const before = new Map(context.vars);
    const outcomes: Map<string, Binding>[] = [];
    block.branches.forEach((branch, index) => {
      const vars = new Map(before);
      branch.templates = this.arm(branch.templates, { ...context, vars }, new ArmMark(tag.token, point.id, index, this.runtime));
      outcomes.push(vars);
    });
    const vars = new Map(before);
    block.elseTemplates = this.arm(block.elseTemplates, { ...context, vars }, new ArmMark(tag.token, point.id, block.branches.length, this.runtime));
    outcomes.push(vars);
    this.merge(context.vars, outcomes);
    return tag;
  }

  // {% for item in list limit: n %}…{% else %}…{% endfor %}, and {% tablerow %}
  private forTag(tag: Tag, context: WalkContext): Template {
    const block = tag as unknown as { variable: string; collection: Token; templates: Template[]; elseTemplates?: Template[]; hash?: { hash: Record<string, Token | undefined> }; args?: { hash: Record<string, Token | undefined> } };
    const written = `${tag.name} ${tag.token.args}`.trim();
    const table = tag.name === 'tablerow';
    const point = this.branchPoint(tag, context, table ? [written] : [written, 'else (no items)']);
    const reads = this.reads(block.collection, 'iteration', 'loop', context);
    for (const token of Object.values((block.hash ?? block.args)?.hash ?? {})) if (token) reads.push(...this.reads(token, 'condition', 'value', context));
    aroundRender(tag, { before: (ctx) => recordReads(this.runtime, reads, ctx) });
    const item = extendBinding(this.bindingOf(block.collection, context), [undefined]);
    const locals = new Map<string, Binding>([[block.variable, TypeGuards.isRangeToken(block.collection) ? NONE : item]]);
    const before = new Map(context.vars);
    const body = new Map(before);
    block.templates = this.arm(block.templates, { ...context, vars: body, locals: [...context.locals, locals] }, new ArmMark(tag.token, point.id, 0, this.runtime));
    const outcomes = [before, body];
    if (!table) {
      const otherwise = new Map(before);
      block.elseTemplates = this.arm(block.elseTemplates ?? [], { ...context, vars: otherwise }, new ArmMark(tag.token, point.id, 1, this.runtime));
      outcomes.push(otherwise);
    }
    this.merge(context.vars, outcomes);
    return tag;
  }

  /** After a branch: a variable may hold what any arm left in it. */
  private merge(into: Map<string, Binding>, outcomes: readonly Map<string, Binding>[]): void {
    const names = new Set(outcomes.flatMap((vars) => [...vars.keys()]));
    for (const name of names) {
      const sites = new Map<number, Site>();
      let frame = 0;
      for (const vars of outcomes) {
        const binding = vars.get(name);
        if (binding?.kind !== 'variable') continue;
        frame = binding.frame;
        for (const site of binding.sites) sites.set(site.id, site);
      }
      if (sites.size > 0) into.set(name, { kind: 'variable', name, frame, sites: [...sites.values()] });
      else {
        const other = outcomes.map((vars) => vars.get(name)).find((binding) => binding !== undefined);
        if (other) into.set(name, other);
      }
    }
  }

  // {% assign name = value | filters %}: a site of the variable, an alias of a bare path or derived from what went in.
  private assignTag(tag: Tag, context: WalkContext): Template {
    const assign = tag as unknown as { key: string; value: Value };
    const value = assign.value;
    const [only] = value.initial.postfix;
    const narrowing = value.filters.every((filter) => NARROWING_FILTERS.has(filter.name));
    let siteValue: Site['value'];
    if (value.initial.postfix.length === 1 && only && TypeGuards.isPropertyAccessToken(only) && narrowing) {
      const itemOf = value.filters.some((filter) => filter.name === 'first' || filter.name === 'last');
      siteValue = { kind: 'alias', binding: this.bindingOf(only, context), rest: itemOf ? ['[]'] : [] };
    } else {
      siteValue = { kind: 'derived', sources: this.printed(value, { ...context, capture: undefined }).map((found) => found.source) };
    }
    const site: Site = { id: this.nextSiteId, value: siteValue, consentGuards: context.consentGuards };
    this.nextSiteId += 1;
    context.vars.set(assign.key, { kind: 'variable', name: assign.key, frame: context.frame, sites: [site] });
    const runtime = this.runtime;
    const frame = context.frame;
    aroundRender(tag, { after: () => runtime.frames[frame]?.set(assign.key, { site: site.id }) });
    return tag;
  }

  // {% capture name %}…{% endcapture %}: a site whose sources are what its body prints.
  private captureTag(tag: Tag, context: WalkContext): Template {
    const capture = tag as unknown as { variable: string; templates: Template[] };
    const sources: Source[] = [];
    capture.templates = this.templates(capture.templates, { ...context, capture: sources });
    const site: Site = { id: this.nextSiteId, value: { kind: 'derived', sources }, consentGuards: context.consentGuards };
    this.nextSiteId += 1;
    context.vars.set(capture.variable, { kind: 'variable', name: capture.variable, frame: context.frame, sites: [site] });
    const runtime = this.runtime;
    const frame = context.frame;
    aroundRender(tag, {
      start: () => {
        runtime.captures.push(sources.map(() => false));
      },
      after: () => {
        runtime.frames[frame]?.set(capture.variable, { site: site.id, missing: runtime.captures[runtime.captures.length - 1] });
      },
      always: () => {
        runtime.captures.pop();
      },
    });
    return tag;
  }

  // {% render 'name', key: value %} and {% include 'name' %}: the partial's own copy, walked with its parameters.
  private partialTag(tag: Tag, context: WalkContext): Template {
    const call = tag as unknown as {
      file: unknown;
      hash: { hash: Record<string, Token | undefined> };
      with?: { value: Token; alias?: string };
      forBinding?: { value: Token; alias?: string };
      withVar?: Token;
    };
    const range = this.range(tag.token, context);
    if (typeof call.file !== 'string') {
      this.problem('no-missing-partial', 'a dynamic partial name cannot be traced; its content is not checked', range);
      return new Nothing(tag.token);
    }
    const name = call.file;
    const file = this.findPartial(name);
    if (!file) {
      this.problem('no-missing-partial', `partial \`${name}\` was not found`, range, name);
      return new Nothing(tag.token);
    }
    const render = tag.name === 'render';
    const params = new Map<string, Binding>();
    for (const [key, token] of Object.entries(call.hash.hash)) params.set(key, this.bindingOf(token, context));
    if (call.with) params.set(call.with.alias ?? name, this.bindingOf(call.with.value, context));
    if (call.withVar) params.set(name, this.bindingOf(call.withVar, context));
    const reads: Read[] = [];
    if (call.forBinding) {
      params.set(call.forBinding.alias ?? name, extendBinding(this.bindingOf(call.forBinding.value, context), [undefined]));
      reads.push(...this.reads(call.forBinding.value, 'iteration', 'loop', context));
    }
    const inner: WalkContext = render
      ? { ...context, frame: context.frame + 1, locals: [params], vars: new Map(), isolated: true }
      : { ...context, locals: [...context.locals, params] };
    const templates = this.partialBody(file, name, inner, range);
    if (!templates) return new Nothing(tag.token);
    // liquidjs's own render and include run, and are handed this call's copy instead of reading a file.
    tag.liquid = Object.create(this.liquid, { _parsePartialFile: { value: () => templates } }) as Liquid;
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
    this.partialTemplates.set(tag, templates);
    return tag;
  }

  private findPartial(name: string): PartialFile | undefined {
    return liquidPartial(this.options.partials, name);
  }

  /** A partial's templates for one call site, walked in the caller's context. */
  private partialBody(file: PartialFile, name: string, context: WalkContext, call: SourceRange): Template[] | undefined {
    if (context.unguarded.has(file.file)) {
      this.problem('render-error', `\`${name}\` includes itself with no condition or loop that could stop it: the email can never render (Liquid recurses until it runs out of stack)`, call, name);
      return undefined;
    }
    if (context.partialDepth >= MAX_PARTIAL_DEPTH) return undefined;
    if (this.copies >= MAX_PARTIAL_COPIES) {
      if (!this.tooManyCopies) {
        this.tooManyCopies = true;
        this.problem('render-error', `partials include one another more than ${MAX_PARTIAL_COPIES} times: the email would not render in reasonable time, and the rest is not checked`, call);
      }
      return undefined;
    }
    this.copies += 1;
    const unit: Unit = { file: file.file, source: file.source };
    this.partialTexts.set(file.file, unit);
    const templates = this.parseUnit(unit, context.kind);
    if (!templates) return undefined;
    return this.templates(templates, { ...context, unit, fixed: undefined, partialDepth: context.partialDepth + 1, unguarded: new Set([...context.unguarded, file.file]) });
  }

  // {% layout 'name' %}: a layout file is not followed; the template's own content is still checked.
  private layoutTag(tag: Tag, context: WalkContext): Template[] {
    const layout = tag as unknown as { templates: Template[] };
    this.problem('no-missing-partial', 'the `layout` tag is not followed: the layout file is not checked', this.range(tag.token, context));
    return this.templates(layout.templates, context);
  }

  // {% cycle a, b %}: prints one of its values each time.
  private cycleTag(tag: Tag, context: WalkContext): Template {
    const candidates = (tag as unknown as { candidates: Token[] }).candidates;
    const found = candidates.flatMap((token) => this.evaluated(token, 'print', context).flatMap((item) => item.found));
    return this.printedBy(tag, found, context);
  }

  /** Where a value with these sources is printed: uses of their own, or sources of the capture it is inside. */
  private printSite(found: Found[], context: WalkContext): PrintSite {
    const site: PrintSite = { candidates: [], mode: context.kind === 'text' ? 'text' : 'html' };
    if (context.capture) {
      site.capture = { offset: context.capture.length, count: found.length };
      context.capture.push(...found.map((item) => item.source));
    } else {
      site.candidates = found.map((item) => this.candidate(item, context));
    }
    return site;
  }

  /** A tag whose output is printed through the trace as one value. */
  private printedBy(tag: Tag, found: Found[], context: WalkContext): Template {
    const site = this.printSite(found, context);
    const render = tag.render.bind(tag);
    const runtime = this.runtime;
    const liquid = this.liquid;
    tag.render = function* (ctx, emitter) {
      const text = (yield liquid.renderer.renderTemplates([{ token: tag.token, render }], ctx)) as string;
      printTraced(runtime, site, withoutMarkerCharacters(text), emitter);
    };
    return tag;
  }

  // Braze's connected_content and catalog_items: the request's values are read (they leave for another company).
  private fetchedTag(tag: FetchedDataTag, context: WalkContext): Template {
    const reads = tag.request.flatMap((template) => {
      const value = (template as unknown as { value?: Value }).value;
      if (!TypeGuards.isOutputToken(template.token) || !value) return [];
      const inner = writtenAt(template.token) ? { ...context, fixed: writtenAt(template.token) } : context;
      return this.printed(value, inner).map((found) => ({ token: found.token, kind: 'value' as const, candidates: [this.candidate({ ...found, kind: 'helper-arg', helper: tag.name }, inner)] }));
    });
    // The response: a path of its own into what the profile may hold under that name, from a third party.
    if (tag.saves) context.vars.set(tag.saves, { kind: 'data', segments: [tag.saves], fetched: true });
    aroundRender(tag, { before: (ctx) => recordReads(this.runtime, reads, ctx) });
    return tag;
  }

  // A tag liquidjs does not know: it behaves as its kind says (settings `helpers`), else passes its arguments on.
  private standIn(tag: StandInTag, context: WalkContext): Template {
    const declared = this.helpers.get(tag.name) ?? DIALECT_TAG_KINDS.get(tag.name);
    if (!declared && !isBuiltInTag(tag.name)) {
      this.problem('no-unknown-helper', `unknown tag \`${tag.name}\`: ${tag.block ? 'its arguments are treated as a condition' : 'its arguments are treated as printed'}`, this.range(tag.token, context), tag.name);
    }
    const args = declared === 'no-data' ? [] : tag.argumentTokens();
    const runtime = this.runtime;
    const liquid = this.liquid;
    if (!tag.block) {
      const site = this.printSite(args.flatMap((token) => this.evaluated(token, 'helper-arg', context, tag.name).flatMap((item) => item.found)), context);
      tag.render = function* (ctx, emitter) {
        const values: string[] = [];
        for (const token of args) values.push(printedText(yield evalValue(token, ctx)));
        printTraced(runtime, site, withoutMarkerCharacters(values.join(' ')), emitter);
      };
      return tag;
    }
    const point = this.branchPoint(tag, context, [`${tag.name} ${tag.token.args}`.trim(), 'else']);
    const reads = args.flatMap((token) => this.reads(token, 'condition', 'value', context));
    const before = new Map(context.vars);
    const body = new Map(before);
    tag.templates = this.arm(tag.templates, { ...context, vars: body }, new ArmMark(tag.token, point.id, 0, this.runtime));
    const otherwise = new Map(before);
    tag.elseTemplates = this.arm(tag.elseTemplates ?? [], { ...context, vars: otherwise }, new ArmMark(tag.token, point.id, 1, this.runtime));
    this.merge(context.vars, [before, body, otherwise]);
    const first = args[0];
    tag.render = function* (ctx, emitter) {
      yield* recordReads(runtime, reads, ctx);
      const shown = declared !== 'condition' || (first !== undefined && !isMissingFor('truthy', yield evalValue(first, ctx)));
      yield liquid.renderer.renderTemplates(shown ? tag.templates : (tag.elseTemplates ?? []), ctx, emitter);
    };
    return tag;
  }

  /** Make the branch point a tag starts; a partial's copies share theirs. */
  private branchPoint(tag: Tag, context: WalkContext, arms: string[]): BranchPoint {
    const range = this.range(tag.token, context);
    const where = `${range.file}:${range.start.line}:${range.start.column}`;
    let point = this.branchPoints.get(where);
    if (!point) {
      point = { id: this.branchPoints.size + 1, kind: tag.name, range, arms };
      this.branchPoints.set(where, point);
    }
    return point;
  }

  /** A condition as written (`customer.tier == "gold"`), from its tokens. */
  private valueText(value: Value, context: WalkContext): string | undefined {
    const tokens: Token[] = [...value.initial.postfix, ...value.filters.map((filter) => (filter as unknown as { token: Token }).token)];
    if (tokens.length === 0) return undefined;
    const begin = Math.min(...tokens.map((token) => token.begin));
    const end = Math.max(...tokens.map((token) => token.end));
    const input = tokens[0]?.input ?? context.unit.source.text;
    return input.slice(begin, end).trim();
  }

  private addUse(found: Found, context: WalkContext): TokenUse {
    const use: TokenUse = {
      id: this.nextUseId,
      field: segmentsToFieldPath(found.source.segments),
      kind: found.kind,
      section: context.section,
      expression: found.token.getText(),
      range: this.range(found.token, context),
    };
    const guards = [...new Set([...context.consentGuards, ...found.source.consentGuards])];
    if (guards.length > 0) use.consentGuards = guards;
    if (context.arms.length > 0) use.arms = context.arms;
    if (found.helper) use.helper = found.helper;
    if (found.source.fetched) use.fetched = true;
    this.nextUseId += 1;
    this.uses.push(use);
    return use;
  }

  private range(token: Token, context: WalkContext): SourceRange {
    if (context.fixed) return this.offsets(context.unit, context.fixed.begin, context.fixed.end);
    return this.offsets(context.unit, token.begin, token.end);
  }

  private offsets(unit: Unit, begin: number, end: number): SourceRange {
    return { file: unit.file, start: positionAt(unit.source, begin), end: positionAt(unit.source, end) };
  }

  private problem(ruleId: TemplateProblem['ruleId'], message: string, range: SourceRange, subject?: string): void {
    addProblem(this.problems, { ruleId, message, range, subject });
  }
}

/** Filters that keep a list a list of the same items (or pick one): an assignment through them is still an alias. */
const NARROWING_FILTERS: ReadonlySet<string> = new Set(['first', 'last', 'where', 'where_exp', 'reject', 'reject_exp', 'sort', 'sort_natural', 'reverse', 'uniq', 'compact', 'slice']);

type ExpressionNode = { kind: 'operand'; token: Token } | { kind: 'operator'; operator: string; operands: ExpressionNode[] };

/** The postfix tokens of a Liquid expression as a tree: which operator consumes which operand. */
function expressionTree(postfix: readonly Token[]): ExpressionNode | undefined {
  const stack: ExpressionNode[] = [];
  for (const token of postfix) {
    if (TypeGuards.isOperatorToken(token)) {
      const operator = (token as unknown as { operator: string }).operator;
      const arity = operator === 'not' ? 1 : 2;
      const operands = stack.splice(Math.max(0, stack.length - arity), arity);
      stack.push({ kind: 'operator', operator, operands });
    } else {
      stack.push({ kind: 'operand', token });
    }
  }
  return stack[stack.length - 1];
}

function conjuncts(node: ExpressionNode | undefined): ExpressionNode[] {
  if (!node) return [];
  if (node.kind === 'operator' && node.operator === 'and') return node.operands.flatMap(conjuncts);
  return [node];
}

function* evalValue(token: Token, ctx: Context): Generator<unknown, unknown, unknown> {
  return yield evalToken(token as Parameters<typeof evalToken>[0], ctx, true);
}
