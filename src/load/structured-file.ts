import type { Document, Node } from 'yaml';
import { yamlPackage } from '../lazy-package.js';
import { InputError } from '../model/input-error.js';
import type { Position } from '../model/location.js';
import { parseYaml, YAML_TOO_DEEP } from '../template/source.js';
import { firstDuplicateKey, jsonOffsets, type JsonPath } from './json-keys.js';
import { parseJsonText, positionAt, linePositions } from './json-text.js';

/** A parsed YAML or JSON file that can still say where each value came from. */
export interface StructuredFile {
  file: string;
  value: unknown;
  /** Position of the key (or, failing that, the value) at `path`, 1-based. */
  positionOf(path: readonly (string | number)[]): Position | undefined;
}

/**
 * Parse YAML or JSON. A `.json` file is read as JSON (`parseJsonFile`); anything else as
 * YAML. Syntax errors become an InputError at the first bad position.
 */
export function parseStructuredFile(input: string, file: string): StructuredFile {
  if (file.toLowerCase().endsWith('.json')) return parseJsonFile(input, file);
  const text = withoutBom(input);
  const yaml = readYaml(text);
  const firstError = yaml?.document.errors[0];
  if (!yaml || firstError) {
    const position = yaml && firstError ? yaml.position(firstError.pos[0]) : { line: 1, column: 1 };
    const reason = firstError ? firstLine(firstError.message) : YAML_TOO_DEEP;
    throw new InputError({ file, ...position, message: `invalid YAML: ${reason}` });
  }
  let value: unknown;
  try {
    value = yaml.document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError({ file, line: 1, column: 1, message: `invalid YAML: ${firstLine(error instanceof Error ? error.message : String(error))}` });
  }
  return { file, value, positionOf: positionsIn(yaml) };
}

/**
 * Parse JSON with JSON.parse, so a syntax error is told in JSON's words (never quoting
 * the text: a profile is a customer's data). A tokenizer of its own (json-keys.ts) then
 * catches duplicate keys, which JSON.parse would silently resolve to the last, and finds
 * the position of each key: a JSON file never loads the YAML parser.
 */
export function parseJsonFile(input: string, file: string): StructuredFile {
  const text = withoutBom(input);
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new InputError({ file, ...positionAt(text, parsed.offset), message: `invalid JSON: ${parsed.reason}` });
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== undefined) throw new InputError({ file, ...positionAt(text, duplicate), message: 'duplicate key: JSON.parse would keep only the last of them' });
  let offsetOf: ((path: JsonPath) => number | undefined) | undefined;
  let positionOfOffset: ((offset: number) => Position) | undefined;
  return {
    file,
    value: parsed.value,
    positionOf: (path) => {
      // Worked out on the first question, once: a data map asks where each of its fields is.
      offsetOf ??= jsonOffsets(text);
      positionOfOffset ??= linePositions(text);
      const offset = offsetOf(path);
      return offset === undefined ? undefined : positionOfOffset(offset);
    },
  };
}

/** Text read by a caller of its own (the library's `parse…` functions) may still start with a byte order mark. */
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

interface YamlDocument {
  document: Document.Parsed;
  position(offset: number): Position;
}

/** The document, or nothing when it nests too deeply for the yaml package to read safely. */
function readYaml(text: string): YamlDocument | undefined {
  const lineCounter = new (yamlPackage().LineCounter)();
  const document = parseYaml(text, { lineCounter, uniqueKeys: true });
  if (document === 'too-deep') return undefined;
  return {
    document,
    position(offset) {
      const { line, col } = lineCounter.linePos(offset);
      return { line, column: col };
    },
  };
}

function positionsIn(yaml: YamlDocument): (path: readonly (string | number)[]) => Position | undefined {
  const { isMap, isScalar, isSeq } = yamlPackage();
  return (path) => {
    let node: unknown = yaml.document.contents;
    let keyNode: Node | undefined;
    for (const segment of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) return undefined;
        keyNode = isScalar(pair.key) ? pair.key : undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
    }
    const offset = (keyNode ?? (node as Node | null | undefined))?.range?.[0];
    return offset === undefined ? undefined : yaml.position(offset);
  };
}

/**
 * The yaml package appends its own "at line L, column C:" and a code frame; we give the
 * position ourselves. Some of its messages quote the text (a token, an alias's or a tag's
 * name, an escape sequence): that is left out too, as for JSON.
 */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  const at = line.lastIndexOf(' at line ');
  let reason = at > 0 ? line.slice(0, at) : line;
  for (const [quoting, replacement] of YAML_QUOTES) reason = reason.replace(quoting, replacement);
  return reason;
}

const YAML_QUOTES: readonly [RegExp, string][] = [
  [/: .*$/su, ''],
  [/^Invalid escape sequence .*$/su, 'Invalid escape sequence'],
  [/^Unknown directive .*$/su, 'Unknown directive'],
  [/^The .* tag has no suffix$/su, 'A tag has no suffix'],
  [/^Verbatim tags aren't resolved, so .* is invalid\.?$/su, "Verbatim tags aren't resolved"],
];
