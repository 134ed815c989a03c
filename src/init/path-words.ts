import { fieldPathToSegments } from '../model/datamap.js';

/** One segment of a field path as words: `recentlyViewed[]` is `recently`, `viewed`, a list. */
export interface SegmentWords {
  words: string[];
  /** The segment is a list (`[]` follows it in the path). */
  list: boolean;
}

/** A field path as words, leaf last: what `creeplint init` reads to guess what a field holds. */
export interface PathWords {
  segments: SegmentWords[];
  leaf: SegmentWords;
  /** The segments around the leaf, nearest first: `order` in `order.items[].name` comes after `items`. */
  parents: SegmentWords[];
  /** Every word of the path, root first. */
  all: string[];
}

/**
 * Split a path into words the way people write names: camelCase, snake_case, kebab-case,
 * dots, digits and any decoration (`${first_name}`, `$first_name`) all separate words.
 * A word the vocabulary does not know is tried as a plural of one it knows (`items`) and
 * then as known words run together (`firstname`, `unsubscribeurl`).
 */
export function pathWords(path: string, known: (word: string) => boolean): PathWords {
  const segments: SegmentWords[] = [];
  for (const segment of fieldPathToSegments(path)) {
    const last = segments[segments.length - 1];
    if (segment === '[]') {
      if (last) last.list = true;
      continue;
    }
    segments.push({ words: splitWords(segment).flatMap((word) => normalise(word, known)), list: false });
  }
  const leaf = segments[segments.length - 1] ?? { words: [], list: false };
  return { segments, leaf, parents: segments.slice(0, -1).reverse(), all: segments.flatMap((segment) => segment.words) };
}

function splitWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/gu, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/gu, '$1 $2')
    .replace(/([A-Za-z])([0-9])/gu, '$1 $2')
    .replace(/([0-9])([A-Za-z])/gu, '$1 $2')
    .split(/[^A-Za-z0-9]+/u)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

function normalise(word: string, known: (word: string) => boolean): string[] {
  if (known(word) || /^[0-9]+$/u.test(word)) return [word];
  const singular = singularOf(word, known);
  if (singular) return [singular];
  return runTogether(word, known) ?? [word];
}

function singularOf(word: string, known: (word: string) => boolean): string | undefined {
  const candidates = [
    word.endsWith('ies') ? `${word.slice(0, -3)}y` : undefined,
    word.endsWith('es') ? word.slice(0, -2) : undefined,
    word.endsWith('s') ? word.slice(0, -1) : undefined,
  ];
  return candidates.find((candidate) => candidate !== undefined && candidate.length > 1 && known(candidate));
}

/** Two-letter words that still count as parts of a longer one (`userid`, `orderno`, `clientip`). */
const SHORT_PARTS = new Set(['id', 'no', 'ip', 'os', 'rx', 'gp', 'tz', 'fb']);

/** The fewest known words that make up `word` exactly, or undefined. */
function runTogether(word: string, known: (word: string) => boolean): string[] | undefined {
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= word.length; end += 1) {
    for (let start = 0; start < end; start += 1) {
      const before = best[start];
      const part = word.slice(start, end);
      if (!before || !(part.length >= 3 || SHORT_PARTS.has(part))) continue;
      const found = known(part) ? part : singularOf(part, known);
      if (found === undefined) continue;
      const current = best[end];
      if (!current || current.length > before.length + 1) best[end] = [...before, found];
    }
  }
  const parts = best[word.length];
  return parts && parts.length > 1 ? parts : undefined;
}
