import { DomHandler, Parser } from 'htmlparser2';
import type { AnyNode, Document, Element } from 'domhandler';
import { ElementType } from 'domelementtype';
import type { Placement } from '../model/vocabulary.js';
import { declaredLanguage, type DeclaredLanguage } from './declared-language.js';
import { isHiddenElement } from './hidden-element.js';
import { hollowSpans, markedUseIds, splitMarkedText, type MarkedSegment } from './markers.js';
import { isMjmlPreview, mjmlInboxLines, textOf } from './mjml-inbox.js';

/** Where each token use's values landed: use id → placements. */
export type Placements = Map<number, Set<Placement>>;

/** A run of visible text (a text node, a subject line) as plain text, filled values and hollow slots. */
export type TextParts = readonly MarkedSegment[];

/** A link in the finished email: where it goes and what it says. */
export interface LayoutLink {
  href: TextParts;
  text: TextParts;
}

/** What an HTML body says, once per layout. */
export interface HtmlLayout {
  /** Hollow slots whose value could change the structure: they must be filled to analyse the email. */
  unsafeSlots: Set<number>;
  placements: Placements;
  /** The visible text nodes of the body, in reading order. */
  blocks: TextParts[];
  links: LayoutLink[];
  /** mjml's <mj-title> and <mj-preview>, as an inbox shows them (decoded text, markers kept). */
  inbox: { subject: string | undefined; preheader: string | undefined };
  /** The `lang` and `dir` the markup declares for all of its content. */
  declared: DeclaredLanguage;
}

/**
 * Attributes whose value decides where everything inside the element lands (hidden
 * text), how mjml's root is read, or the language and direction of everything inside:
 * a value printed into them must be in the layout.
 */
const STRUCTURAL_ATTRIBUTES = new Set(['style', 'hidden', 'aria-roledescription', 'lang', 'xml:lang', 'dir']);
const NOT_SHOWN = new Set(['head', 'title', 'style', 'script', 'template']);

export interface HtmlLayoutOptions {
  /** mjml's output: <title> is the subject and the first hidden div the preheader, unless front matter gives them. */
  mjml: boolean;
  titleIsSubject: boolean;
  previewIsPreheader: boolean;
}

/**
 * Parse an email body once (htmlparser2, as cheerio does) and learn, for its layout:
 * which hollow slots sit where a value could change the structure (an unquoted
 * attribute, a tag or attribute name, a style), where every value lands, the words a
 * reader sees, and the links.
 */
export function analyseHtml(html: string, options: HtmlLayoutOptions): HtmlLayout {
  const safeSlots = new Set<number>();
  const unsafeSlots = new Set<number>();
  const handler = new DomHandler();
  const collect = (text: string, into: Set<number>): void => {
    for (const span of hollowSpans(text)) into.add(span.slot);
  };
  const cbs = handler as unknown as Record<string, unknown>;
  cbs['onattribute'] = (name: string, value: string, quote: string | null | undefined) => {
    collect(name, unsafeSlots);
    const quoted = quote === '"' || quote === "'";
    collect(value, quoted && !STRUCTURAL_ATTRIBUTES.has(name.toLowerCase()) ? safeSlots : unsafeSlots);
  };
  cbs['onopentagname'] = (name: string) => {
    collect(name, unsafeSlots);
  };
  const text = handler.ontext.bind(handler);
  handler.ontext = (data: string) => {
    collect(data, safeSlots);
    text(data);
  };
  const comment = handler.oncomment.bind(handler);
  handler.oncomment = (data: string) => {
    collect(data, safeSlots);
    comment(data);
  };
  const parser = new Parser(handler, { decodeEntities: true });
  parser.end(html);
  const document = handler.root;
  // A slot seen nowhere safe (in a declaration, an attribute name…) is unsafe too.
  for (const span of hollowSpans(html)) if (!safeSlots.has(span.slot)) unsafeSlots.add(span.slot);
  return {
    unsafeSlots,
    placements: placeValues(document, options),
    ...visibleCopy(document),
    inbox: options.mjml ? mjmlInboxLines(document) : { subject: undefined, preheader: undefined },
    declared: declaredLanguage(document),
  };
}

function placeValues(document: Document, options: HtmlLayoutOptions): Placements {
  const placements: Placements = new Map();
  const add = (ids: number[][], placement: Placement): void => {
    for (const id of ids.flat()) {
      const set = placements.get(id) ?? new Set<Placement>();
      set.add(placement);
      placements.set(id, set);
    }
  };
  const visit = (nodes: readonly AnyNode[], hidden: boolean, inHead: boolean): void => {
    for (const node of nodes) {
      if (node.type === ElementType.Text) add(markedUseIds(node.data), hidden || inHead ? 'hidden' : 'body');
      else if (node.type === ElementType.Comment) add(markedUseIds(node.data), 'hidden');
      else if (node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style) visitElement(node, hidden, inHead);
      else if ('children' in node) visit(node.children, hidden, inHead);
    }
  };
  const visitElement = (element: Element, hidden: boolean, inHead: boolean): void => {
    const name = element.name.toLowerCase();
    for (const [attribute, value] of Object.entries(element.attribs)) {
      const ids = markedUseIds(value);
      if (ids.length > 0) add(ids, attributePlacement(element, attribute, options, hidden || inHead));
    }
    if (options.titleIsSubject && name === 'title') {
      // mjml renders <mj-title> as the document title: the subject line.
      for (const child of element.children) if (child.type === ElementType.Text) add(markedUseIds(child.data), 'subject');
      return;
    }
    if (options.previewIsPreheader && isMjmlPreview(element)) {
      add(markedUseIds(textOf(element)), 'preheader');
      return;
    }
    const inner = hidden || name === 'script' || name === 'style' || name === 'template' || isHiddenElement(element);
    visit(element.children, inner, inHead || name === 'head');
  };
  visit(document.children, false, false);
  return placements;
}

function attributePlacement(element: Element, attribute: string, options: HtmlLayoutOptions, hidden: boolean): Placement {
  const name = attribute.toLowerCase();
  if (name === 'href' || name === 'action' || name === 'xlink:href') return 'link-url';
  if (name === 'src' || name === 'srcset' || name === 'background' || name === 'poster' || name === 'data-src') return 'image-url';
  // mjml repeats <mj-title> as the label of the email's root element.
  if (options.mjml && name === 'aria-label' && element.attribs['aria-roledescription'] === 'email') return options.titleIsSubject ? 'subject' : 'hidden';
  if (hidden) return 'hidden';
  return 'attribute';
}

/** The body's visible text nodes and its links, as a reader sees them (hidden elements, the head, styles and scripts left out). */
function visibleCopy(document: Document): { blocks: TextParts[]; links: LayoutLink[] } {
  const blocks: TextParts[] = [];
  const links: LayoutLink[] = [];
  const visit = (nodes: readonly AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === ElementType.Text) {
        // Indentation between tags is most of an HTML email's text nodes: nothing to read there.
        if (node.data.trim() !== '') blocks.push(splitMarkedText(node.data));
      } else if (node.type === ElementType.Tag) {
        if (NOT_SHOWN.has(node.name.toLowerCase()) || isHiddenElement(node)) continue;
        if (node.name.toLowerCase() === 'a') links.push({ href: splitMarkedText(node.attribs['href'] ?? ''), text: splitMarkedText(textOf(node)) });
        visit(node.children);
      } else if ('children' in node && node.type !== ElementType.Script && node.type !== ElementType.Style) visit(node.children);
    }
  };
  visit(document.children);
  return { blocks, links };
}
