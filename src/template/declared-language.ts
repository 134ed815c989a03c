import type { AnyNode, Document, Element } from 'domhandler';
import { ElementType } from 'domelementtype';
import { stripMarkers } from './markers.js';

/** The language and direction an email's markup declares for all of its content. */
export interface DeclaredLanguage {
  /** A `lang` attribute, as written (trimmed); undefined when none, empty or `und`. */
  lang: string | undefined;
  /** A `dir` attribute: `rtl`, `ltr` or `auto`; undefined when none or another value. */
  dir: 'rtl' | 'ltr' | 'auto' | undefined;
}

const NOT_CONTENT = new Set(['head', 'title', 'style', 'script', 'template', 'meta', 'link']);
/** Wrappers are followed this deep: email markup nests tables in tables, but not without end. */
const MAX_WRAPPERS = 24;

/**
 * What `lang` and `dir` say for the whole email: on <html> (mjml writes `<mjml lang dir>`
 * there), on <body>, and on each wrapper below it that holds all of the content (the
 * one element among its siblings with anything to show: a centring table, a <main>, a
 * <div dir="rtl">). The innermost declaration wins, as it does for the text inside.
 * Values printed into these attributes are part of the layout (layout-html.ts), so
 * their markers are only taken off here.
 */
export function declaredLanguage(document: Document): DeclaredLanguage {
  const declared: DeclaredLanguage = { lang: undefined, dir: undefined };
  for (const element of contentWrappers(document)) {
    const lang = element.attribs['lang'] ?? element.attribs['xml:lang'];
    if (lang !== undefined) {
      const value = stripMarkers(lang).trim();
      declared.lang = value === '' || value.toLowerCase() === 'und' ? undefined : value;
    }
    const dir = element.attribs['dir'];
    if (dir !== undefined) {
      const value = stripMarkers(dir).trim().toLowerCase();
      declared.dir = value === 'rtl' || value === 'ltr' || value === 'auto' ? value : undefined;
    }
  }
  return declared;
}

/** <html>, <body> and each element below that holds all of the content, outermost first. */
export function contentWrappers(document: Document): Element[] {
  const wrappers: Element[] = [];
  let scope: readonly AnyNode[] = document.children;
  for (let depth = 0; depth < MAX_WRAPPERS; depth += 1) {
    const wrapper = onlyContent(scope);
    if (!wrapper) break;
    wrappers.push(wrapper);
    scope = wrapper.children;
  }
  return wrappers;
}

/** The one element of these nodes with content to show, when there is exactly one and no text beside it. */
function onlyContent(nodes: readonly AnyNode[]): Element | undefined {
  let found: Element | undefined;
  for (const node of nodes) {
    if (node.type === ElementType.Text) {
      if (stripMarkers(node.data).trim() !== '') return undefined;
    } else if (node.type === ElementType.Tag) {
      if (NOT_CONTENT.has(node.name.toLowerCase())) continue;
      if (found) return undefined;
      found = node;
    }
  }
  return found;
}
