/**
 * Builders for the few Handlebars AST nodes the tracing render adds. The names are
 * ones no template uses, and the helpers behind them are registered only on the
 * private Handlebars environment the linter renders with.
 */
export const TRACE_HELPERS = {
  print: '__creeplint_print',
  read: '__creeplint_read',
  section: '__creeplint_section',
} as const;

export const TRACE_PARTIAL_PREFIX = '__creeplint_partial_';

/** The hash key that tells the render which branch point a block is, and which arm: `branch:arm:last`. */
export const BRANCH_KEY = '__creeplint_branch';

type Loc = hbs.AST.SourceLocation;

export function pathNode(name: string, loc: Loc): hbs.AST.PathExpression {
  return { type: 'PathExpression', data: false, depth: 0, parts: [name], original: name, loc };
}

export function stringNode(value: string, loc: Loc): hbs.AST.StringLiteral {
  return { type: 'StringLiteral', value, original: value, loc };
}

/**
 * How the construct that reads a value judges it, which decides whether the value counts
 * as missing for this recipient: Handlebars' `#if` hides 0, "" and [], `#with` shows 0,
 * `#each` needs an item, a Mustache section shows anything but false, null and [].
 */
export const READ_KINDS = ['if', 'if-zero', 'with', 'each', 'section', 'value'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

/** `(__creeplint_read "id" "kind" expr)`: records that the value was read, returns it unchanged. */
export function readNode(id: number, kind: ReadKind, expression: hbs.AST.Expression): hbs.AST.SubExpression {
  const loc = expression.loc;
  return {
    type: 'SubExpression',
    path: pathNode(TRACE_HELPERS.read, loc),
    params: [stringNode(String(id), loc), stringNode(kind, loc), expression],
    hash: undefined as unknown as hbs.AST.Hash,
    loc,
  };
}

/** The call `(helper params… hash)` a helper mustache made, as a sub-expression. */
export function callNode(mustache: hbs.AST.MustacheStatement): hbs.AST.SubExpression {
  return {
    type: 'SubExpression',
    path: mustache.path as hbs.AST.PathExpression,
    params: mustache.params,
    hash: mustache.hash,
    loc: mustache.loc,
  };
}

/** How a value is printed: HTML-escaped, raw into HTML (`{{{…}}}`), or into text. */
export type PrintMode = 'escaped' | 'raw' | 'text';

/**
 * `{{__creeplint_print "ids" "mode" value}}`: prints the value as the original mustache
 * would, wrapped in invisible markers naming the token uses it came from.
 */
export function printNode(original: hbs.AST.MustacheStatement, ids: readonly number[], value: hbs.AST.Expression, options: { html: boolean }): hbs.AST.MustacheStatement {
  const loc = original.loc;
  // Text (subject, preheader, a text email) is never HTML-escaped.
  const mode: PrintMode = !options.html ? 'text' : original.escaped ? 'escaped' : 'raw';
  return {
    ...original,
    path: pathNode(TRACE_HELPERS.print, loc),
    params: [stringNode(ids.join(','), loc), stringNode(mode, loc), value],
    hash: undefined as unknown as hbs.AST.Hash,
    // The helper escapes the value itself when the original did; its markers must not be.
    escaped: false,
  };
}

export function emptyContent(loc: Loc): hbs.AST.ContentStatement {
  return { type: 'ContentStatement', value: '', original: '' as unknown as hbs.AST.StripFlags, loc };
}
