import { segmentsToFieldPath } from '../../model/datamap.js';
import type { SourceRange } from '../../model/location.js';
import type { Section, UseKind } from '../../model/vocabulary.js';
import type { HelperKind } from '../../model/settings.js';
import { isBuiltInHelper } from './known-helpers.js';
import { parseDirective, type Directive } from '../directives.js';
import { htmlCommentDirectives } from '../html-directives.js';
import { literalSpans } from './literal-spans.js';
import { parseSections, toFilePosition, type ParsedSection, type Program } from './parse.js';
import { expandPartials, type PartialCall, type PartialCopy, type PartialExpansion } from './partial-expansion.js';
import { resolvePath, type Binding, type Frame, type KnownPath, type ScopeState } from './scope.js';
import type { SourceText, TemplateKind, TemplateSource } from '../source.js';
import type { BranchPoint, PrepareOptions, TemplateAnalysis } from '../language.js';
import type { ReadKind } from './trace-nodes.js';
import { emptyTracePlan, type TracePlan } from './trace-plan.js';
import { addProblem, type TemplateProblem, type TokenUse } from '../uses.js';
import { hashPairs, inverseOf, programOf } from './ast.js';

export type AnalyseOptions = PrepareOptions;

/**
 * What a Handlebars template reads, found without changing it: the analysis every
 * language gives the engine (but its outline, which is laid out from the instrumented
 * programs), and what the instrumentation needs to trace it at render time.
 */
export interface HandlebarsReading extends Omit<TemplateAnalysis, 'outline'> {
  /** Each text as parsed, in order; the instrumentation rewrites these programs. */
  sections: readonly ParsedSection[];
  expansion: PartialExpansion;
  plan: TracePlan;
}

interface WalkContext {
  section: Section;
  kind: TemplateKind;
  file: string;
  source: SourceText;
  frames: Frame[];
  blockParams: ReadonlyMap<string, Binding>[];
  /** Purposes of the enclosing `{{#ifConsent}}` blocks. */
  consentGuards: readonly string[];
  /** The branch arms (`branch id:arm`) a recipient must take to get here, outermost first. */
  arms: readonly string[];
}

/**
 * Read a Handlebars template: every field it reads (with its scope followed through
 * `#each`, `#with`, block params, sections and partials), its problems, directives,
 * consent guards and branch points. The parsed programs and the partials' copies are
 * only read, never changed.
 */
export function analyseTemplate(source: TemplateSource, options: AnalyseOptions): HandlebarsReading {
  const sections = parseSections(source);
  const expansion = expandPartials(source.file, sections, options.partials);
  return new TemplateReader(source, sections, expansion, options).run();
}

class TemplateReader {
  private readonly uses: TokenUse[] = [];
  private readonly problems: TemplateProblem[] = [];
  private readonly directives = new Map<string, Directive>();
  /** Files whose HTML comments have been read for directives. */
  private readonly htmlRead = new Set<string>();
  private readonly consentGuards = new Set<string>();
  private readonly known: KnownPath;
  private readonly plan = emptyTracePlan();
  private nextUseId = 1;
  /** Branch points by where they are written: a partial's copies share theirs. */
  private readonly branchPoints = new Map<string, BranchPoint>();
  /** Blocks met as the `{{else …}}` of a chain: the branch point they belong to and their arm. */
  private readonly chainMembers = new WeakMap<hbs.AST.BlockStatement, { point: BranchPoint; arm: number }>();

  constructor(
    private readonly source: TemplateSource,
    private readonly sections: readonly ParsedSection[],
    private readonly expansion: PartialExpansion,
    private readonly options: AnalyseOptions,
  ) {
    this.known = options.known ?? (() => false);
  }

  run(): HandlebarsReading {
    for (const { section, kind, source, parsed } of this.sections) {
      if (!parsed.ok) {
        this.problem('parse-error', parsed.message, { file: this.source.file, start: parsed.position, end: parsed.position });
        continue;
      }
      if (section === 'body') this.htmlDirectives(this.source.file, source, parsed.program, kind);
      this.program(parsed.program, {
        section,
        kind,
        file: this.source.file,
        source,
        frames: [{ kind: 'context', base: [] }],
        blockParams: [],
        consentGuards: [],
        arms: [],
      });
    }
    const texts = [...this.sections.map(({ source }) => ({ file: this.source.file, source })), ...this.expansion.texts];
    return {
      source: this.source,
      uses: this.uses,
      problems: this.problems,
      directives: [...this.directives.values()],
      texts,
      consentGuards: this.consentGuards,
      branches: [...this.branchPoints.values()],
      sections: this.sections,
      expansion: this.expansion,
      plan: this.plan,
    };
  }

  private program(program: Program | undefined, context: WalkContext): void {
    if (!program) return;
    for (const statement of program.body) this.statement(statement, context);
  }

  private statement(statement: hbs.AST.Statement, context: WalkContext): void {
    switch (statement.type) {
      case 'MustacheStatement':
        this.mustache(statement as hbs.AST.MustacheStatement, context);
        return;
      case 'BlockStatement':
        this.block(statement as hbs.AST.BlockStatement, context);
        return;
      case 'PartialStatement':
      case 'PartialBlockStatement':
        this.partial(statement as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, context);
        return;
      case 'ContentStatement':
        this.content(statement as hbs.AST.ContentStatement, context);
        return;
      case 'CommentStatement':
        this.comment(statement as hbs.AST.CommentStatement, context);
        return;
      default:
        // Decorators and inline-partial definitions print nothing by themselves.
        return;
    }
  }

  private comment(node: hbs.AST.CommentStatement, context: WalkContext): void {
    const directive = parseDirective(node.value, this.range(node.loc, context));
    if (directive) this.addDirective(directive);
  }

  private addDirective(directive: Directive): void {
    const { range } = directive;
    // A partial included twice holds its directives once.
    this.directives.set(`${range.file}:${range.start.line}:${range.start.column}`, directive);
  }

  /** In HTML and MJML, `<!-- creeplint-disable… -->` comments in a file's literal HTML are directives too (read once per file). */
  private htmlDirectives(file: string, source: SourceText, program: Program, kind: TemplateKind): void {
    if (kind === 'text' || this.htmlRead.has(file)) return;
    this.htmlRead.add(file);
    for (const directive of htmlCommentDirectives(source, file, literalSpans(program, source))) this.addDirective(directive);
  }

  // {{path}}, {{{path}}}, {{helper args}}
  private mustache(node: hbs.AST.MustacheStatement, context: WalkContext): void {
    if (node.path.type !== 'PathExpression') return;
    const path = node.path as hbs.AST.PathExpression;
    const printKind: UseKind = node.escaped ? 'print' : 'print-raw';
    const html = context.kind !== 'text';
    if (!hasArguments(node)) {
      const binding = resolvePath(path, this.scope(context));
      if (!isField(binding)) return;
      const use = this.addUse(binding, { kind: printKind, expression: path.original, loc: node.loc, context });
      this.plan.prints.set(node, { ids: [use.id], value: 'path', html });
      return;
    }
    const name = path.original;
    if (name === 'log') return;
    const ids: number[] = [];
    if (name === 'lookup') {
      const binding = this.lookupBinding(node, context, ids);
      if (isField(binding)) {
        ids.push(this.addUse(binding, { kind: printKind, expression: describeCall(node), loc: node.loc, context }).id);
      }
    } else {
      this.helperCall(node, context, ids);
    }
    if (ids.length > 0) this.plan.prints.set(node, { ids, value: 'call', html });
  }

  // {{#if}}, {{#each}}, {{#with}}, sections {{#items}}, and block helpers
  private block(node: hbs.AST.BlockStatement, context: WalkContext): void {
    const name = node.path.original;
    if (!hasArguments(node) && !isBuiltInHelper(name)) {
      this.section(node, context);
      return;
    }
    const first = node.params[0];
    switch (name) {
      case 'if':
      case 'unless': {
        const arms = this.branch(node, context, `${name} ${conditionText(first)}`, 'else');
        if (first) this.traced(first, 'condition', arms.test, includesZero(node) ? 'if-zero' : 'if');
        this.program(node.program, arms.program);
        this.program(node.inverse, arms.inverse);
        return;
      }
      case 'each': {
        const arms = this.branch(node, context, `each ${conditionText(first)}`, 'else (no items)');
        const binding = first ? this.expressionBinding(first, context) : ({ kind: 'none' } as Binding);
        if (first) this.traced(first, 'iteration', arms.test, 'each');
        const item: Binding = binding.kind === 'data' ? { kind: 'data', segments: [...binding.segments, '[]'] } : binding;
        const inner = this.enter(arms.program, item, programOf(node)?.blockParams, [item, { kind: 'none' }]);
        this.program(node.program, inner);
        this.program(node.inverse, arms.inverse);
        return;
      }
      case 'ifConsent': {
        // {{#ifConsent "purpose"}}: the block renders only with that consent (runtime-helpers.ts).
        const purpose = first?.type === 'StringLiteral' ? (first as hbs.AST.StringLiteral).value : undefined;
        const arms = this.branch(node, context, `ifConsent ${conditionText(first)}`, 'else (no consent)');
        if (purpose !== undefined) this.consentGuards.add(purpose);
        this.program(node.program, purpose === undefined ? arms.program : { ...arms.program, consentGuards: [...context.consentGuards, purpose] });
        this.program(node.inverse, arms.inverse);
        return;
      }
      case 'with': {
        const arms = this.branch(node, context, `with ${conditionText(first)}`, 'else');
        const binding = first ? this.expressionBinding(first, context) : ({ kind: 'none' } as Binding);
        if (first && first.type !== 'PathExpression') this.traced(first, 'condition', arms.test, 'with');
        const inner = this.enter(arms.program, binding, programOf(node)?.blockParams, [binding]);
        this.program(node.program, inner);
        this.program(node.inverse, arms.inverse);
        return;
      }
      default: {
        // An unknown block helper: its arguments decide what is shown; its block keeps the context.
        const arms = this.branch(node, context, `${name} ${conditionText(first)}`.trim(), 'else');
        this.helperCall(node, arms.test, [], 'condition');
        this.program(node.program, arms.program);
        this.program(node.inverse, arms.inverse);
        return;
      }
    }
  }

  /**
   * Make the branch point a block starts (or continue the chain it is the `{{else …}}` of),
   * and plan the mark that tells the render which arm it takes. Returns the contexts to
   * walk its parts in, each knowing the arms that lead there: its test (reached by every
   * recipient who gets to this arm of the chain), its block, and its `{{else}}` (which,
   * when it is an `{{else if …}}`, is the next block of the chain).
   */
  private branch(node: hbs.AST.BlockStatement, context: WalkContext, label: string, otherwise: string): { test: WalkContext; program: WalkContext; inverse: WalkContext } {
    let member = this.chainMembers.get(node);
    if (!member) {
      const range = this.range(node.loc, context);
      const where = `${range.file}:${range.start.line}:${range.start.column}`;
      let point = this.branchPoints.get(where);
      if (!point) {
        point = { id: this.branchPoints.size + 1, kind: node.path.original, range, arms: [] };
        this.branchPoints.set(where, point);
      }
      member = { point, arm: 0 };
    }
    const { point, arm } = member;
    point.arms[arm] = arm === 0 ? label : `else ${label}`;
    const chained = (node.inverse as (hbs.AST.Program & { chained?: boolean }) | undefined)?.chained;
    const next = chained ? inverseOf(node)?.body[0] : undefined;
    const last = next?.type !== 'BlockStatement';
    if (last) point.arms[arm + 1] = otherwise;
    else this.chainMembers.set(next as hbs.AST.BlockStatement, { point, arm: arm + 1 });
    this.plan.branches.set(node, `${point.id}:${arm}:${last ? 1 : 0}`);
    const within = (key: string): WalkContext => ({ ...context, arms: [...context.arms, key] });
    return {
      // The test of an `{{else if}}` is reached by those who did not take an earlier arm: named by its own arm.
      test: arm === 0 ? context : within(`${point.id}:${arm}`),
      program: within(`${point.id}:${arm}`),
      inverse: last ? within(`${point.id}:${arm + 1}`) : context,
    };
  }

  // {{#items}}…{{/items}}: Mustache sections, resolved by Handlebars' blockHelperMissing.
  private section(node: hbs.AST.BlockStatement, context: WalkContext): void {
    const binding = resolvePath(node.path, this.scope(context));
    if (!isField(binding)) {
      this.program(node.program, context);
      this.program(node.inverse, context);
      return;
    }
    const list = [...binding.segments, '[]'];
    const kind: UseKind = this.known(list) ? 'iteration' : 'condition';
    const arms = this.branch(node, context, `#${node.path.original}`, `^${node.path.original} (else)`);
    const use = this.addUse(binding, { kind, expression: node.path.original, loc: node.path.loc, context: arms.test });
    this.plan.sections.set(node, use.id);
    const inner: WalkContext = {
      ...arms.program,
      frames: [...context.frames, { kind: 'section', list, object: binding.segments }],
    };
    this.program(node.program, inner);
    this.program(node.inverse, arms.inverse);
  }

  private partial(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, context: WalkContext): void {
    const blockProgram = node.type === 'PartialBlockStatement' ? node.program : undefined;
    // The block of {{#> layout}}…{{/layout}} runs in the caller's scope (as @partial-block or as fallback).
    this.program(blockProgram, context);
    const call = this.callOf(node);
    if (call.kind === 'partial-block') return;
    if (call.kind === 'unresolved') {
      this.report(call.problems);
      return;
    }
    const hash = new Map<string, Binding>();
    for (const pair of hashPairs(node)) hash.set(pair.key, this.expressionBinding(pair.value, context));
    const contextParam = node.params[0];
    const base = contextParam ? this.expressionBinding(contextParam, context) : this.currentBinding(context);
    const frame: Frame = { kind: 'context', base: base.kind === 'data' ? base.segments : null, hash };
    this.enterCall(call, { ...context, frames: [...context.frames, frame] });
  }

  // MJML: <mj-include path="…"> of MJML markup is read as a partial, in the including scope.
  private content(node: hbs.AST.ContentStatement, context: WalkContext): void {
    for (const include of this.expansion.includes.get(node) ?? []) {
      if (include.call.kind === 'unresolved') this.report(include.call.problems);
      else this.enterCall(include.call, context);
    }
  }

  /** Read a found partial's copy for this call, or report why there is none. */
  private enterCall(call: PartialCall & { kind: 'resolved' }, context: WalkContext): void {
    if (call.refused) this.report([call.refused]);
    if (call.copy) this.partialCopy(call.copy, context);
  }

  private partialCopy(copy: PartialCopy, context: WalkContext): void {
    this.htmlDirectives(copy.file, copy.source, copy.program, context.kind);
    this.program(copy.program, { ...context, file: copy.file, source: copy.source, blockParams: [] });
  }

  private callOf(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement): PartialCall {
    const call = this.expansion.calls.get(node);
    // The expansion walks every program the analysis walks, in the same order.
    if (!call) throw new Error('a partial call the expansion did not meet');
    return call;
  }

  /** Record the arguments of a helper call (and of nested calls) as helper-arg uses, each read traced. */
  private helperCall(
    call: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: hbs.AST.Expression[]; hash: hbs.AST.Hash },
    context: WalkContext,
    ids: number[],
    defaultKind: UseKind = 'helper-arg',
  ): void {
    const name = (call.path as hbs.AST.PathExpression).original;
    const declared = this.options.helpers?.get(name);
    if (declared === 'no-data') return;
    if (!declared && !isBuiltInHelper(name)) {
      this.problem('no-unknown-helper', `unknown helper \`${name}\`: its arguments are treated as printed`, this.range(call.path.loc, context), name);
    }
    const kind = declaredUseKind(declared, defaultKind, name);
    for (const param of call.params) this.argument(param, { helper: name, kind, context, ids });
    for (const pair of hashPairs(call)) this.argument(pair.value, { helper: name, kind, context, ids });
  }

  /**
   * Record a value an argument reads, and plan to trace the read where it is evaluated.
   * `traceItself: false` is for a value only looked at for what it binds (a lookup's key
   * inside a partial's parameter or an `each`'s list, read again where it is evaluated):
   * the calls nested in it are still traced, as they run.
   */
  private argument(
    expression: hbs.AST.Expression,
    options: { helper: string; kind: UseKind; context: WalkContext; ids: number[]; read?: ReadKind | undefined; traceItself?: boolean },
  ): void {
    const { helper, kind, context, ids } = options;
    const read = options.read ?? 'value';
    const trace = (id: number): void => {
      if (options.traceItself !== false) this.planRead(expression, id, read);
    };
    if (expression.type === 'PathExpression') {
      const path = expression as hbs.AST.PathExpression;
      const binding = resolvePath(path, this.scope(context));
      if (!isField(binding)) return;
      const use = this.addUse(binding, { kind, helper, expression: path.original, loc: path.loc, context });
      ids.push(use.id);
      trace(use.id);
      return;
    }
    if (expression.type === 'SubExpression') {
      const sub = expression as hbs.AST.SubExpression;
      if (sub.path.original === 'lookup') {
        const binding = this.lookupBinding(sub, context, ids);
        if (isField(binding)) {
          const use = this.addUse(binding, { kind, helper, expression: describeCall(sub), loc: sub.loc, context });
          ids.push(use.id);
          trace(use.id);
        }
        return;
      }
      this.helperCall(sub, context, ids, kind);
    }
  }

  /** A value used as a condition or iteration: record it, and plan to trace that it was reached. */
  private traced(expression: hbs.AST.Expression, kind: UseKind, context: WalkContext, read: ReadKind): void {
    this.argument(expression, { helper: '', kind, context, ids: [], read });
  }

  /** The same value may be read by two uses (an `each`'s list is bound, then read): each read is traced, the first outermost. */
  private planRead(expression: hbs.AST.Expression, id: number, read: ReadKind): void {
    const planned = this.plan.reads.get(expression);
    if (planned) planned.push({ id, read });
    else this.plan.reads.set(expression, [{ id, read }]);
  }

  /** `lookup obj key`: reads `obj.key` (or any member of obj when the key is not a literal). */
  private lookupBinding(call: { params: hbs.AST.Expression[] }, context: WalkContext, ids: number[], traceKey = true): Binding {
    const [target, key] = call.params;
    if (!target) return { kind: 'none' };
    const base = this.expressionBinding(target, context);
    if (base.kind === 'none') return base;
    let segment = '[]';
    if (key?.type === 'StringLiteral' || key?.type === 'NumberLiteral') {
      const value = String((key as hbs.AST.StringLiteral | hbs.AST.NumberLiteral).value);
      segment = /^\d+$/u.test(value) ? '[]' : value;
    } else if (key) {
      this.argument(key, { helper: 'lookup', kind: 'helper-arg', context, ids, traceItself: traceKey });
    }
    return { kind: 'data', segments: [...base.segments, segment] };
  }

  /**
   * The data an expression stands for, following unknown helpers as pass-through. A
   * lookup's key is recorded as a use, but traced only where the lookup is evaluated.
   */
  private expressionBinding(expression: hbs.AST.Expression, context: WalkContext): Binding {
    if (expression.type === 'PathExpression') return resolvePath(expression as hbs.AST.PathExpression, this.scope(context));
    if (expression.type === 'SubExpression') {
      const sub = expression as hbs.AST.SubExpression;
      if (sub.path.original === 'lookup') return this.lookupBinding(sub, context, [], false);
      const first = sub.params[0];
      return first ? this.expressionBinding(first, context) : { kind: 'none' };
    }
    return { kind: 'none' };
  }

  private currentBinding(context: WalkContext): Binding {
    const top = context.frames[context.frames.length - 1];
    if (!top) return { kind: 'data', segments: [] };
    if (top.kind === 'section') return { kind: 'data', segments: top.object };
    return top.base === null ? { kind: 'none' } : { kind: 'data', segments: top.base };
  }

  /** Enter a block that changes the context (`each`, `with`), binding its block params. */
  private enter(context: WalkContext, binding: Binding, names: string[] | undefined, values: Binding[]): WalkContext {
    const frame: Frame = { kind: 'context', base: binding.kind === 'data' ? binding.segments : null };
    const params = new Map<string, Binding>();
    (names ?? []).forEach((name, index) => params.set(name, values[index] ?? { kind: 'none' }));
    return {
      ...context,
      frames: [...context.frames, frame],
      blockParams: params.size > 0 ? [...context.blockParams, params] : context.blockParams,
    };
  }

  private scope(context: WalkContext): ScopeState {
    return { frames: context.frames, blockParams: context.blockParams, known: this.known };
  }

  private addUse(
    binding: Extract<Binding, { kind: 'data' }>,
    options: { kind: UseKind; helper?: string; expression: string; loc: hbs.AST.SourceLocation; context: WalkContext },
  ): TokenUse {
    const use: TokenUse = {
      id: this.nextUseId,
      field: segmentsToFieldPath(binding.segments),
      kind: options.kind,
      section: options.context.section,
      expression: options.expression,
      range: this.range(options.loc, options.context),
    };
    if (options.context.consentGuards.length > 0) use.consentGuards = [...options.context.consentGuards];
    if (options.context.arms.length > 0) use.arms = options.context.arms;
    if (options.helper) use.helper = options.helper;
    this.nextUseId += 1;
    this.uses.push(use);
    return use;
  }

  private range(loc: hbs.AST.SourceLocation, context: WalkContext): SourceRange {
    return {
      file: context.file,
      start: toFilePosition(context.source, loc.start),
      end: toFilePosition(context.source, loc.end),
    };
  }

  private problem(ruleId: TemplateProblem['ruleId'], message: string, range: SourceRange, subject?: string): void {
    addProblem(this.problems, { ruleId, message, range, subject });
  }

  /** Problems the expansion met at a call, reported where the analysis meets the call. */
  private report(problems: readonly TemplateProblem[]): void {
    for (const problem of problems) addProblem(this.problems, problem);
  }
}

/**
 * How a declared helper uses its arguments: a `format` helper prints them (transformed),
 * a `condition` helper decides with them, a `link` helper builds a URL from them (where
 * that lands is found by the render).
 */
function declaredUseKind(kind: HelperKind | undefined, fallback: UseKind, helper?: string): UseKind {
  // {{fallback field "there"}} prints the field when it has a value.
  if (helper === 'fallback') return 'print';
  if (kind === 'format') return fallback === 'condition' ? 'condition' : 'print';
  if (kind === 'condition') return 'condition';
  return fallback;
}

/** A binding that names a field (not the root context itself, not a non-data value). */
function isField(binding: Binding): binding is Extract<Binding, { kind: 'data' }> {
  return binding.kind === 'data' && binding.segments.length > 0;
}

/** A block's condition as written (`vip`, `(eq a b)`), to name its arms. */
function conditionText(expression: hbs.AST.Expression | undefined): string {
  if (!expression) return '';
  if (expression.type === 'PathExpression') return (expression as hbs.AST.PathExpression).original;
  if (expression.type === 'SubExpression') return `(${describeCall(expression as hbs.AST.SubExpression)})`;
  // A literal: Handlebars' types give its undefined and null literals no value, though they have one.
  const literal = (expression as { value?: string | number | boolean | null }).value;
  return expression.type === 'StringLiteral' ? JSON.stringify(literal) : String(literal);
}

/** `{{#if value includeZero=true}}`: 0 counts as a value. */
function includesZero(node: hbs.AST.BlockStatement): boolean {
  const pair = hashPairs(node).find((candidate) => candidate.key === 'includeZero');
  return pair?.value.type === 'BooleanLiteral' && (pair.value as hbs.AST.BooleanLiteral).value;
}

function hasArguments(node: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash | undefined }): boolean {
  return node.params.length > 0 || hashPairs(node).length > 0;
}

function describeCall(call: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: hbs.AST.Expression[] }): string {
  const name = (call.path as hbs.AST.PathExpression).original;
  const args = call.params.map((param) => {
    const value = (param as { original?: string | number | boolean | null }).original;
    return param.type === 'StringLiteral' ? JSON.stringify(value) : String(value);
  });
  return [name, ...args].join(' ');
}
