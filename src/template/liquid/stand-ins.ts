import { Tag, Tokenizer, type Context, type Emitter, type Liquid, type Parser, type TagToken, type Template, type TopLevelToken, type ValueToken } from 'liquidjs';
import type { HelperKind } from '../../model/settings.js';
import { FETCHED_DATA_TAGS, FetchedDataTag } from './braze.js';
import { closesLater, isStructuralTagName } from './parse.js';

/**
 * A tag liquidjs does not know (Shopify's `{% form %}`, an ESP's own): parsed as a block
 * when a matching `{% end… %}` follows, else as a tag on its own. Its code is the
 * sender's platform's and is never run; the analysis gives it the behaviour of its
 * kind (settings `helpers`, as for Handlebars helpers), so the render takes the branches
 * and prints the values the real tag would.
 */
export class StandInTag extends Tag {
  readonly block: boolean;
  templates: Template[] = [];
  elseTemplates: Template[] | undefined;

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
    super(token, remainTokens, liquid);
    this.block = closesLater(token.name, remainTokens);
    if (!this.block) return;
    let into = this.templates;
    const stream = parser
      .parseStream(remainTokens)
      .on('tag:else', () => {
        into = this.elseTemplates = [];
      })
      .on(`tag:end${token.name}`, () => {
        stream.stop();
      })
      .on('template', (template: Template) => {
        into.push(template);
      })
      .on('end', () => {
        throw new Error(`tag ${token.getText()} not closed`);
      });
    stream.start();
  }

  /** The values written after the tag's name, as far as Liquid can read them as values. */
  argumentTokens(): ValueToken[] {
    const [, end] = this.token.contentRange;
    const tokenizer = new Tokenizer(this.token.input, this.liquid.options.operators, this.token.file, [end - this.token.args.length, end]);
    const values: ValueToken[] = [];
    while (!tokenizer.end()) {
      const before = tokenizer.p;
      try {
        const value = tokenizer.readValue();
        if (value) values.push(value);
      } catch {
        // Not a value (`(`, `:save`): skip a character and read on.
      }
      if (tokenizer.p === before) tokenizer.p += 1;
    }
    return values;
  }

  // Replaced by the analysis with the behaviour of the tag's kind.
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    yield this.liquid.renderer.renderTemplates(this.templates, ctx, emitter);
  }
}

/**
 * Let the engine parse any tag: known tags as liquidjs defines them, Braze's tags that
 * fetch data (braze.ts), and every other name (but `else`, `when`, `end…`, which belong to
 * other tags and stay errors where they stray) as a stand-in.
 */
export function installStandInTags(liquid: Liquid): void {
  for (const name of FETCHED_DATA_TAGS) liquid.registerTag(name, FetchedDataTag);
  const known = liquid.tags;
  (liquid as { tags: typeof known }).tags = new Proxy(known, {
    get(target, name) {
      const tag = Reflect.get(target, name) as unknown;
      if (tag !== undefined || typeof name !== 'string' || isStructuralTagName(name)) return tag;
      return StandInTag;
    },
  });
}

/** A filter declared in the configuration, or unknown: it passes its input on, or prints nothing (`no-data`). */
export function standInFilter(kind: HelperKind | undefined): (value: unknown) => unknown {
  return kind === 'no-data' ? () => '' : (value: unknown) => value;
}
