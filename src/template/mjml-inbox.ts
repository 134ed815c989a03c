import type { AnyNode, Document, Element } from 'domhandler';
import { ElementType } from 'domelementtype';
import { isHiddenElement } from './hidden-element.js';

/** mjml renders <mj-preview> as the first, hidden div of the body. */
export function isMjmlPreview(element: Element): boolean {
  const parent = element.parent as Element | null;
  if (element.name !== 'div' || parent?.type !== ElementType.Tag || parent.name !== 'body') return false;
  const firstTag = parent.children.find((child) => child.type === ElementType.Tag);
  return firstTag === element && isHiddenElement(element);
}

/**
 * What an inbox shows of an MJML email whose front matter gives no subject or preheader:
 * mjml renders <mj-title> as the document's title and <mj-preview> as the body's first,
 * hidden div. The texts keep their tracing markers.
 */
export function mjmlInboxLines(document: Document): { subject: string | undefined; preheader: string | undefined } {
  let title: Element | undefined;
  let preview: Element | undefined;
  const visit = (nodes: readonly AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type !== ElementType.Tag && node.type !== ElementType.Script && node.type !== ElementType.Style && node.type !== ElementType.Root) continue;
      if (node.type === ElementType.Tag) {
        if (!title && node.name === 'title') title = node;
        if (!preview && isMjmlPreview(node)) preview = node;
      }
      if ('children' in node) visit(node.children);
    }
  };
  visit(document.children);
  return { subject: title ? textOf(title) : undefined, preheader: preview ? textOf(preview) : undefined };
}

export function textOf(node: AnyNode): string {
  if (node.type === ElementType.Text) return node.data;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}
