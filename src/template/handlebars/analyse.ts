import { segmentsToFieldPath } from '../../model/datamap.js';
import type { SourceRange } from '../../model/location.js';
import type { Section, UseKind } from '../../model/vocabulary.js';
import type { HelperKind } from '../../model/settings.js';
import { isBuiltInHelper } from './known-helpers.js';
import { parseDirective, type Directive } from '../directives.js';
import { htmlCommentDirectives } from '../html-directives.js';
import { literalSpans } from './literal-spans.js';
import { findMjmlIncludes } from '../mjml-includes.js';
import { parseHandlebars, toFilePosition, type ParseOutcome, type Program } from './parse.js';
import type { PartialFile } from '../partial-source.js';
import { resolvePath, type Binding, type Frame, type KnownPath, type ScopeState } from './scope.js';
import { sectionTexts, type SourceText, type TemplateKind, type TemplateSource } from '../source.js';
import type { BranchPoint, PrepareOptions, TemplateAnalysis } from '../language.js';
import { outlineOf } from './outline.js';
import {
  BRANCH_KEY,
  TRACE_HELPERS,
  type ReadKind,
  TRACE_PARTIAL_PREFIX,
  callNode,
  emptyContent,
  pathNode,
  printNode,
  readNode,
  stringNode,
} from './trace-nodes.js';
import { addProblem, type TemplateProblem, type TokenUse } from '../uses.js';

export type AnalyseOptions = PrepareOptions;

/** A Handlebars template's analysis, with the instrumented programs the tracing render runs. */
export interface HandlebarsAnalysis extends TemplateAnalysis {
  /** Instrumented programs per section; a section that did not parse is absent. */
  programs: Partial<Record<Section, Program>>;
  /** Instrumented partials, one per call site, by the name the programs call them. */
  partials: ReadonlyMap<string, Program>;
}

/** Partials may recurse (trees, threads); past this depth the analysis stops following. */
const MAX_PARTIAL_DEPTH = 12;
/**
 * Each call site gets its own copy of the partial, so partials that include themselves
 * several times multiply (three self-includes, twelve levels deep: half a million
 * copies). Past this many the template cannot be a real email; the analysis stops there.
 */
const MAX_PARTIAL_COPIES = 2000;

interface WalkContext {
  section: Section;
  kind: TemplateKind;
  file: string;
  source: SourceText;
  frames: Frame[];
  blockParams: ReadonlyMap<string, Binding>[];
  inline: ReadonlyMap<string, Program>;
  partialDepth: number;
  /** Purposes of the enclosing `{{#ifConsent}}` blocks. */
  consentGuards: readonly string[];
  /** The branch arms (`branch id:arm`) a recipient must take to get here, outermost first. */
  arms: readonly string[];
  /**
   * Partials being expanded with no block between their call and here: calling one of
   * them again would recurse whatever the data, until Handlebars runs out of stack.
   */
  unguardedPartials: ReadonlySet<Program>;
}

const NO_PARTIALS_ENTERED: ReadonlySet<Program> = new Set();

export function analyseTemplate(source: TemplateSource, options: AnalyseOptions): HandlebarsAnalysis {
  return new TemplateWalker(source, options).run();
}

class TemplateWalker {
  private readonly uses: TokenUse[] = [];
  private readonly problems: TemplateProblem[] = [];
  private readonly directives = new Map<string, Directive>();
  /** Files whose HTML comments have been read for directives. */
  private readonly htmlRead = new Set<string>();
  private readonly partialTexts = new Map<string, { file: string; source: SourceText }>();
  /** The copy limit was reached (reported once). */
  private tooManyCopies = false;
  private readonly consentGuards = new Set<string>();
  private readonly partials = new Map<string, Program>();
  private readonly parsedPartials = new Map<string, ParseOutcome>();
  private readonly known: KnownPath;
  private nextUseId = 1;
  /** Branch points by where they are written: a partial's copies share theirs. */
  private readonly branchPoints = new Map<string, BranchPoint>();
  /** Blocks met as the `{{else …}}` of a chain: the branch point they belong to and their arm. */
  private readonly chainMembers = new WeakMap<hbs.AST.BlockStatement, { point: BranchPoint; arm: number }>();

  constructor(
    private readonly source: TemplateSource,
    private readonly options: AnalyseOptions,
  ) {
    this.known = options.known ?? (() => false);
  }

  run(): HandlebarsAnalysis {
    const programs: Partial<Record<Section, Program>> = {};
    const sections = sectionTexts(this.source);
    for (const [section, text] of sections) {
      if (!text) continue;
      const parsed = parseHandlebars(text);
      if (!parsed.ok) {
        this.problem('parse-error', parsed.message, { file: this.source.file, start: parsed.position, end: parsed.position });
        continue;
      }
      if (section === 'body') this.htmlDirectives(this.source.file, text, parsed.program, this.source.kind);
      const context: WalkContext = {
        section,
        kind: section === 'body' ? this.source.kind : 'text',
        file: this.source.file,
        source: text,
        frames: [{ kind: 'context', base: [] }],
        blockParams: [],
        inline: collectInlinePartials(parsed.program),
        partialDepth: 0,
        consentGuards: [],
        arms: [],
        unguardedPartials: NO_PARTIALS_ENTERED,
      };
      this.program(parsed.program, context);
      // Each header is a text of its own; the section is all of them, in order.
      const earlier = programs[section];
      if (earlier) earlier.body.push(...parsed.program.body);
      else programs[section] = parsed.program;
    }
    const texts = [
      ...sections.flatMap(([, text]) => (text ? [{ file: this.source.file, source: text }] : [])),
      ...[...this.partialTexts.values()],
    ];
    return {
      source: this.source,
      uses: this.uses,
      problems: this.problems,
      programs,
      partials: this.partials,
      directives: [...this.directives.values()],
      texts,
      consentGuards: this.consentGuards,
      branches: [...this.branchPoints.values()],
      outline: outlineOf(programs, this.partials),
    };
  }

  private program(program: Program | undefined, context: WalkContext): void {
    if (!program) return;
    program.body = program.body.flatMap((statement) => this.statement(statement, context));
  }

  /** The program of a block: whether it runs depends on the data, so recursion through it can stop. */
  private blockProgram(program: Program | undefined, context: WalkContext): void {
    this.program(program, context.unguardedPartials.size === 0 ? context : { ...context, unguardedPartials: NO_PARTIALS_ENTERED });
  }

  private statement(statement: hbs.AST.Statement, context: WalkContext): hbs.AST.Statement[] {
    switch (statement.type) {
      case 'MustacheStatement':
        return [this.mustache(statement as hbs.AST.MustacheStatement, context)];
      case 'BlockStatement':
        return [this.block(statement as hbs.AST.BlockStatement, context)];
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.partial(statement as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, context);
      case 'ContentStatement':
        return this.content(statement as hbs.AST.ContentStatement, context);
      case 'CommentStatement':
        this.comment(statement as hbs.AST.CommentStatement, context);
        return [statement];
      default:
        // Comments, decorators and inline-partial definitions print nothing by themselves.
        return [statement];
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
  private mustache(node: hbs.AST.MustacheStatement, context: WalkContext): hbs.AST.Statement {
    if (node.path.type !== 'PathExpression') return node;
    const path = node.path as hbs.AST.PathExpression;
    const printKind: UseKind = node.escaped ? 'print' : 'print-raw';
    if (!hasArguments(node)) {
      const binding = resolvePath(path, this.scope(context));
      if (!isField(binding)) return node;
      const use = this.addUse(binding, { kind: printKind, expression: path.original, loc: node.loc, context });
      return printNode(node, [use.id], path, { html: context.kind !== 'text' });
    }
    const name = path.original;
    if (name === 'log') return node;
    const ids: number[] = [];
    if (name === 'lookup') {
      const binding = this.lookupBinding(node, context, ids);
      if (isField(binding)) {
        ids.push(this.addUse(binding, { kind: printKind, expression: describeCall(node), loc: node.loc, context }).id);
      }
      return ids.length > 0 ? printNode(node, ids, callNode(node), { html: context.kind !== 'text' }) : node;
    }
    this.helperCall(node, context, ids);
    return ids.length > 0 ? printNode(node, ids, callNode(node), { html: context.kind !== 'text' }) : node;
  }

  // {{#if}}, {{#each}}, {{#with}}, sections {{#items}}, and block helpers
  private block(node: hbs.AST.BlockStatement, context: WalkContext): hbs.AST.Statement {
    if ((node.type as string) === 'DecoratorBlock') return node;
    const name = node.path.original;
    if (!hasArguments(node) && !isBuiltInHelper(name)) return this.section(node, context);
    const first = node.params[0];
    switch (name) {
      case 'if':
      case 'unless': {
        const arms = this.branch(node, context, `${name} ${conditionText(first)}`, 'else');
        if (first) node.params[0] = this.traced(first, 'condition', arms.test, includesZero(node) ? 'if-zero' : 'if');
        this.blockProgram(node.program, arms.program);
        this.blockProgram(node.inverse, arms.inverse);
        return node;
      }
      case 'each': {
        const arms = this.branch(node, context, `each ${conditionText(first)}`, 'else (no items)');
        const binding = first ? this.expressionBinding(first, context) : ({ kind: 'none' } as Binding);
        if (first) node.params[0] = this.traced(first, 'iteration', arms.test, 'each');
        const item: Binding = binding.kind === 'data' ? { kind: 'data', segments: [...binding.segments, '[]'] } : binding;
        const inner = this.enter(arms.program, item, node.program?.blockParams, [item, { kind: 'none' }]);
        this.blockProgram(node.program, inner);
        this.blockProgram(node.inverse, arms.inverse);
        return node;
      }
      case 'ifConsent': {
        // {{#ifConsent "purpose"}}: the block renders only with that consent (src/runtime-helpers.ts).
        const purpose = first?.type === 'StringLiteral' ? (first as hbs.AST.StringLiteral).value : undefined;
        const arms = this.branch(node, context, `ifConsent ${conditionText(first)}`, 'else (no consent)');
        if (purpose !== undefined) this.consentGuards.add(purpose);
        this.blockProgram(node.program, purpose === undefined ? arms.program : { ...arms.program, consentGuards: [...context.consentGuards, purpose] });
        this.blockProgram(node.inverse, arms.inverse);
        return node;
      }
      case 'with': {
        const arms = this.branch(node, context, `with ${conditionText(first)}`, 'else');
        const binding = first ? this.expressionBinding(first, context) : ({ kind: 'none' } as Binding);
        if (first && first.type !== 'PathExpression') node.params[0] = this.traced(first, 'condition', arms.test, 'with');
        const inner = this.enter(arms.program, binding, node.program?.blockParams, [binding]);
        this.blockProgram(node.program, inner);
        this.blockProgram(node.inverse, arms.inverse);
        return node;
      }
      default: {
        // An unknown block helper: its arguments decide what is shown; its block keeps the context.
        const arms = this.branch(node, context, `${name} ${conditionText(first)}`.trim(), 'else');
        this.helperCall(node, arms.test, [], 'condition');
        this.blockProgram(node.program, arms.program);
        this.blockProgram(node.inverse, arms.inverse);
        return node;
      }
    }
  }

  /**
   * Make the branch point a block starts (or continue the chain it is the `{{else …}}` of),
   * and mark the block with its place in it: the render records the arm it takes. Returns
   * the contexts to walk its parts in, each knowing the arms that lead there: its test
   * (reached by every recipient who gets to this arm of the chain), its block, and its
   * `{{else}}` (which, when it is an `{{else if …}}`, is the next block of the chain).
   */
  private branch(node: hbs.AST.BlockStatement, context: WalkContext, label: string, otherwise: string, written: hbs.AST.BlockStatement = node): { test: WalkContext; program: WalkContext; inverse: WalkContext } {
    let member = this.chainMembers.get(written);
    if (!member) {
      const range = this.range(written.loc, context);
      const where = `${range.file}:${range.start.line}:${range.start.column}`;
      let point = this.branchPoints.get(where);
      if (!point) {
        point = { id: this.branchPoints.size + 1, kind: written.path.original, range, arms: [] };
        this.branchPoints.set(where, point);
      }
      member = { point, arm: 0 };
    }
    const { point, arm } = member;
    point.arms[arm] = arm === 0 ? label : `else ${label}`;
    const chained = (written.inverse as (hbs.AST.Program & { chained?: boolean }) | undefined)?.chained;
    const next = chained ? written.inverse?.body[0] : undefined;
    const last = next?.type !== 'BlockStatement';
    if (last) point.arms[arm + 1] = otherwise;
    else this.chainMembers.set(next as hbs.AST.BlockStatement, { point, arm: arm + 1 });
    node.hash = withPair(node.hash, BRANCH_KEY, `${point.id}:${arm}:${last ? 1 : 0}`, written.loc);
    const within = (key: string): WalkContext => ({ ...context, arms: [...context.arms, key] });
    return {
      // The test of an `{{else if}}` is reached by those who did not take an earlier arm: named by its own arm.
      test: arm === 0 ? context : within(`${point.id}:${arm}`),
      program: within(`${point.id}:${arm}`),
      inverse: last ? within(`${point.id}:${arm + 1}`) : context,
    };
  }

  // {{#items}}…{{/items}}: Mustache sections, resolved by Handlebars' blockHelperMissing.
  private section(node: hbs.AST.BlockStatement, context: WalkContext): hbs.AST.Statement {
    const binding = resolvePath(node.path, this.scope(context));
    if (!isField(binding)) {
      this.blockProgram(node.program, context);
      this.blockProgram(node.inverse, context);
      return node;
    }
    const list = [...binding.segments, '[]'];
    const kind: UseKind = this.known(list) ? 'iteration' : 'condition';
    const traced: hbs.AST.BlockStatement = { ...node, path: pathNode(TRACE_HELPERS.section, node.path.loc) };
    const arms = this.branch(traced, context, `#${node.path.original}`, `^${node.path.original} (else)`, node);
    const use = this.addUse(binding, { kind, expression: node.path.original, loc: node.path.loc, context: arms.test });
    traced.params = [stringNode(String(use.id), node.path.loc), node.path];
    const inner: WalkContext = {
      ...arms.program,
      frames: [...context.frames, { kind: 'section', list, object: binding.segments }],
    };
    this.blockProgram(node.program, inner);
    this.blockProgram(node.inverse, arms.inverse);
    return traced;
  }

  private partial(
    node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement,
    context: WalkContext,
  ): hbs.AST.Statement[] {
    const isBlock = node.type === 'PartialBlockStatement';
    const blockProgram = isBlock ? (node as hbs.AST.PartialBlockStatement).program : undefined;
    // The block of {{#> layout}}…{{/layout}} runs in the caller's scope (as @partial-block or as fallback).
    this.program(blockProgram, context);
    const nameNode = node.name as hbs.AST.Expression;
    if (nameNode.type === 'SubExpression') {
      this.problem('no-missing-partial', 'a dynamic partial name cannot be traced; its content is not checked', this.range(node.loc, context));
      return [emptyContent(node.loc)];
    }
    const name = String((nameNode as hbs.AST.PathExpression).original);
    if (name === '@partial-block') return [node];
    const found = this.findPartial(name, context);
    if (!found) {
      if (blockProgram) return blockProgram.body;
      this.problem('no-missing-partial', `partial \`${name}\` was not found`, this.range(node.loc, context), name);
      return [emptyContent(node.loc)];
    }
    const hash = new Map<string, Binding>();
    for (const pair of node.hash?.pairs ?? []) hash.set(pair.key, this.expressionBinding(pair.value, context));
    const contextParam = node.params[0];
    const base = contextParam ? this.expressionBinding(contextParam, context) : this.currentBinding(context);
    const frame: Frame = { kind: 'context', base: base.kind === 'data' ? base.segments : null, hash };
    const traceName = this.walkPartial(found, { ...context, frames: [...context.frames, frame] }, this.range(node.loc, context));
    if (!traceName) return [emptyContent(node.loc)];
    const traced: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement = { ...node, name: pathNode(traceName, nameNode.loc) };
    return [traced];
  }

  /** Analyse a partial's body for one call site and register it under a unique name. */
  private walkPartial(found: { file: string; name: string; program: Program; source: SourceText }, context: WalkContext, call: SourceRange): string | undefined {
    if (context.unguardedPartials.has(found.program)) {
      this.problem('render-error', `\`${found.name}\` includes itself with no condition or loop that could stop it: the email can never render (Handlebars recurses until it runs out of stack)`, call, found.name);
      return undefined;
    }
    if (context.partialDepth >= MAX_PARTIAL_DEPTH) return undefined;
    if (this.partials.size >= MAX_PARTIAL_COPIES) {
      if (this.tooManyCopies) return undefined;
      this.tooManyCopies = true;
      this.problem('render-error', `partials include one another more than ${MAX_PARTIAL_COPIES} times: the email would not render in reasonable time, and the rest is not checked`, call);
      return undefined;
    }
    const traceName = `${TRACE_PARTIAL_PREFIX}${this.partials.size + 1}`;
    // Read from the program as parsed: each call site walks (and instruments) its own copy.
    this.htmlDirectives(found.file, found.source, found.program, context.kind);
    const program = structuredClone(found.program);
    this.partials.set(traceName, program);
    this.program(program, {
      ...context,
      file: found.file,
      source: found.source,
      blockParams: [],
      inline: new Map([...context.inline, ...collectInlinePartials(program)]),
      partialDepth: context.partialDepth + 1,
      unguardedPartials: new Set([...context.unguardedPartials, found.program]),
    });
    return traceName;
  }

  private findPartial(name: string, context: WalkContext): { file: string; name: string; program: Program; source: SourceText } | undefined {
    const inline = context.inline.get(name);
    if (inline) return { file: context.file, name, program: inline, source: context.source };
    const file = this.options.partials.byName(name);
    return file ? this.parsePartial(file, name) : undefined;
  }

  private parsePartial(partial: PartialFile, name: string): { file: string; name: string; program: Program; source: SourceText } | undefined {
    let parsed = this.parsedPartials.get(partial.file);
    if (!parsed) {
      this.partialTexts.set(partial.file, { file: partial.file, source: partial.source });
      parsed = parseHandlebars(partial.source);
      this.parsedPartials.set(partial.file, parsed);
      if (!parsed.ok) {
        this.problem('parse-error', parsed.message, { file: partial.file, start: parsed.position, end: parsed.position });
      }
    }
    return parsed.ok ? { file: partial.file, name, program: parsed.program, source: partial.source } : undefined;
  }

  // MJML: <mj-include path="…"> of MJML markup is followed as a partial.
  private content(node: hbs.AST.ContentStatement, context: WalkContext): hbs.AST.Statement[] {
    if (context.kind !== 'mjml' || !node.value.includes('mj-include')) return [node];
    const tags = findMjmlIncludes(node.value);
    if (tags.length === 0) return [node];
    const piece = (text: string): hbs.AST.ContentStatement => ({ ...node, value: text, original: text as unknown as hbs.AST.StripFlags });
    const statements: hbs.AST.Statement[] = [];
    let cursor = 0;
    for (const tag of tags) {
      statements.push(piece(node.value.slice(cursor, tag.start)));
      statements.push(this.include(tag.path, offsetLoc(node.loc, node.value, tag.start), context));
      cursor = tag.end;
    }
    statements.push(piece(node.value.slice(cursor)));
    return statements;
  }

  private include(path: string, loc: hbs.AST.SourceLocation, context: WalkContext): hbs.AST.Statement {
    const file = this.options.partials.byInclude(context.file, path);
    const found = file ? this.parsePartial(file, path) : undefined;
    if (!file) this.problem('no-missing-partial', `included file \`${path}\` was not found`, this.range(loc, context), path);
    const traceName = found ? this.walkPartial(found, context, this.range(loc, context)) : undefined;
    if (!traceName) return emptyContent(loc);
    const statement: hbs.AST.PartialStatement = {
      type: 'PartialStatement',
      name: pathNode(traceName, loc),
      params: [],
      hash: undefined as unknown as hbs.AST.Hash,
      indent: '',
      strip: { open: false, close: false },
      loc,
    };
    return statement;
  }

  /** Record the arguments of a helper call (and of nested calls) as helper-arg uses. */
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
    call.params = call.params.map((param) => this.argument(param, { helper: name, kind, context, ids }));
    for (const pair of call.hash?.pairs ?? []) {
      pair.value = this.argument(pair.value, { helper: name, kind, context, ids });
    }
  }

  private argument(
    expression: hbs.AST.Expression,
    options: { helper: string; kind: UseKind; context: WalkContext; ids: number[]; read?: ReadKind | undefined },
  ): hbs.AST.Expression {
    const { helper, kind, context, ids } = options;
    const read = options.read ?? 'value';
    if (expression.type === 'PathExpression') {
      const path = expression as hbs.AST.PathExpression;
      const binding = resolvePath(path, this.scope(context));
      if (!isField(binding)) return expression;
      const use = this.addUse(binding, { kind, helper, expression: path.original, loc: path.loc, context });
      ids.push(use.id);
      return readNode(use.id, read, expression);
    }
    if (expression.type === 'SubExpression') {
      const sub = expression as hbs.AST.SubExpression;
      if (sub.path.original === 'lookup') {
        const binding = this.lookupBinding(sub, context, ids);
        if (isField(binding)) {
          const use = this.addUse(binding, { kind, helper, expression: describeCall(sub), loc: sub.loc, context });
          ids.push(use.id);
          return readNode(use.id, read, sub);
        }
        return sub;
      }
      this.helperCall(sub, context, ids, kind);
      return sub;
    }
    return expression;
  }

  /** A value used as a condition or iteration: record it and trace that it was reached. */
  private traced(expression: hbs.AST.Expression, kind: UseKind, context: WalkContext, read: ReadKind): hbs.AST.Expression {
    const ids: number[] = [];
    return this.argument(expression, { helper: '', kind, context, ids, read });
  }

  /** `lookup obj key`: reads `obj.key` (or any member of obj when the key is not a literal). */
  private lookupBinding(call: { params: hbs.AST.Expression[] }, context: WalkContext, ids: number[]): Binding {
    const [target, key] = call.params;
    if (!target) return { kind: 'none' };
    const base = this.expressionBinding(target, context);
    if (base.kind === 'none') return base;
    let segment = '[]';
    if (key?.type === 'StringLiteral' || key?.type === 'NumberLiteral') {
      const value = String((key as hbs.AST.StringLiteral).value);
      segment = /^\d+$/u.test(value) ? '[]' : value;
    } else if (key) {
      call.params[1] = this.argument(key, { helper: 'lookup', kind: 'helper-arg', context, ids });
    }
    return { kind: 'data', segments: [...base.segments, segment] };
  }

  /** The data an expression stands for, following unknown helpers as pass-through. */
  private expressionBinding(expression: hbs.AST.Expression, context: WalkContext): Binding {
    if (expression.type === 'PathExpression') return resolvePath(expression as hbs.AST.PathExpression, this.scope(context));
    if (expression.type === 'SubExpression') {
      const sub = expression as hbs.AST.SubExpression;
      if (sub.path.original === 'lookup') return this.lookupBinding({ params: [...sub.params] }, context, []);
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

/** A hash with one more pair (a copy; the block's own is left as it was written). */
function withPair(hash: hbs.AST.Hash | undefined, key: string, value: string, loc: hbs.AST.SourceLocation): hbs.AST.Hash {
  const pair: hbs.AST.HashPair = { type: 'HashPair', key, value: stringNode(value, loc), loc };
  return { type: 'Hash', pairs: [...(hash?.pairs ?? []), pair], loc };
}

/** A block's condition as written (`vip`, `(eq a b)`), to name its arms. */
function conditionText(expression: hbs.AST.Expression | undefined): string {
  if (!expression) return '';
  if (expression.type === 'PathExpression') return (expression as hbs.AST.PathExpression).original;
  if (expression.type === 'SubExpression') return `(${describeCall(expression as hbs.AST.SubExpression)})`;
  const literal = (expression as hbs.AST.StringLiteral).value;
  return expression.type === 'StringLiteral' ? JSON.stringify(literal) : String(literal);
}

/** `{{#if value includeZero=true}}`: 0 counts as a value. */
function includesZero(node: hbs.AST.BlockStatement): boolean {
  const pair = node.hash?.pairs.find((candidate) => candidate.key === 'includeZero');
  return pair?.value.type === 'BooleanLiteral' && (pair.value as hbs.AST.BooleanLiteral).value;
}

function hasArguments(node: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash | undefined }): boolean {
  return node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
}

function describeCall(call: { path: hbs.AST.PathExpression | hbs.AST.Literal; params: hbs.AST.Expression[] }): string {
  const name = (call.path as hbs.AST.PathExpression).original;
  const args = call.params.map((param) => {
    const value = (param as hbs.AST.PathExpression | hbs.AST.StringLiteral).original;
    return param.type === 'StringLiteral' ? JSON.stringify(value) : String(value);
  });
  return [name, ...args].join(' ');
}

/** `{{#*inline "name"}}…{{/inline}}` definitions anywhere in a program. */
function collectInlinePartials(program: Program): Map<string, Program> {
  const found = new Map<string, Program>();
  const visit = (statements: hbs.AST.Statement[]): void => {
    for (const statement of statements) {
      const block = statement as hbs.AST.BlockStatement;
      if ((statement.type as string) === 'DecoratorBlock' && block.path.original === 'inline') {
        const name = block.params[0];
        if (name?.type === 'StringLiteral') found.set((name as hbs.AST.StringLiteral).value, block.program);
      }
      if (block.program) visit(block.program.body);
      if (block.inverse) visit(block.inverse.body);
    }
  };
  visit(program.body);
  return found;
}

/** The location `offset` characters into a content statement. */
function offsetLoc(loc: hbs.AST.SourceLocation, text: string, offset: number): hbs.AST.SourceLocation {
  const before = text.slice(0, offset);
  const newlines = before.split('\n').length - 1;
  const column = newlines === 0 ? loc.start.column + offset : offset - before.lastIndexOf('\n') - 1;
  const start = { line: loc.start.line + newlines, column };
  return { source: loc.source, start, end: start };
}
