import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { Placement, Section } from '../model/vocabulary.js';
import { isHiddenElement } from './hidden-element.js';
import { hasMarkers, markedUseIds } from './markers.js';
import { isMjmlPreview } from './mjml-inbox.js';
import type { TracedRender } from './render.js';
import type { TemplateKind } from './source.js';

/** The placements each token use reached in one rendered email. */
export type Placements = Map<number, Set<Placement>>;

/**
 * Find where every traced value landed. Subject and preheader are text; the body is
 * parsed (HTML, or MJML's compiled HTML) and each marker is placed by what holds it:
 * a link or image URL, another attribute, hidden text, or visible body text. Uses that
 * were evaluated but never printed only decided what is shown: `condition`.
 */
export interface PlaceOptions {
  kind: TemplateKind;
  /** mjml's compiled HTML, for MJML templates. */
  html?: string | undefined;
  /** Front matter gave the subject or preheader: then <mj-title> and <mj-preview> are not them. */
  frontMatter?: { subject: boolean; preheader: boolean } | undefined;
}

export function placeValues(render: TracedRender, options: PlaceOptions): Placements {
  const placements: Placements = new Map();
  const add = (ids: number[][], placement: Placement): void => {
    for (const id of ids.flat()) {
      const set = placements.get(id) ?? new Set<Placement>();
      set.add(placement);
      placements.set(id, set);
    }
  };
  for (const section of ['subject', 'preheader'] as const satisfies readonly Section[]) {
    const text = render.sections[section];
    if (text !== undefined) add(markedUseIds(text), section);
  }
  const body = options.html ?? render.sections.body ?? '';
  if (options.kind === 'text') add(markedUseIds(body), 'body');
  else {
    const mjml = options.kind === 'mjml';
    placeInHtml(body, {
      mjml,
      titleIsSubject: mjml && !options.frontMatter?.subject,
      previewIsPreheader: mjml && !options.frontMatter?.preheader,
      add,
    });
  }
  for (const [id, use] of render.trace) {
    if (use.reached && !placements.has(id)) placements.set(id, new Set(['condition']));
  }
  return placements;
}

interface HtmlWalk {
  mjml: boolean;
  titleIsSubject: boolean;
  previewIsPreheader: boolean;
  add(ids: number[][], placement: Placement): void;
}

function placeInHtml(html: string, walk: HtmlWalk): void {
  if (!hasMarkers(html)) return;
  const $ = load(html, { xml: false });
  const root = $.root()[0];
  if (root) visit(root.children, { hidden: false, inHead: false }, walk);
}

interface Surroundings {
  hidden: boolean;
  inHead: boolean;
}

function visit(nodes: readonly AnyNode[], around: Surroundings, walk: HtmlWalk): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      walk.add(markedUseIds(node.data), around.hidden || around.inHead ? 'hidden' : 'body');
    } else if (node.type === 'comment') {
      walk.add(markedUseIds(node.data), 'hidden');
    } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      visitElement(node, around, walk);
    } else if ('children' in node) {
      visit(node.children, around, walk);
    }
  }
}

function visitElement(element: Element, around: Surroundings, walk: HtmlWalk): void {
  const name = element.name.toLowerCase();
  for (const [attribute, value] of Object.entries(element.attribs)) {
    const ids = markedUseIds(value);
    if (ids.length > 0) walk.add(ids, attributePlacement(element, attribute, walk, around));
  }
  if (walk.titleIsSubject && name === 'title') {
    // mjml renders <mj-title> as the document title: the subject line.
    for (const child of element.children) if (child.type === 'text') walk.add(markedUseIds(child.data), 'subject');
    return;
  }
  if (walk.previewIsPreheader && isMjmlPreview(element)) {
    visitText(element, (text) => walk.add(markedUseIds(text), 'preheader'));
    return;
  }
  const inner: Surroundings = {
    hidden: around.hidden || name === 'script' || name === 'style' || name === 'template' || isHiddenElement(element),
    inHead: around.inHead || name === 'head',
  };
  visit(element.children, inner, walk);
}

function attributePlacement(element: Element, attribute: string, walk: HtmlWalk, around: Surroundings): Placement {
  const name = attribute.toLowerCase();
  if (name === 'href' || name === 'action' || name === 'xlink:href') return 'link-url';
  if (name === 'src' || name === 'srcset' || name === 'background' || name === 'poster' || name === 'data-src') return 'image-url';
  // mjml repeats <mj-title> as the label of the email's root element.
  if (walk.mjml && name === 'aria-label' && element.attribs['aria-roledescription'] === 'email') return walk.titleIsSubject ? 'subject' : 'hidden';
  if (around.inHead || around.hidden) return 'hidden';
  return 'attribute';
}

function visitText(element: Element, onText: (text: string) => void): void {
  for (const child of element.children) {
    if (child.type === 'text') onText(child.data);
    else if (child.type === 'tag') visitText(child, onText);
  }
}
