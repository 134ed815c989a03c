import { load } from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import type { Section } from '../model/vocabulary.js';
import { splitMarkedText, stripMarkers } from './markers.js';
import { isHiddenElement } from './hidden-element.js';
import { mjmlInboxLines } from './mjml-inbox.js';
import type { TracedRender } from './render.js';
import type { TemplateKind } from './source.js';

/** A word a reader sees, where it is, and the token uses it came from (none for copy). */
export interface VisibleWord {
  text: string;
  /** Lower case, for matching. */
  key: string;
  section: Section;
  useIds: readonly number[];
}

/** A link in the finished email: where it goes and what it says. */
export interface VisibleLink {
  href: string;
  text: string;
}

export interface VisibleCopy {
  words: VisibleWord[];
  links: VisibleLink[];
  /** The text an email client shows for text templates, or the body's visible text. */
  text: string;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** V8 copies the whole input into every segment object, so long texts are segmented in pieces. */
const PIECE_LENGTH = 2000;

/** Split text into words with Unicode's word rules (Intl.Segmenter), not a regular expression. */
export function wordsOf(text: string): { text: string; index: number }[] {
  const words: { text: string; index: number }[] = [];
  let start = 0;
  while (start < text.length) {
    // Cut at a line break or a space after PIECE_LENGTH characters: never inside a word.
    let end = Math.min(text.length, start + PIECE_LENGTH);
    if (end < text.length) {
      const newline = text.indexOf('\n', start);
      const space = text.indexOf(' ', end);
      end = newline !== -1 && newline < end ? newline + 1 : space === -1 ? text.length : space + 1;
    }
    for (const segment of segmenter.segment(text.slice(start, end))) {
      if (segment.isWordLike) words.push({ text: segment.segment, index: start + segment.index });
    }
    start = end;
  }
  return words;
}

const NOT_SHOWN = new Set(['head', 'title', 'style', 'script', 'template']);

/**
 * The words and links of the finished email as a reader sees them: subject, preheader,
 * and the body's visible text (hidden elements, the head, styles and scripts left out).
 */
export function visibleCopy(render: TracedRender, options: { kind: TemplateKind; html?: string | undefined }): VisibleCopy {
  const words: VisibleWord[] = [];
  const links: VisibleLink[] = [];
  const texts: string[] = [];
  const addText = (text: string, section: Section): void => {
    // Indentation between tags is most of an HTML email's text nodes: nothing to read there.
    if (text.trim() === '') return;
    for (const segment of splitMarkedText(text)) {
      const useIds = segment.kind === 'value' ? segment.ids : [];
      for (const word of wordsOf(segment.text)) words.push({ text: word.text, key: word.text.toLowerCase(), section, useIds });
      if (section === 'body') texts.push(segment.text);
    }
    // A block boundary: phrases do not run across elements.
    words.push({ text: '', key: '', section, useIds: [] });
  };
  const body = options.html ?? render.sections.body ?? '';
  // Without front matter, an MJML email's subject and preheader are its <mj-title> and <mj-preview>.
  const inbox = options.kind === 'mjml' && options.html !== undefined ? mjmlInboxLines(options.html) : undefined;
  for (const section of ['subject', 'preheader'] as const) {
    const text = render.sections[section] ?? inbox?.[section];
    if (text !== undefined) addText(text, section);
  }
  if (options.kind === 'text') {
    addText(body, 'body');
    return { words, links, text: texts.join('') };
  }
  const $ = load(body, { xml: false });
  const visit = (nodes: readonly AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') addText(node.data, 'body');
      else if (node.type === 'tag') {
        if (NOT_SHOWN.has(node.name.toLowerCase()) || isHiddenElement(node)) continue;
        if (node.name.toLowerCase() === 'a') links.push({ href: stripMarkers(node.attribs['href'] ?? ''), text: stripMarkers($(node).text()) });
        visit(node.children);
      } else if ('children' in node && node.type !== 'script' && node.type !== 'style') visit(node.children);
    }
  };
  visit($.root()[0]?.children ?? []);
  return { words, links, text: texts.join(' ') };
}
