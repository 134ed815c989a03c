import { markupMap, plainTextMap, type MarkupMap, type Range } from './html-context.js';
import type { SectionContext } from './language.js';

/** A template tag as the language-neutral steps see it: where it is, and whether it prints a value (`print`) or does anything else. */
export interface SectionTag extends Range {
  kind: string;
}

/** What every language's section gives the language-neutral steps: its text and every template tag in it. */
export interface TaggedText {
  text: string;
  tags: readonly SectionTag[];
}

/** The section's words and addresses, with every template tag masked: HTML and MJML bodies are markup, the rest plain text. */
export function sectionMarkup(section: TaggedText, context: SectionContext): MarkupMap {
  return context.kind === 'text' ? plainTextMap(section.text, section.tags) : markupMap(section.text, section.tags);
}

/**
 * The stretches of words in which a sentence can be read: the text between markup tags,
 * cut at every template tag but a printed value (a block's tags, partials, comments),
 * since what is on either side of those may never be shown together.
 */
export function sentenceStretches(section: TaggedText, map: MarkupMap): Range[] {
  const cuts = section.tags.filter((tag) => tag.kind !== 'print');
  return map.text.flatMap((range) => {
    const pieces: Range[] = [];
    let start = range.start;
    for (const cut of cuts) {
      if (cut.end <= start || cut.start >= range.end) continue;
      if (cut.start > start) pieces.push({ start, end: cut.start });
      start = Math.max(start, cut.end);
    }
    if (start < range.end) pieces.push({ start, end: range.end });
    return pieces;
  });
}
