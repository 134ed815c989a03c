import { Tag, TypeGuards, type Liquid, type Template, type Token, type Value } from 'liquidjs';
import { segmentsToFieldPath } from '../../model/datamap.js';
import type { SourceRange } from '../../model/location.js';
import type { HelperKind } from '../../model/settings.js';
import type { Section, UseKind } from '../../model/vocabulary.js';
import { parseDirective, type Directive } from '../directives.js';
import { htmlCommentDirectives } from '../html-directives.js';
import type { BranchPoint, PrepareOptions, TemplateAnalysis } from '../language.js';
import type { TemplateKind, TemplateSource } from '../source.js';
import { positionAt } from '../text-offsets.js';
import { addProblem, type TemplateProblem, type TokenUse } from '../uses.js';
import { FetchedDataTag, writtenAt } from './braze.js';
import { consentPurposeOf } from './consent.js';
import { DIALECT_TAG_KINDS, FALLBACK_FILTER, isBuiltInFilter, isBuiltInTag } from './known-filters.js';
import { parseUnits, type ParsedUnit, type Unit } from './parse.js';
import { expandPartials, type PartialCall, type PartialCopy, type PartialExpansion } from './partial-expansion.js';
import { extendBinding, NONE, sourcesOf, type Binding, type Site, type Source } from './scope.js';
import { installStandInTags, standInFilter, StandInTag } from './stand-ins.js';
import { createLiquid } from './environment.js';
import type { Candidate, PrintSite, Read } from './trace-nodes.js';
import { emptyTracePlan, type TracePlan } from './trace-plan.js';
import type { LiquidReadKind } from './truthiness.js';

/**
 * What a Liquid template reads, found without changing liquidjs's templates: the analysis
 * every language gives the engine (but its outline, laid out from the instrumented
 * templates), every path resolved to a field, and what the instrumentation needs.
 */
export interface LiquidReading extends Omit<TemplateAnalysis, 'outline'> {
  /**
   * Every path resolved to a field, where it is written: the uses' paths, and also those
   * that only pass a value on (an assignment's value, a partial's parameter, a value
   * printed into a capture), which are uses only where the value is read in turn.
   */
  paths: { field: string; range: SourceRange }[];
  /** The engine the sections and copies were parsed with; the render runs on it. */
  liquid: Liquid;
  sections: readonly ParsedUnit[];
  expansion: PartialExpansion;
  plan: TracePlan;
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

/**
 * Read a Liquid template: parse its sections with a Liquid engine of its own, give each
 * partial call its copy (partial-expansion.ts), then find every field it reads (through
 * loops, variables, captures and partials with their parameters), its problems,
 * directives, consent guards and branch points, and the plan of what the render must
 * trace. liquidjs's templates and the partials' copies are only read.
 */
export function analyseLiquid(source: TemplateSource, options: PrepareOptions): LiquidReading {
  const liquid = liquidFor(options.helpers ?? new Map());
  const sections = parseUnits(liquid, source);
  const expansion = expandPartials(liquid, sections, options.partials);
  return new LiquidReader(source, liquid, sections, expansion, options).run();
}

/** A Liquid engine for one template: unknown tags stand in, declared filters behave as their kind says. */
function liquidFor(helpers: ReadonlyMap<string, HelperKind>): Liquid {
  const liquid = createLiquid();
  installStandInTags(liquid);
  // Undeclared filters pass their input on (liquidjs's own default when not strict).
  for (const [name, kind] of helpers) if (!isBuiltInFilter(name)) liquid.registerFilter(name, standInFilter(kind));
  return liquid;
}

class LiquidReader {
  private readonly uses: TokenUse[] = [];
  private readonly paths = new Map<string, { field: string; range: SourceRange }>();
  private readonly problems: TemplateProblem[] = [];
  private readonly directives = new Map<string, Directive>();
  private readonly consentGuards = new Set<string>();
  private readonly branchPoints = new Map<string, BranchPoint>();
  private readonly plan = emptyTracePlan();
  private readonly helpers: ReadonlyMap<string, HelperKind>;
  private readonly known: (segments: readonly string[]) => boolean;
  private nextUseId = 1;
  private nextSiteId = 1;

  constructor(
    private readonly source: TemplateSource,
    private readonly liquid: Liquid,
    private readonly sections: readonly ParsedUnit[],
    private readonly expansion: PartialExpansion,
    options: PrepareOptions,
  ) {
    this.known = options.known ?? (() => false);
    this.helpers = options.helpers ?? new Map();
  }

  run(): LiquidReading {
    for (const { section, kind, unit, parsed } of this.sections) {
      if (!parsed.ok) {
        this.parseError({ ruleId: 'parse-error', message: parsed.message, range: { file: unit.file, start: parsed.position, end: parsed.position }, language: 'liquid' });
        continue;
      }
      this.readDirectives(unit, kind, parsed);
      const context: WalkContext = { section, kind, unit, frame: 0, locals: [], vars: new Map(), isolated: false, consentGuards: [], arms: [] };
      this.templates(parsed.templates, context);
    }
    const texts = [...this.sections.map(({ unit }) => ({ file: this.source.file, source: unit.source })), ...this.expansion.texts];
    return {
      source: this.source,
      uses: this.uses,
      problems: this.problems,
      directives: [...this.directives.values()],
      texts,
      consentGuards: this.consentGuards,
      branches: [...this.branchPoints.values()],
      paths: [...this.paths.values()],
      liquid: this.liquid,
      sections: this.sections,
      expansion: this.expansion,
      plan: this.plan,
    };
  }

  /** A section's or a partial's directives (in HTML and MJML, its HTML comments too). */
  private readDirectives(unit: Unit, kind: TemplateKind, parsed: PartialCopy['parsed']): void {
    const directives = parsed.comments.flatMap((comment) => parseDirective(comment.text, this.offsets(unit, comment.begin, comment.end)) ?? []);
    if (kind !== 'text') directives.push(...htmlCommentDirectives(unit.source, unit.file, parsed.literals));
    // A partial included twice holds its directives once.
    for (const directive of directives) this.directives.set(`${directive.range.file}:${directive.range.start.line}:${directive.range.start.column}`, directive);
  }

  /** A parse error is reported once, where it fails (a partial called twice). */
  private parseError(problem: TemplateProblem): void {
    addProblem(this.problems, problem);
  }

  private templates(templates: readonly Template[], context: WalkContext): void {
    for (const template of templates) this.template(template, context);
  }

  /** An arm of a block, walked knowing the arm a recipient takes to get there. */
  private arm(templates: readonly Template[], context: WalkContext, branch: number, arm: number): void {
    this.templates(templates, { ...context, arms: [...context.arms, `${branch}:${arm}`] });
  }

  private template(template: Template, context: WalkContext): void {
    const token = template.token;
    const written = writtenAt(token);
    const inner = written ? { ...context, fixed: written } : context;
    if (TypeGuards.isHTMLToken(token)) this.text(template, inner);
    else if (TypeGuards.isOutputToken(token)) this.output(template, (template as unknown as { value: Value }).value, inner);
    else if (TypeGuards.isTagToken(token) && template instanceof Tag) this.tag(template, inner);
  }

  // Text between tags: in MJML, <mj-include> is read as a partial.
  private text(template: Template, context: WalkContext): void {
    for (const include of this.expansion.includes.get(template) ?? []) this.enterCall(include.call, context);
  }

  // {{ value | filters }} and {% echo value | filters %}
  private output(template: Template, value: Value | undefined, context: WalkContext): void {
    this.plan.steps.set(template, { kind: 'print', site: this.printSite(value ? this.printed(value, context) : [], context) });
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
    return this.evaluated(token, kind, context).flatMap((item) =>
      item.found.length === 0 ? [] : [{ token: item.token, kind: read, candidates: item.found.map((found) => this.candidate(found, context)) }],
    );
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
        if (token) reads.push(...this.reads(token, 'condition', 'value', context));
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

  private tag(tag: Tag, context: WalkContext): void {
    switch (tag.name) {
      case 'if':
      case 'unless':
        this.ifTag(tag, context);
        return;
      case 'case':
        this.caseTag(tag, context);
        return;
      case 'for':
      case 'tablerow':
        this.forTag(tag, context);
        return;
      case 'assign':
        this.assignTag(tag, context);
        return;
      case 'capture':
        this.captureTag(tag, context);
        return;
      case 'echo':
        this.output(tag, (tag as unknown as { value?: Value }).value, context);
        return;
      case 'liquid':
        this.templates((tag as unknown as { templates: Template[] }).templates, context);
        return;
      case 'render':
      case 'include':
        this.partialTag(tag, context);
        return;
      case 'layout':
        this.layoutTag(tag, context);
        return;
      case 'cycle':
        this.cycleTag(tag, context);
        return;
      case 'connected_content':
      case 'catalog_items':
        if (tag instanceof FetchedDataTag) this.fetchedTag(tag, context);
        return;
      case 'comment':
      case '#':
      case 'raw':
      case 'increment':
      case 'decrement':
      case 'break':
      case 'continue':
        return;
      default:
        if (tag instanceof StandInTag) this.standIn(tag, context);
    }
  }

  // {% if %}…{% elsif %}…{% else %}…{% endif %} and {% unless %}: one arm per branch, and the else (written or not).
  private ifTag(tag: Tag, context: WalkContext): void {
    const block = tag as unknown as { branches: { value: Value; templates: Template[] }[]; elseTemplates: Template[] | undefined };
    const unless = tag.name === 'unless';
    const labels = block.branches.map((branch, index) => `${index === 0 ? tag.name : 'elsif'} ${this.valueText(branch.value, context) ?? ''}`.trim());
    const point = this.branchPoint(tag, context, [...labels, 'else']);
    this.plan.steps.set(tag, { kind: 'branches', branch: point.id, whenReads: [] });
    const before = new Map(context.vars);
    const outcomes: Map<string, Binding>[] = [];
    const guardsOfElse: string[] = [];
    block.branches.forEach((branch, index) => {
      // The test of an `elsif` is read by those who took no earlier arm: named by its own arm, as in Handlebars.
      const tested = index === 0 ? context : { ...context, arms: [...context.arms, `${point.id}:${index}`] };
      const { reads, consent } = this.condition(branch.value, tested);
      this.plan.conditions.set(branch.value, reads);
      for (const purpose of consent) this.consentGuards.add(purpose);
      const guarded = unless && index === 0 ? [] : consent;
      if (unless && index === 0) guardsOfElse.push(...consent);
      const vars = new Map(before);
      this.arm(branch.templates, { ...context, vars, consentGuards: [...context.consentGuards, ...guarded] }, point.id, index);
      outcomes.push(vars);
    });
    const vars = new Map(before);
    this.arm(block.elseTemplates ?? [], { ...context, vars, consentGuards: [...context.consentGuards, ...guardsOfElse] }, point.id, block.branches.length);
    outcomes.push(vars);
    this.merge(context.vars, outcomes);
  }

  // {% case value %}{% when a, b %}…{% else %}…{% endcase %}
  private caseTag(tag: Tag, context: WalkContext): void {
    const block = tag as unknown as { value: Value; branches: { values: Token[]; templates: Template[] }[]; elseTemplates: Template[] };
    const subject = this.valueText(block.value, context) ?? '';
    const labels = block.branches.map((branch) => `when ${branch.values.map((value) => value.getText()).join(', ')}`);
    const point = this.branchPoint(tag, context, [`case ${subject}: ${labels[0] ?? 'else'}`.trim(), ...labels.slice(1), 'else'].slice(0, block.branches.length + 1));
    const reads: Read[] = [];
    for (const operand of block.value.initial.postfix) reads.push(...this.reads(operand, 'condition', 'value', context));
    this.plan.conditions.set(block.value, reads);
    const whenReads = block.branches.flatMap((branch) => branch.values.flatMap((value) => this.reads(value, 'condition', 'value', context)));
    this.plan.steps.set(tag, { kind: 'branches', branch: point.id, whenReads });
    const before = new Map(context.vars);
    const outcomes: Map<string, Binding>[] = [];
    block.branches.forEach((branch, index) => {
      const vars = new Map(before);
      this.arm(branch.templates, { ...context, vars }, point.id, index);
      outcomes.push(vars);
    });
    const vars = new Map(before);
    this.arm(block.elseTemplates, { ...context, vars }, point.id, block.branches.length);
    outcomes.push(vars);
    this.merge(context.vars, outcomes);
  }

  // {% for item in list limit: n %}…{% else %}…{% endfor %}, and {% tablerow %}
  private forTag(tag: Tag, context: WalkContext): void {
    const block = tag as unknown as {
      variable: string;
      collection: Token;
      templates: Template[];
      elseTemplates?: Template[];
      hash?: { hash: Record<string, Token | undefined> };
      args?: { hash: Record<string, Token | undefined> };
    };
    const written = `${tag.name} ${tag.token.args}`.trim();
    const table = tag.name === 'tablerow';
    const point = this.branchPoint(tag, context, table ? [written] : [written, 'else (no items)']);
    const reads = this.reads(block.collection, 'iteration', 'loop', context);
    for (const token of Object.values((block.hash ?? block.args)?.hash ?? {})) if (token) reads.push(...this.reads(token, 'condition', 'value', context));
    this.plan.steps.set(tag, { kind: 'loop', branch: point.id, reads });
    const item = extendBinding(this.bindingOf(block.collection, context), [undefined]);
    const locals = new Map<string, Binding>([[block.variable, TypeGuards.isRangeToken(block.collection) ? NONE : item]]);
    const before = new Map(context.vars);
    const body = new Map(before);
    this.arm(block.templates, { ...context, vars: body, locals: [...context.locals, locals] }, point.id, 0);
    const outcomes = [before, body];
    if (!table) {
      const otherwise = new Map(before);
      this.arm(block.elseTemplates ?? [], { ...context, vars: otherwise }, point.id, 1);
      outcomes.push(otherwise);
    }
    this.merge(context.vars, outcomes);
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
  private assignTag(tag: Tag, context: WalkContext): void {
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
    this.plan.steps.set(tag, { kind: 'assign', frame: context.frame, variable: assign.key, site: site.id });
  }

  // {% capture name %}…{% endcapture %}: a site whose sources are what its body prints.
  private captureTag(tag: Tag, context: WalkContext): void {
    const capture = tag as unknown as { variable: string; templates: Template[] };
    const sources: Source[] = [];
    this.templates(capture.templates, { ...context, capture: sources });
    const site: Site = { id: this.nextSiteId, value: { kind: 'derived', sources }, consentGuards: context.consentGuards };
    this.nextSiteId += 1;
    context.vars.set(capture.variable, { kind: 'variable', name: capture.variable, frame: context.frame, sites: [site] });
    this.plan.steps.set(tag, { kind: 'capture', frame: context.frame, variable: capture.variable, site: site.id, sources: sources.length });
  }

  // {% render 'name', key: value %} and {% include 'name' %}: the partial's own copy, read with its parameters.
  private partialTag(tag: Tag, context: WalkContext): void {
    const call = this.expansion.calls.get(tag);
    if (!call) throw new Error('a partial call the expansion did not meet');
    if (call.kind === 'unresolved') {
      this.report(call.problems);
      return;
    }
    const given = tag as unknown as {
      hash: { hash: Record<string, Token | undefined> };
      with?: { value: Token; alias?: string };
      forBinding?: { value: Token; alias?: string };
      withVar?: Token;
    };
    const name = call.name;
    const render = tag.name === 'render';
    const params = new Map<string, Binding>();
    for (const [key, token] of Object.entries(given.hash.hash)) params.set(key, this.bindingOf(token, context));
    if (given.with) params.set(given.with.alias ?? name, this.bindingOf(given.with.value, context));
    if (given.withVar) params.set(name, this.bindingOf(given.withVar, context));
    const reads: Read[] = [];
    if (given.forBinding) {
      params.set(given.forBinding.alias ?? name, extendBinding(this.bindingOf(given.forBinding.value, context), [undefined]));
      reads.push(...this.reads(given.forBinding.value, 'iteration', 'loop', context));
    }
    const inner: WalkContext = render
      ? { ...context, frame: context.frame + 1, locals: [params], vars: new Map(), isolated: true }
      : { ...context, locals: [...context.locals, params] };
    if (this.enterCall(call, inner)) this.plan.steps.set(tag, { kind: 'partial', reads, render });
  }

  /** Read a partial's copy for this call, or report why there is none; whether there was one. */
  private enterCall(call: PartialCall, context: WalkContext): boolean {
    if (call.kind === 'unresolved') {
      this.report(call.problems);
      return false;
    }
    if (call.refused) this.report([call.refused]);
    if (call.parseError) this.parseError(call.parseError);
    if (!call.copy) return false;
    const { unit, parsed } = call.copy;
    this.readDirectives(unit, context.kind, parsed);
    this.templates(parsed.templates, { ...context, unit, fixed: undefined });
    return true;
  }

  // {% layout 'name' %}: a layout file is not followed; the template's own content is still checked.
  private layoutTag(tag: Tag, context: WalkContext): void {
    const layout = tag as unknown as { templates: Template[] };
    this.problem('no-missing-partial', 'the `layout` tag is not followed: the layout file is not checked', this.range(tag.token, context));
    this.templates(layout.templates, context);
  }

  // {% cycle a, b %}: prints one of its values each time.
  private cycleTag(tag: Tag, context: WalkContext): void {
    const candidates = (tag as unknown as { candidates: Token[] }).candidates;
    const found = candidates.flatMap((token) => this.evaluated(token, 'print', context).flatMap((item) => item.found));
    this.plan.steps.set(tag, { kind: 'print-tag', site: this.printSite(found, context) });
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

  // Braze's connected_content and catalog_items: the request's values are read (they leave for another company).
  private fetchedTag(tag: FetchedDataTag, context: WalkContext): void {
    const reads = tag.request.flatMap((template) => {
      const value = (template as unknown as { value?: Value }).value;
      if (!TypeGuards.isOutputToken(template.token) || !value) return [];
      const inner = writtenAt(template.token) ? { ...context, fixed: writtenAt(template.token) } : context;
      return this.printed(value, inner).map((found) => ({
        token: found.token,
        kind: 'value' as const,
        candidates: [this.candidate({ ...found, kind: 'helper-arg', helper: tag.name }, inner)],
      }));
    });
    // The response: a path of its own into what the profile may hold under that name, from a third party.
    if (tag.saves) context.vars.set(tag.saves, { kind: 'data', segments: [tag.saves], fetched: true });
    this.plan.steps.set(tag, { kind: 'fetched', reads });
  }

  // A tag liquidjs does not know: it behaves as its kind says (settings `helpers`), else passes its arguments on.
  private standIn(tag: StandInTag, context: WalkContext): void {
    const declared = this.helpers.get(tag.name) ?? DIALECT_TAG_KINDS.get(tag.name);
    if (!declared && !isBuiltInTag(tag.name)) {
      this.problem(
        'no-unknown-helper',
        `unknown tag \`${tag.name}\`: ${tag.block ? 'its arguments are treated as a condition' : 'its arguments are treated as printed'}`,
        this.range(tag.token, context),
        tag.name,
      );
    }
    const args = declared === 'no-data' ? [] : tag.argumentTokens();
    if (!tag.block) {
      const site = this.printSite(
        args.flatMap((token) => this.evaluated(token, 'helper-arg', context, tag.name).flatMap((item) => item.found)),
        context,
      );
      this.plan.steps.set(tag, { kind: 'stand-in', site, args });
      return;
    }
    const point = this.branchPoint(tag, context, [`${tag.name} ${tag.token.args}`.trim(), 'else']);
    const reads = args.flatMap((token) => this.reads(token, 'condition', 'value', context));
    this.plan.steps.set(tag, { kind: 'stand-in-block', branch: point.id, reads, args, declared });
    const before = new Map(context.vars);
    const body = new Map(before);
    this.arm(tag.templates, { ...context, vars: body }, point.id, 0);
    const otherwise = new Map(before);
    this.arm(tag.elseTemplates ?? [], { ...context, vars: otherwise }, point.id, 1);
    this.merge(context.vars, [before, body, otherwise]);
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

  /** Problems the expansion met at a call, reported where the analysis meets the call. */
  private report(problems: readonly TemplateProblem[]): void {
    for (const problem of problems) addProblem(this.problems, problem);
  }
}

/** Filters that keep a list a list of the same items (or pick one): an assignment through them is still an alias. */
const NARROWING_FILTERS: ReadonlySet<string> = new Set([
  'first',
  'last',
  'where',
  'where_exp',
  'reject',
  'reject_exp',
  'sort',
  'sort_natural',
  'reverse',
  'uniq',
  'compact',
  'slice',
]);

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
