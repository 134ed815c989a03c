import { LiquidError, Tokenizer, TypeGuards, type Liquid, type Template, type Token, type TopLevelToken } from 'liquidjs';
import type { Position } from '../../model/location.js';
import type { Section } from '../../model/vocabulary.js';
import { sectionTexts, type SourceText, type TemplateKind, type TemplateSource } from '../source.js';
import { rewriteBrazeAttributes } from './braze.js';
import type { LiteralSpan } from '../html-directives.js';
import { positionAt } from '../text-offsets.js';

export type ParseOutcome =
  | {
      ok: true;
      templates: Template[];
      /** Comments, with the range they span (offsets into the text): where directives are written. */
      comments: { text: string; begin: number; end: number }[];
      /** The text Liquid prints as written (its HTML, outside comments), as offsets: where HTML comments are read. */
      literals: LiteralSpan[];
    }
  | { ok: false; message: string; position: Position };

/** A text the template is read from: a section of the template, or a partial file. */
export interface Unit {
  file: string;
  source: SourceText;
}

/** A section of the template (subject, preheader, a header, the body) and what its parse gave. */
export interface ParsedUnit {
  section: Section;
  kind: TemplateKind;
  unit: Unit;
  parsed: ParseOutcome;
}

/** Parse each text the template has, in the order the template is read. */
export function parseUnits(liquid: Liquid, source: TemplateSource): ParsedUnit[] {
  return sectionTexts(source).flatMap(([section, text]): ParsedUnit[] => {
    if (!text) return [];
    const unit: Unit = { file: source.file, source: text };
    return [{ section, kind: section === 'body' ? source.kind : 'text', unit, parsed: parseLiquid(liquid, unit.source, unit.file) }];
  });
}

/**
 * Parse with liquidjs's own tokenizer and parser. The tokens are read first so that
 * comments (where `creeplint-disable` directives live) and Braze's attribute syntax
 * (`{{${first_name}}}`, braze.ts) can be seen token by token before the parser builds
 * liquidjs's templates; nothing reads the template's text but liquidjs's tokenizer.
 * `parseTokens` replaces the parser's own call for a caller that watches it build (the
 * control twin, which needs where each block's `else` and end tags are).
 */
export function parseLiquid(liquid: Liquid, source: SourceText, file: string, options: { parseTokens?: (tokens: TopLevelToken[]) => Template[] } = {}): ParseOutcome {
  try {
    const tokenizer = new Tokenizer(source.text, liquid.options.operators, file);
    const tokens = tokenizer.readTopLevelTokens(liquid.options);
    const comments = commentsOf(tokens);
    const literals = literalsOf(tokens, comments);
    rewriteBrazeAttributes(tokens, liquid, file);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- liquidjs parses tokens already lexed (here, Braze's rewritten) only with its instance's parser, the one liquid.parse uses
    const templates = options.parseTokens ? options.parseTokens(tokens) : liquid.parser.parseTokens(tokens);
    return { ok: true, templates, comments, literals };
  } catch (error) {
    return { ok: false, ...describeParseError(error, source) };
  }
}

/** `{% comment %}…{% endcomment %}` and `{% # … %}`, as written. */
function commentsOf(tokens: readonly TopLevelToken[]): { text: string; begin: number; end: number }[] {
  const found: { text: string; begin: number; end: number }[] = [];
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index];
    if (!token || !TypeGuards.isTagToken(token)) continue;
    if (token.name === '#') {
      found.push({ text: token.args, begin: token.begin, end: token.end });
    } else if (token.name === 'comment') {
      let text = '';
      let end = token.end;
      for (index += 1; index < tokens.length; index += 1) {
        const inner = tokens[index] as TopLevelToken;
        if (TypeGuards.isTagToken(inner) && inner.name === 'endcomment') {
          end = inner.end;
          break;
        }
        text += inner.input.slice(inner.begin, inner.end);
      }
      found.push({ text, begin: token.begin, end });
    }
  }
  return found;
}

/** The HTML tokens, those inside a `{% comment %}` left out. */
function literalsOf(tokens: readonly TopLevelToken[], comments: readonly { begin: number; end: number }[]): LiteralSpan[] {
  return tokens
    .filter((token) => TypeGuards.isHTMLToken(token) && !comments.some((comment) => token.begin >= comment.begin && token.begin < comment.end))
    .map((token) => ({ start: token.begin, end: token.end }));
}

/** A tag that is not a tag of its own but part of another's syntax: never a stand-in. */
export function isStructuralTagName(name: string): boolean {
  return name.startsWith('end') || name === 'else' || name === 'elsif' || name === 'when';
}

/** Whether a tag written here is closed by `{% end<name> %}` later, nesting counted. */
export function closesLater(name: string, tokens: readonly TopLevelToken[]): boolean {
  let depth = 0;
  for (const token of tokens) {
    if (!TypeGuards.isTagToken(token)) continue;
    if (token.name === name) depth += 1;
    else if (token.name === `end${name}`) {
      if (depth === 0) return true;
      depth -= 1;
    }
  }
  return false;
}

/** Liquid's own message, without the ", line:3, col:7" it appends (the position is the finding's). */
function describeParseError(error: unknown, source: SourceText): { message: string; position: Position } {
  const message = (error instanceof Error ? error.message : String(error)).replace(/(, (file|line|col):[^,]*)+$/u, '').split('\n')[0] ?? 'invalid Liquid';
  const token = LiquidError.is(error) ? (error as unknown as { token?: Token }).token : undefined;
  const offset = token && token.input === source.text ? token.begin : undefined;
  return { message, position: offset === undefined ? source.origin : positionAt(source, offset) };
}
