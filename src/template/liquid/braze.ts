import { Tag, Tokenizer, TypeGuards, type Context, type Liquid, type Parser, type TagToken, type Template, type Token, type TopLevelToken } from 'liquidjs';

/**
 * Braze's dialect. Braze writes a profile attribute as `{{${first_name}}}` and a custom
 * one as `{{custom_attribute.${loyalty_tier}}}`, which plain Liquid cannot read. Both
 * name a top-level attribute of the profile: `first_name`, `loyalty_tier` (Braze keeps
 * standard and custom attributes side by side, and so does a creeplint profile). The
 * tokens that hold the syntax are rebuilt, one token at a time, as the plain Liquid path
 * they stand for; the rebuilt token remembers where it was written, for findings.
 */
const REWRITTEN = new WeakMap<Token, { begin: number; end: number }>();

/** Where a rebuilt token was written (its own offsets are into the text it was rebuilt as). */
export function writtenAt(token: Token | undefined): { begin: number; end: number } | undefined {
  return token ? REWRITTEN.get(token) : undefined;
}

// Each pattern is applied to one token's text, already cut out by liquidjs's tokenizer.
const ATTRIBUTE = /\{\{\s*(?:custom_attribute\.)?\$\{([^{}]+)\}\s*\}\}|(?:custom_attribute\.)?\$\{([^{}]+)\}/gu;
const UNCLOSED_AT_END = /(?:custom_attribute\.)?\$\{([^{}]+)$/u;
const PLAIN_NAME = /^[A-Za-z_][\w-]*$/u;

function attributePath(name: string): string {
  const trimmed = name.trim();
  return PLAIN_NAME.test(trimmed) ? trimmed : `[${JSON.stringify(trimmed)}]`;
}

/** Tags whose arguments are Liquid text of their own (a URL with `{{…}}` in it): read by their tag, not rebuilt. */
export function takesTemplateArguments(name: string): boolean {
  return (FETCHED_DATA_TAGS as readonly string[]).includes(name);
}

/** Rebuild, in place, every output and tag token that uses Braze's attribute syntax. */
export function rewriteBrazeAttributes(tokens: TopLevelToken[], liquid: Liquid, file: string): void {
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] as TopLevelToken;
    const output = TypeGuards.isOutputToken(token);
    if (!output && !(TypeGuards.isTagToken(token) && !takesTemplateArguments((token as TagToken).name))) continue;
    const content = (token as unknown as { content: string }).content;
    if (!content.includes('${')) continue;
    let text = content.replace(ATTRIBUTE, (_match, inner?: string, bare?: string) => attributePath(inner ?? bare ?? ''));
    let end = token.end;
    // `{{${first_name}}}`: the tokenizer closed the output one brace early; the brace left over opens the next text.
    const next = tokens[index + 1];
    const unclosed = output ? UNCLOSED_AT_END.exec(text) : null;
    if (unclosed && next && TypeGuards.isHTMLToken(next) && next.input.charAt(next.begin) === '}') {
      text = text.slice(0, unclosed.index) + attributePath(unclosed[1] ?? '');
      next.begin += 1;
      end += 1;
    }
    const rebuilt = new Tokenizer(output ? `{{ ${text} }}` : `{% ${text} %}`, liquid.options.operators, file).readTopLevelTokens(liquid.options)[0];
    if (!rebuilt) continue;
    REWRITTEN.set(rebuilt, { begin: token.begin, end });
    tokens[index] = rebuilt;
  }
}

/**
 * `{% connected_content https://…?id={{${user_id}}} :save offer %}` and `{% catalog_items
 * games {{ game_id }} %}`: data Braze fetches from elsewhere when it sends. creeplint never
 * fetches it. The values written into the request are read (they leave for another
 * company); what it saves (`offer`, or `items` for a catalog) is third-party data to the
 * judgement unless the data map describes it; a profile may hold a sample of it under the
 * same name for the render to print.
 */
export class FetchedDataTag extends Tag {
  /** The request as Liquid: its outputs are values sent to the other service. */
  readonly request: Template[];
  /** The variable the response is saved in. */
  readonly saves: string | undefined;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    const [, end] = token.contentRange;
    const begin = end - token.args.length;
    const tokens = new Tokenizer(token.input, liquid.options.operators, token.file, [begin, end]).readTopLevelTokens(liquid.options);
    rewriteBrazeAttributes(tokens, liquid, token.file ?? '');
    this.request = parser.parseTokens(tokens);
    // `:save name` in the tag's own text, as Braze reads it.
    this.saves = token.name === 'catalog_items' ? 'items' : /:save\s+([A-Za-z_][\w-]*)/u.exec(token.args)?.[1];
  }

  // Never fetched: the saved variable keeps what the profile holds under its name, if anything.
  *render(_ctx: Context): Generator<unknown, void, unknown> {
    // Nothing is written: the request is never sent.
  }
}

/** Braze's tags that fetch data at send time (never fetched here): their output is judged as third-party data. */
export const FETCHED_DATA_TAGS = ['connected_content', 'catalog_items'] as const;
