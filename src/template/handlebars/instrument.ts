import type { Section } from '../../model/vocabulary.js';
import type { ParsedSection, Program } from './parse.js';
import type { MjmlInclude, PartialExpansion } from './partial-expansion.js';
import { BRANCH_KEY, TRACE_HELPERS, callNode, emptyContent, pathNode, printNode, readNode, stringNode } from './trace-nodes.js';
import type { TracePlan } from './trace-plan.js';

/** The programs the tracing render compiles: one per section, and each partial copy by the name its call uses. */
export interface InstrumentedTemplate {
  programs: Partial<Record<Section, Program>>;
  partials: ReadonlyMap<string, Program>;
}

/**
 * Rewrite the parsed sections and the partials' copies for the tracing render, as the
 * analysis planned: each read value wrapped to record the read, each printed field
 * printed through the trace, each branch marked with its arm, each partial call renamed
 * to its own copy (or dropped when there is none). The programs are changed in place;
 * run it once, after the analysis.
 */
export function instrumentTemplate(sections: readonly ParsedSection[], expansion: PartialExpansion, plan: TracePlan): InstrumentedTemplate {
  const instrumenter = new Instrumenter(expansion, plan);
  const programs: Partial<Record<Section, Program>> = {};
  for (const { section, parsed } of sections) {
    if (!parsed.ok) continue;
    instrumenter.program(parsed.program);
    // Each header is a text of its own; the section is all of them, in order.
    const earlier = programs[section];
    if (earlier) earlier.body.push(...parsed.program.body);
    else programs[section] = parsed.program;
  }
  const partials = new Map<string, Program>();
  for (const [traceName, copy] of expansion.copies) {
    instrumenter.program(copy.program);
    partials.set(traceName, copy.program);
  }
  return { programs, partials };
}

class Instrumenter {
  constructor(
    private readonly expansion: PartialExpansion,
    private readonly plan: TracePlan,
  ) {}

  program(program: Program | undefined): void {
    if (!program) return;
    program.body = program.body.flatMap((statement) => this.statement(statement));
  }

  private statement(statement: hbs.AST.Statement): hbs.AST.Statement[] {
    switch (statement.type) {
      case 'MustacheStatement':
        return [this.mustache(statement as hbs.AST.MustacheStatement)];
      case 'BlockStatement':
        return [this.block(statement as hbs.AST.BlockStatement)];
      case 'PartialStatement':
      case 'PartialBlockStatement':
        return this.partial(statement as hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement);
      case 'ContentStatement':
        return this.content(statement as hbs.AST.ContentStatement);
      default:
        // Comments, decorators and inline-partial definitions (called through their copies) stay as written.
        return [statement];
    }
  }

  private mustache(node: hbs.AST.MustacheStatement): hbs.AST.Statement {
    this.callArguments(node);
    const print = this.plan.prints.get(node);
    if (!print) return node;
    return printNode(node, print.ids, print.value === 'path' ? node.path : callNode(node), { html: print.html });
  }

  private block(node: hbs.AST.BlockStatement): hbs.AST.Statement {
    const branch = this.plan.branches.get(node);
    const sectionUse = this.plan.sections.get(node);
    let result: hbs.AST.BlockStatement = node;
    if (sectionUse !== undefined) {
      // {{#items}}: rendered by the section helper, which records the use and judges it as Mustache would.
      result = { ...node, path: pathNode(TRACE_HELPERS.section, node.path.loc), params: [stringNode(String(sectionUse), node.path.loc), node.path] };
    } else {
      this.callArguments(node);
    }
    if (branch !== undefined) result.hash = withPair(result.hash, BRANCH_KEY, branch, node.loc);
    this.program(node.program);
    this.program(node.inverse);
    return result;
  }

  private partial(node: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement): hbs.AST.Statement[] {
    const blockProgram = node.type === 'PartialBlockStatement' ? node.program : undefined;
    this.program(blockProgram);
    const call = this.expansion.calls.get(node);
    // A lookup in a partial's parameters may call helpers whose arguments are traced.
    this.callArguments(node);
    if (!call || call.kind === 'partial-block') return [node];
    if (call.kind === 'unresolved') return call.fallback && blockProgram ? blockProgram.body : [emptyContent(node.loc)];
    if (!call.copy) return [emptyContent(node.loc)];
    const renamed: hbs.AST.PartialStatement | hbs.AST.PartialBlockStatement = { ...node, name: pathNode(call.copy.traceName, (node.name as hbs.AST.Expression).loc) };
    return [renamed];
  }

  // An MJML text with <mj-include> tags: the text around them, and each include as a call of its copy.
  private content(node: hbs.AST.ContentStatement): hbs.AST.Statement[] {
    const includes = this.expansion.includes.get(node);
    if (!includes) return [node];
    const piece = (text: string): hbs.AST.ContentStatement => ({ ...node, value: text, original: text as unknown as hbs.AST.StripFlags });
    const statements: hbs.AST.Statement[] = [];
    let cursor = 0;
    for (const include of includes) {
      statements.push(piece(node.value.slice(cursor, include.start)));
      statements.push(includeCall(include.call, include.loc));
      cursor = include.end;
    }
    statements.push(piece(node.value.slice(cursor)));
    return statements;
  }

  /** A helper call's arguments (and those of calls nested in them), each planned read wrapped. */
  private callArguments(call: { params: hbs.AST.Expression[]; hash?: hbs.AST.Hash | undefined }): void {
    call.params = call.params.map((param) => this.expression(param));
    for (const pair of call.hash?.pairs ?? []) pair.value = this.expression(pair.value);
  }

  private expression(expression: hbs.AST.Expression): hbs.AST.Expression {
    if (expression.type === 'SubExpression') this.callArguments(expression as hbs.AST.SubExpression);
    const reads = this.plan.reads.get(expression) ?? [];
    return reads.reduceRight<hbs.AST.Expression>((wrapped, { id, read }) => readNode(id, read, wrapped), expression);
  }
}

/** `<mj-include>` as the call of its copy; nothing when there is none. */
function includeCall(call: MjmlInclude['call'], loc: hbs.AST.SourceLocation): hbs.AST.Statement {
  if (call.kind !== 'resolved' || !call.copy) return emptyContent(loc);
  const statement: hbs.AST.PartialStatement = {
    type: 'PartialStatement',
    name: pathNode(call.copy.traceName, loc),
    params: [],
    hash: undefined as unknown as hbs.AST.Hash,
    indent: '',
    strip: { open: false, close: false },
    loc,
  };
  return statement;
}

/** A hash with one more pair (a copy; the block's own is left as it was written). */
function withPair(hash: hbs.AST.Hash | undefined, key: string, value: string, loc: hbs.AST.SourceLocation): hbs.AST.Hash {
  const pair: hbs.AST.HashPair = { type: 'HashPair', key, value: stringNode(value, loc), loc };
  return { type: 'Hash', pairs: [...(hash?.pairs ?? []), pair], loc };
}
