import { QuoteType, Tokenizer } from 'htmlparser2';
import type { Slot } from './neutral-wording.js';

export interface Range {
  start: number;
  end: number;
}

/**
 * Where the words of an email are in its template, and where its link and image
 * addresses are, found with htmlparser2's tokenizer over the template text with the
 * template language's own tags masked (so `{{…}}` never reads as markup). Offsets are
 * those of the template text.
 */
export interface MarkupMap {
  /** The template text with each template tag replaced by as many `x`s: what the tokenizer read. */
  masked: string;
  /** Stretches of text between tags (not inside `<style>`, `<script>` or `<mj-style>`). */
  text: Range[];
  /** Values of attributes that hold an address (`href`, `src`, …, or any value starting `http`). */
  urls: Range[];
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'background', 'poster', 'cite', 'formaction', 'srcset']);
const NOT_WORDS = new Set(['style', 'script', 'mj-style']);

/** Plain text (a subject, a text template) is all words. */
export function plainTextMap(text: string, tags: readonly Range[]): MarkupMap {
  return { masked: mask(text, tags), text: [{ start: 0, end: text.length }], urls: [] };
}

export function markupMap(text: string, tags: readonly Range[]): MarkupMap {
  const masked = mask(text, tags);
  const words: Range[] = [];
  const urls: Range[] = [];
  let skipping: string | undefined;
  let attribute = '';
  let value: Range | undefined;
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      ontext(start, end) {
        if (skipping !== undefined) return;
        const last = words[words.length - 1];
        if (last && last.end === start) last.end = end;
        else words.push({ start, end });
      },
      onopentagname(start, end) {
        const name = masked.slice(start, end).toLowerCase();
        if (NOT_WORDS.has(name)) skipping = name;
      },
      onclosetag(start, end) {
        if (masked.slice(start, end).toLowerCase() === skipping) skipping = undefined;
      },
      onattribname(start, end) {
        attribute = masked.slice(start, end).toLowerCase();
        value = undefined;
      },
      onattribdata(start, end) {
        value = value ? { start: value.start, end } : { start, end };
      },
      onattribend(quote) {
        if (value && quote !== QuoteType.NoValue && (URL_ATTRIBUTES.has(attribute) || /^\s*(?:https?:)?\/\//iu.test(masked.slice(value.start, value.end)))) urls.push(value);
        value = undefined;
      },
      onattribentity() {},
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onopentagend() {},
      onprocessinginstruction() {},
      onselfclosingtag() {},
      ontextentity() {},
    },
  );
  tokenizer.write(masked);
  tokenizer.end();
  return { masked, text: words, urls };
}

/**
 * Where a template tag sits, as the twin reads it: in the words, in an address, or in
 * markup. `words` are the stretches its words are read in (by default the text between
 * markup tags; cut at the template's block tags, so `{% capture %}Hi {{ name }}` reads
 * "Hi " before the value).
 */
export function slotOf(map: MarkupMap, tag: Range, words: readonly Range[] = map.text): Slot {
  const url = map.urls.find((range) => range.start <= tag.start && tag.end <= range.end);
  if (url) return { kind: 'url', before: map.masked.slice(url.start, tag.start), after: map.masked.slice(tag.end, url.end) };
  const stretch = words.find((range) => range.start <= tag.start && tag.end <= range.end);
  if (!stretch) return { kind: 'markup' };
  const before = map.masked.slice(stretch.start, tag.start);
  const after = map.masked.slice(tag.end, stretch.end);
  return { kind: 'text', before, after, alone: before.trim() === '' && after.trim() === '' };
}

/** Each tag's characters become `x` (line ends stay), so the text keeps its length and its lines. */
function mask(text: string, tags: readonly Range[]): string {
  let masked = '';
  let cursor = 0;
  for (const tag of [...tags].sort((a, b) => a.start - b.start)) {
    if (tag.start < cursor) continue;
    masked += text.slice(cursor, tag.start) + text.slice(tag.start, tag.end).replace(/[^\n]/gu, 'x');
    cursor = tag.end;
  }
  return masked + text.slice(cursor);
}
