import type { SourceRange } from '../../model/location.js';
import { findMjmlIncludes } from '../mjml-includes.js';
import type { PartialFile, PartialSource } from '../partial-source.js';
import type { SourceText, TemplateKind } from '../source.js';
import type { TemplateProblem } from '../uses.js';
import { parseHandlebars, toFilePosition, type ParsedSection, type ParseOutcome, type Program } from './parse.js';
import { TRACE_PARTIAL_PREFIX } from './trace-nodes.js';
import { inverseOf, programOf } from './ast.js';

/** Partials may recurse (trees, threads); past this depth the expansion stops following. */
const MAX_PARTIAL_DEPTH = 12;
/**
 * Each call site gets its own copy of the partial, so partials that include themselves
 * several times multiply (three self-includes, twelve levels deep: half a million
 * copies). Past this many the template cannot be a real email; the expansion stops there.
 */
const MAX_PARTIAL_COPIES = 2000;

/** A partial's own copy for one call site: the analysis walks it in the caller's scope, the instrumentation rewrites it. */
export interface PartialCopy {
  /** The name the instrumented call uses for this copy. */
  traceName: string;
  /** The partial as the call names it (for messages). */
  name: string;
  program: Program;
  file: string;
  source: SourceText;
}

/** What one `{{> partial}}`, `{{#> partial}}…{{/partial}}` or `<mj-include>` was expanded to. */
export type PartialCall =
  /** `{{> @partial-block}}`: Handlebars renders the caller's block itself. */
  | { kind: 'partial-block' }
  /**
   * The name leads nowhere (a dynamic name, no such partial, a file that does not parse):
   * the call's block renders in its place when `fallback`, else nothing does.
   */
  | { kind: 'unresolved'; problems: readonly TemplateProblem[]; fallback: boolean }
  /**
   * The partial was found. `copy` is its own copy for this call, absent when following it
   * had to stop: `refused` says why when the template should hear it (a recursion nothing
   * can stop, too many copies); past the depth limit it silently renders nothing.
   */
  | { kind: 'resolved'; copy: PartialCopy | undefined; refused: TemplateProblem | undefined };

/** An `<mj-include>` found inside a text node: where it is in the text, and what it was expanded to. */
export interface MjmlInclude {
  start: number;
  end: number;
  loc: hbs.AST.SourceLocation;
  call: Exclude<PartialCall, { kind: 'partial-block' }>;
}

/** Every partial call of a template, resolved once, before anything reads the fields. */
export interface PartialExpansion {
  calls: ReadonlyMap<hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, PartialCall>;
  /** Text nodes of an MJML body that hold `<mj-include>` tags, with each include. */
  includes: ReadonlyMap<hbs.AST.ContentStatement, readonly MjmlInclude[]>;
  /** Every copy made, by its trace name, in the order they were made. */
  copies: ReadonlyMap<string, PartialCopy>;
  /** The partial files read, in the order they were first read. */
  texts: readonly { file: string; source: SourceText }[];
}

interface ExpansionContext {
  kind: TemplateKind;
  file: string;
  source: SourceText;
  inline: ReadonlyMap<string, Program>;
  depth: number;
  /**
   * Partials being expanded with no block between their call and here: calling one of
   * them again would recurse whatever the data, until Handlebars runs out of stack.
   */
  unguarded: ReadonlySet<Program>;
}

const NO_PARTIALS_ENTERED: ReadonlySet<Program> = new Set();

/**
 * Give every partial call of the parsed sections its own copy of the partial, following
 * calls inside copies, in the order a reader meets them (a call's own block before the
 * partial it calls). The sections are only read; each copy is a fresh clone.
 */
export function expandPartials(file: string, sections: readonly ParsedSection[], partials: PartialSource): PartialExpansion {
  return new PartialExpander(partials).run(file, sections);
}

class PartialExpander {
  private readonly calls = new Map<hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, PartialCall>();
  private readonly includes = new Map<hbs.AST.ContentStatement, MjmlInclude[]>();
  private readonly copies = new Map<string, PartialCopy>();
  private readonly parsed = new Map<string, ParseOutcome>();
  private readonly texts = new Map<string, { file: string; source: SourceText }>();
  /** Problems met while parsing a partial file, reported at the first call that read it. */
  private pending: TemplateProblem[] = [];
  /** The copy limit was reached (reported once). */
  private tooManyCopies = false;

  constructor(private readonly partials: PartialSource) {}

  run(file: string, sections: readonly ParsedSection[]): PartialExpansion {
    for (const { kind, source, parsed } of sections) {
      if (!parsed.ok) continue;
      this.program(parsed.program, { kind, file, source, inline: collectInlinePartials(parsed.program), depth: 0, unguarded: NO_PARTIALS_ENTERED });
    }
    return { calls: this.calls, includes: this.includes, copies: this.copies, texts: [...this.texts.values()] };
  }

  private program(program: Program | undefined, context: ExpansionContext): void {
    if (!program) return;
    for (const statement of program.body) this.statement(statement, context);
  }

  /** The program of a block: whether it runs depends on the data, so recursion through it can stop. */
  private blockProgram(program: Program | undefined, context: ExpansionContext): void {
    this.program(program, context.unguarded.size === 0 ? context : { ...context, unguarded: NO_PARTIALS_ENTERED });
  }

  private statement(statement: hbs.AST.Statement, context: ExpansionContext): void {
    switch (statement.type) {
      case 'BlockStatement': {
        const block = statement as hbs.AST.BlockStatement;
        this.blockProgram(block.program, context);
        this.blockProgram(block.inverse, context);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        this.partial(statement as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, context);
        return;
      case 'ContentStatement':
        this.content(statement as hbs.AST.ContentStatement, context);
        return;
      default:
        // Inline-partial definitions (decorator blocks) are expanded where they are called, not where they are written.
        return;
    }
  }

  private partial(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement, context: ExpansionContext): void {
    const blockProgram = node.type === 'PartialBlockStatement' ? node.program : undefined;
    // The block of {{#> layout}}…{{/layout}} runs in the caller's scope (as @partial-block or as fallback).
    this.program(blockProgram, context);
    const nameNode = node.name as hbs.AST.Expression;
    if (nameNode.type === 'SubExpression') {
      const problem = this.problemAt('no-missing-partial', 'a dynamic partial name cannot be traced; its content is not checked', node.loc, context);
      this.calls.set(node, { kind: 'unresolved', problems: [problem], fallback: false });
      return;
    }
    // A path or a literal (`{{> 42}}` names partial "42").
    const name = String((nameNode as { original?: string | number | boolean | null }).original);
    if (name === '@partial-block') {
      this.calls.set(node, { kind: 'partial-block' });
      return;
    }
    const found = this.findPartial(name, context);
    const problems = this.takePending();
    if (!found) {
      if (!blockProgram) problems.push(this.problemAt('no-missing-partial', `partial \`${name}\` was not found`, node.loc, context, name));
      this.calls.set(node, { kind: 'unresolved', problems, fallback: blockProgram !== undefined });
      return;
    }
    this.calls.set(node, this.expand(found, context, node.loc));
  }

  // MJML: <mj-include path="…"> of MJML markup is followed as a partial.
  private content(node: hbs.AST.ContentStatement, context: ExpansionContext): void {
    if (context.kind !== 'mjml' || !node.value.includes('mj-include')) return;
    const tags = findMjmlIncludes(node.value);
    if (tags.length === 0) return;
    const includes: MjmlInclude[] = [];
    // Recorded before the includes are followed: a copy inside one is met after this text.
    this.includes.set(node, includes);
    for (const tag of tags) {
      const loc = offsetLoc(node.loc, node.value, tag.start);
      includes.push({ start: tag.start, end: tag.end, loc, call: this.include(tag.path, loc, context) });
    }
  }

  private include(path: string, loc: hbs.AST.SourceLocation, context: ExpansionContext): MjmlInclude['call'] {
    const file = this.partials.byInclude(context.file, path);
    const found = file ? this.parsePartial(file, path) : undefined;
    const problems = this.takePending();
    if (!file) problems.push(this.problemAt('no-missing-partial', `included file \`${path}\` was not found`, loc, context, path));
    if (!found) return { kind: 'unresolved', problems, fallback: false };
    return this.expand(found, context, loc);
  }

  /** Make this call's own copy of a partial, and expand the calls inside it. */
  private expand(found: FoundPartial, context: ExpansionContext, loc: hbs.AST.SourceLocation): PartialCall & { kind: 'resolved' } {
    if (context.unguarded.has(found.program)) {
      const message = `\`${found.name}\` includes itself with no condition or loop that could stop it: the email can never render (Handlebars recurses until it runs out of stack)`;
      return { kind: 'resolved', copy: undefined, refused: this.problemAt('render-error', message, loc, context, found.name) };
    }
    if (context.depth >= MAX_PARTIAL_DEPTH) return { kind: 'resolved', copy: undefined, refused: undefined };
    if (this.copies.size >= MAX_PARTIAL_COPIES) {
      if (this.tooManyCopies) return { kind: 'resolved', copy: undefined, refused: undefined };
      this.tooManyCopies = true;
      const message = `partials include one another more than ${MAX_PARTIAL_COPIES} times: the email would not render in reasonable time, and the rest is not checked`;
      return { kind: 'resolved', copy: undefined, refused: this.problemAt('render-error', message, loc, context) };
    }
    const traceName = `${TRACE_PARTIAL_PREFIX}${this.copies.size + 1}`;
    // Cloned from the program as parsed: each call site gets (and is instrumented in) its own copy.
    const copy: PartialCopy = { traceName, name: found.name, program: structuredClone(found.program), file: found.file, source: found.source };
    this.copies.set(traceName, copy);
    this.program(copy.program, {
      kind: context.kind,
      file: found.file,
      source: found.source,
      inline: new Map([...context.inline, ...collectInlinePartials(copy.program)]),
      depth: context.depth + 1,
      unguarded: new Set([...context.unguarded, found.program]),
    });
    return { kind: 'resolved', copy, refused: undefined };
  }

  private findPartial(name: string, context: ExpansionContext): FoundPartial | undefined {
    const inline = context.inline.get(name);
    if (inline) return { file: context.file, name, program: inline, source: context.source };
    const file = this.partials.byName(name);
    return file ? this.parsePartial(file, name) : undefined;
  }

  /** Parse a partial file once; its parse error is reported at the first call that reads it. */
  private parsePartial(partial: PartialFile, name: string): FoundPartial | undefined {
    let parsed = this.parsed.get(partial.file);
    if (!parsed) {
      this.texts.set(partial.file, { file: partial.file, source: partial.source });
      parsed = parseHandlebars(partial.source);
      this.parsed.set(partial.file, parsed);
      if (!parsed.ok) {
        this.pending.push({ ruleId: 'parse-error', message: parsed.message, range: { file: partial.file, start: parsed.position, end: parsed.position }, subject: undefined });
      }
    }
    return parsed.ok ? { file: partial.file, name, program: parsed.program, source: partial.source } : undefined;
  }

  private takePending(): TemplateProblem[] {
    const problems = this.pending;
    this.pending = [];
    return problems;
  }

  private problemAt(ruleId: TemplateProblem['ruleId'], message: string, loc: hbs.AST.SourceLocation, context: ExpansionContext, subject?: string): TemplateProblem {
    const range: SourceRange = { file: context.file, start: toFilePosition(context.source, loc.start), end: toFilePosition(context.source, loc.end) };
    return { ruleId, message, range, subject };
  }
}

interface FoundPartial {
  file: string;
  name: string;
  program: Program;
  source: SourceText;
}

/** `{{#*inline "name"}}…{{/inline}}` definitions anywhere in a program. */
function collectInlinePartials(program: Program): Map<string, Program> {
  const found = new Map<string, Program>();
  const visit = (statements: hbs.AST.Statement[]): void => {
    for (const statement of statements) {
      const block = statement as hbs.AST.BlockStatement;
      if (statement.type === 'DecoratorBlock' && block.path.original === 'inline') {
        const name = block.params[0];
        if (name?.type === 'StringLiteral') found.set((name as hbs.AST.StringLiteral).value, block.program);
      }
      const taken = programOf(block);
      const otherwise = inverseOf(block);
      if (taken) visit(taken.body);
      if (otherwise) visit(otherwise.body);
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
