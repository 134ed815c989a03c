import { Parser } from 'htmlparser2';
import { hollowSpans } from './markers.js';

/**
 * mjml's ending tags: their content is copied into the HTML as it is written (mjml's
 * parser takes it verbatim). `mj-style` is one too, but its CSS may be inlined into
 * the elements, so a value in it must be in the layout; `mj-breakpoint` holds none.
 */
const VERBATIM_TAGS = new Set([
  'mj-text',
  'mj-button',
  'mj-table',
  'mj-raw',
  'mj-navbar-link',
  'mj-accordion-title',
  'mj-accordion-text',
  'mj-social-element',
  'mj-carousel-image',
  'mj-title',
  'mj-preview',
]);
const ENDING_TAGS = new Set([...VERBATIM_TAGS, 'mj-style', 'mj-breakpoint']);

/**
 * The hollow slots of an MJML layout that mjml itself would read rather than copy: in an
 * mj-* attribute (validated, turned into CSS and widths), in a style sheet, in a comment
 * or between components. Those must be filled before mjml compiles the layout; a slot
 * inside an ending tag's content reaches the HTML untouched. Parsed with mjml's own
 * parser settings (htmlparser2, entities kept, self-closing tags recognised).
 */
export function mjmlUnsafeSlots(markup: string): Set<number> {
  const safe = new Set<number>();
  const all = hollowSpans(markup);
  if (all.length === 0) return new Set();
  const stack: string[] = [];
  let verbatimDepth = 0;
  let endingDepth = 0;
  // Attributes are read before their tag opens: the tag they belong to.
  let tag = '';
  const parser = new Parser(
    {
      onopentagname(name) {
        tag = name;
      },
      onopentag(name) {
        stack.push(name);
        if (ENDING_TAGS.has(name)) endingDepth += 1;
        if (VERBATIM_TAGS.has(name)) verbatimDepth += 1;
      },
      onattribute(name, value, quote) {
        // Inside an ending tag, a plain HTML element's quoted attribute is copied as written;
        // the HTML layout decides whether its value could change the structure.
        const inCopiedHtml = verbatimDepth > 0 && endingDepth === verbatimDepth && !tag.startsWith('mj-');
        if (inCopiedHtml && (quote === '"' || quote === "'") && !hollowSpans(name).length) for (const span of hollowSpans(value)) safe.add(span.slot);
      },
      ontext(text) {
        if (verbatimDepth > 0 && endingDepth === verbatimDepth) for (const span of hollowSpans(text)) safe.add(span.slot);
      },
      onclosetag(name) {
        const index = stack.lastIndexOf(name);
        if (index === -1) return;
        for (const closed of stack.splice(index)) {
          if (ENDING_TAGS.has(closed)) endingDepth -= 1;
          if (VERBATIM_TAGS.has(closed)) verbatimDepth -= 1;
        }
      },
    },
    { decodeEntities: false, recognizeSelfClosing: true, lowerCaseAttributeNames: false },
  );
  parser.end(markup);
  return new Set(all.filter((span) => !safe.has(span.slot)).map((span) => span.slot));
}
