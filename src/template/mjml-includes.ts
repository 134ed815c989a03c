import { Parser } from 'htmlparser2';

/** An `<mj-include>` of MJML markup found in a piece of template text. */
export interface IncludeTag {
  path: string;
  start: number;
  end: number;
}

/**
 * Find the `<mj-include path="…">` tags in a run of template text with an HTML
 * tokenizer. Includes of CSS or raw HTML (`type="css"`, `type="html"`) are left to
 * mjml itself; MJML includes become partials, so their Handlebars is traced like the
 * rest (mjml would otherwise read them after Handlebars has run).
 */
export function findMjmlIncludes(text: string): IncludeTag[] {
  const includes: IncludeTag[] = [];
  let open: { path: string; start: number } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const type = attributes['type'];
        if (name === 'mj-include' && attributes['path'] && (type === undefined || type === 'mjml')) {
          open = { path: attributes['path'], start: parser.startIndex };
        }
      },
      onclosetag(name) {
        if (name === 'mj-include' && open) {
          includes.push({ path: open.path, start: open.start, end: parser.endIndex + 1 });
          open = undefined;
        }
      },
    },
    { xmlMode: false, recognizeSelfClosing: true, lowerCaseTags: true },
  );
  parser.end(text);
  return includes;
}
