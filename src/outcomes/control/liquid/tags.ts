import { TypeGuards, type Liquid, type Template, type Token, type TopLevelToken } from 'liquidjs';
import { writtenAt } from '../../../template/liquid/braze.js';
import type { SectionTag } from '../markup.js';
import type { TrimMarkers } from '../whitespace-control.js';

/** Liquid's whitespace control: `{%-` and `{{-` strip the whitespace before a tag, `-%}` and `-}}` the whitespace after it. */
export const LIQUID_TRIM: TrimMarkers = { before: ['{%-', '{{-'], after: ['-%}', '-}}'] };

/**
 * A comment for a person, as every Liquid writes one that renders as nothing (the block
 * form: not every platform reads `{% # … %}`). Nothing in it can read as a tag.
 */
export function liquidComment(message: string): string {
  const safe = message.replaceAll('{%', '{ %').replaceAll('%}', '% }').replaceAll('{{', '{ {').replaceAll('}}', '} }');
  return `{% comment %} creeplint-control: ${safe} {% endcomment %}`;
}

/**
 * One tag or output in a Liquid text, where it is written (a token rebuilt from Braze's
 * syntax, where it was written): `print` for a value printed (`{{ … }}`, `{% echo %}`,
 * `{% cycle %}`), `comment` for a comment (a block comment from its tag to its end tag),
 * `tag` for any other.
 */
export interface LiquidTag extends SectionTag {
  kind: 'print' | 'comment' | 'tag';
  /** The tag's name (`if`, `elsif`, `endif`), or `` for an output. */
  name: string;
}

/** A parsed Liquid text: liquidjs's templates, every tag, and each block's own tags (`elsif`, `else`, `when`, its end tag). */
export interface LiquidParse {
  templates: Template[];
  tags: LiquidTag[];
  /** By block (an `if`, a `for`, …): its opening tag first, then each tag of its own in order, its end tag last. */
  blockTags: ReadonlyMap<Template, LiquidTag[]>;
}

/**
 * A `parseTokens` for parse.ts that watches liquidjs's parser build the templates: a block
 * consumes its own tags (`{% elsif %}`, `{% else %}`, `{% endif %}`) from the token list
 * without making templates of them, so the tokens a block takes that are not the tokens of
 * its children are its own tags. liquidjs's tree keeps none of their places; its tokens do.
 */
export function watchedParse(liquid: Liquid, into: { parse?: LiquidParse }): (tokens: TopLevelToken[]) => Template[] {
  return (tokens) => {
    const all = [...tokens];
    const building: { consumed: TopLevelToken[]; children: Set<Token> }[] = [];
    const own = new Map<Template, TopLevelToken[]>();
    const shift = tokens.shift.bind(tokens);
    tokens.shift = () => {
      const token = shift();
      if (token) building[building.length - 1]?.consumed.push(token);
      return token;
    };
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the instance's parser is the one every tag parses its body with (this.parser): wrapping it sees them all
    const parser = liquid.parser;
    const parseToken = parser.parseToken.bind(parser);
    parser.parseToken = (token, remaining) => {
      building[building.length - 1]?.children.add(token);
      const frame = { consumed: [] as TopLevelToken[], children: new Set<Token>() };
      building.push(frame);
      try {
        const template = parseToken(token, remaining);
        own.set(
          template,
          frame.consumed.filter((consumed) => !frame.children.has(consumed)),
        );
        return template;
      } finally {
        building.pop();
      }
    };
    const templates = parser.parseTokens(tokens);
    into.parse = tagsOf(all, templates, own);
    return templates;
  };
}

function tagsOf(tokens: readonly TopLevelToken[], templates: Template[], own: ReadonlyMap<Template, TopLevelToken[]>): LiquidParse {
  const tags = new Map<Token, LiquidTag>();
  const blockTags = new Map<Template, LiquidTag[]>();
  // What a comment or raw block takes in is part of it, not a tag of its own.
  const inside = new Set<Token>();
  for (const [template, consumed] of own) {
    const name = TypeGuards.isTagToken(template.token) ? template.token.name : '';
    if (name === 'comment' || name === 'raw') for (const token of consumed) inside.add(token);
  }
  for (const token of tokens) {
    if (TypeGuards.isHTMLToken(token) || inside.has(token)) continue;
    tags.set(token, tagOf(token));
  }
  for (const [template, consumed] of own) {
    const open = tags.get(template.token);
    if (!open) continue;
    if (open.name === 'comment') {
      const last = consumed[consumed.length - 1];
      open.kind = 'comment';
      if (last) open.end = place(last).end;
      continue;
    }
    const ownTags = consumed.flatMap((token) => tags.get(token) ?? []);
    if (ownTags.length > 0) blockTags.set(template, [open, ...ownTags]);
  }
  return { templates, tags: [...tags.values()].sort((a, b) => a.start - b.start), blockTags };
}

const PRINTING_TAGS = new Set(['echo', 'cycle']);

function tagOf(token: TopLevelToken): LiquidTag {
  const { begin, end } = place(token);
  if (!TypeGuards.isTagToken(token)) return { kind: 'print', name: '', start: begin, end };
  const kind = token.name === '#' ? 'comment' : PRINTING_TAGS.has(token.name) ? 'print' : 'tag';
  return { kind, name: token.name, start: begin, end };
}

/** Where a token is written in the text: a token rebuilt from Braze's syntax, where its syntax was. */
export function place(token: Token): { begin: number; end: number } {
  return writtenAt(token) ?? { begin: token.begin, end: token.end };
}
