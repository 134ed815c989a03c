import { load } from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import { isHiddenElement } from './hidden-element.js';

/** mjml renders <mj-preview> as the first, hidden div of the body. */
export function isMjmlPreview(element: Element): boolean {
  const parent = element.parent as Element | null;
  if (element.name !== 'div' || parent?.type !== 'tag' || parent.name !== 'body') return false;
  const firstTag = parent.children.find((child) => child.type === 'tag');
  return firstTag === element && isHiddenElement(element);
}


/**
 * What an inbox shows of an MJML email whose front matter gives no subject or preheader:
 * mjml renders <mj-title> as the document's title and <mj-preview> as the body's first,
 * hidden div. The texts keep their tracing markers.
 */
export function mjmlInboxLines(html: string): { subject: string | undefined; preheader: string | undefined } {
  const $ = load(html, { xml: false });
  const title = $('title').first();
  const body = $('body').first()[0];
  const preview = body?.children.find((child): child is Element => child.type === 'tag' && isMjmlPreview(child));
  return { subject: title.length > 0 ? title.text() : undefined, preheader: preview ? textOf(preview) : undefined };
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return node.data;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}
