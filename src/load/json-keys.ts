/**
 * The members of a JSON text that JSON.parse has accepted, read with a small tokenizer of
 * its own so that a JSON file never needs the YAML parser: where each key is (each element,
 * in an array), and whether it repeats a key of the same object. Iterative, so nesting
 * depth costs no stack.
 */

/** A member's path: object keys as strings, array indexes as numbers. */
export type JsonPath = readonly (string | number)[];

/** Called for the root value (path []), each member's key and each array element, in text order; true stops the walk. */
type Visit = (path: JsonPath, offset: number, repeated: boolean) => boolean;

/** The offset of the first key that repeats an earlier key of its object (JSON.parse keeps only the last), if any. */
export function firstDuplicateKey(text: string): number | undefined {
  let found: number | undefined;
  walkJson(text, (_path, offset, repeated) => {
    if (repeated) found = offset;
    return repeated;
  });
  return found;
}

/** The offset of the key at `path` (of the value, for an array element or the root), as a YAML reading of the text gives it. */
export function jsonOffsetOf(text: string, path: JsonPath): number | undefined {
  let found: number | undefined;
  walkJson(text, (at, offset) => {
    if (at.length !== path.length || !at.every((segment, index) => sameSegment(segment, path[index]))) return false;
    found = offset;
    return true;
  });
  return found;
}

/** A member's path as one string, each segment marked as an array index (`#`) or an object key (`.`). */
function pathKey(path: JsonPath): string {
  let key = '';
  for (const segment of path) key += typeof segment === 'number' ? `\u0000#${String(segment)}` : `\u0000.${segment}`;
  return key;
}

/**
 * Where every member is, from one walk: `jsonOffsetOf` for many paths of one text (a data
 * map asks for each field's) without walking the text once per path. A text with a
 * repeated key is refused before positions are asked for, so each path is in one place.
 */
export function jsonOffsets(text: string): (path: JsonPath) => number | undefined {
  const offsets = new Map<string, number>();
  walkJson(text, (path, offset) => {
    const key = pathKey(path);
    if (!offsets.has(key)) offsets.set(key, offset);
    return false;
  });
  // A number also finds an object key of its digits ("0"), which only the walk's own matching tells.
  return (path) => offsets.get(pathKey(path)) ?? (path.some((segment) => typeof segment === 'number') ? jsonOffsetOf(text, path) : undefined);
}

/** An object key matches by its text (`0` finds the key "0"); an array index only by number. */
function sameSegment(actual: string | number, wanted: string | number | undefined): boolean {
  return typeof actual === 'number' ? actual === wanted : actual === String(wanted);
}

function walkJson(text: string, visit: Visit): void {
  const path: (string | number)[] = [];
  // The keys seen in each open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  let at = skipSpace(text, 0);
  if (visit(path, at, false)) return;
  let expectValue = true;

  /** Read the key at `at`, visit it, and stop before its value. */
  const enterKey = (keys: Set<string>): boolean => {
    const end = stringEnd(text, at);
    const key = JSON.parse(text.slice(at, end)) as string;
    const repeated = keys.has(key);
    keys.add(key);
    path.push(key);
    if (visit(path, at, repeated)) return true;
    at = skipSpace(text, end) + 1; // past the colon
    return false;
  };

  for (;;) {
    at = skipSpace(text, at);
    if (at >= text.length) return;
    if (expectValue) {
      const char = text[at];
      if (char !== '{' && char !== '[') {
        at = scalarEnd(text, at);
        expectValue = false;
        continue;
      }
      const isObject = char === '{';
      at = skipSpace(text, at + 1);
      if (text[at] === (isObject ? '}' : ']')) {
        at += 1;
        expectValue = false;
        continue;
      }
      if (isObject) {
        const keys = new Set<string>();
        open.push(keys);
        if (enterKey(keys)) return;
      } else {
        open.push(null);
        path.push(0);
        if (visit(path, at, false)) return;
      }
      continue;
    }
    // After a value: a comma, or the end of the innermost object or array.
    const keys = open[open.length - 1];
    if (keys === undefined) return;
    const char = text[at];
    at += 1;
    if (char === ',') {
      at = skipSpace(text, at);
      if (keys) {
        path.pop();
        if (enterKey(keys)) return;
      } else {
        path[path.length - 1] = (path[path.length - 1] as number) + 1;
        if (visit(path, at, false)) return;
      }
      expectValue = true;
    } else {
      open.pop();
      path.pop();
    }
  }
}

function skipSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length && (text[index] === ' ' || text[index] === '\t' || text[index] === '\n' || text[index] === '\r')) index += 1;
  return index;
}

/** The end of the string starting at `start` (its opening quote). */
function stringEnd(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '"') return index + 1;
  }
  return text.length;
}

/** The end of the string, number or literal starting at `start`. */
function scalarEnd(text: string, start: number): number {
  if (text[start] === '"') return stringEnd(text, start);
  let index = start;
  while (index < text.length && !',}] \t\n\r'.includes(text[index] ?? ',')) index += 1;
  return index;
}
