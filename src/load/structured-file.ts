import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { InputError } from '../model/input-error.js';
import type { Position } from '../model/location.js';

/** A parsed YAML or JSON file that can still say where each value came from. */
export interface StructuredFile {
  file: string;
  value: unknown;
  /** Position of the key (or, failing that, the value) at `path`, 1-based. */
  positionOf(path: readonly (string | number)[]): Position | undefined;
}

/**
 * Parse YAML or JSON (JSON is read with the same parser, so both report positions the
 * same way). Syntax errors become an InputError at the first bad position.
 */
export function parseStructuredFile(text: string, file: string): StructuredFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const firstError = document.errors[0];
  if (firstError) {
    const offset = firstError.pos[0];
    const { line, col } = lineCounter.linePos(offset);
    throw new InputError({ file, line, column: col, message: `invalid ${describe(file)}: ${firstLine(firstError.message)}` });
  }
  const value: unknown = document.toJS({ maxAliasCount: 100 });
  const positionAt = (offset: number | undefined): Position | undefined => {
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    file,
    value,
    positionOf(path) {
      let node: unknown = document.contents;
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
      const target = keyNode ?? (node as Node | null | undefined);
      return positionAt(target?.range?.[0]);
    },
  };
}

function describe(file: string): string {
  return file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
}

/** The yaml package appends its own "at line L, column C:" and a code frame; we give the position ourselves. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  const at = line.lastIndexOf(' at line ');
  return at > 0 ? line.slice(0, at) : line;
}
