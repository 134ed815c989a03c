import { isMap, isScalar, isSeq, LineCounter, stringify, type Node, type Scalar } from 'yaml';
import { parseYaml, scalarText } from '../../template/source.js';
import type { Range } from './html-context.js';
import type { TextEdit } from './text-edits.js';

/** A subject or preheader in the front matter: its text, and where its YAML is in the file. */
export interface FrontMatterScalar {
  value: string;
  /** The scalar as written, quotes included. */
  range: Range;
  type: Scalar.Type | undefined;
  /** Where its line ends (before any `\r`): a comment about it goes there. */
  lineEnd: number;
  /** 1-based line in the file. */
  line: number;
}

/** The `purpose:` entry: a name, a flow list (`[a, b]`) or a block list (`- a`). */
export interface FrontMatterPurposes {
  names: string[];
  kind: 'scalar' | 'flow' | 'block';
  range: Range;
  /** Each name's whole line (block lists), to drop with it. */
  itemLines: Range[];
}

export interface FrontMatter {
  subject?: FrontMatterScalar | undefined;
  preheader?: FrontMatterScalar | undefined;
  purposes?: FrontMatterPurposes | undefined;
}

/**
 * The parts of a template's YAML front matter the twin edits, with their places in the
 * text (the byte order mark left out), read with the yaml package as the engine reads
 * them (template/source.ts). Undefined without front matter or when it does not parse.
 */
export function readFrontMatter(content: string): FrontMatter | undefined {
  const firstEnd = content.indexOf('\n');
  if (firstEnd === -1 || content.slice(0, firstEnd).replace(/\r$/u, '') !== '---') return undefined;
  const start = firstEnd + 1;
  let closing = -1;
  for (let lineStart = start; lineStart < content.length;) {
    const lineEnd = content.indexOf('\n', lineStart);
    const line = content.slice(lineStart, lineEnd === -1 ? content.length : lineEnd).replace(/\r$/u, '');
    if (line === '---') {
      closing = lineStart;
      break;
    }
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  if (closing === -1) return undefined;
  const yamlText = content.slice(start, Math.max(start, closing - 1));
  const lineCounter = new LineCounter();
  const document = parseYaml(yamlText, { lineCounter, uniqueKeys: true });
  if (document === 'too-deep' || document.errors.length > 0 || !isMap(document.contents)) return undefined;
  // The front matter starts on line 2 of the file.
  const lineOf = (offset: number): number => lineCounter.linePos(offset).line + 1;
  const found: FrontMatter = {};
  for (const pair of document.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const value = pair.value as Node | null;
    if ((key === 'subject' || key === 'preheader') && isScalar(value) && value.value != null && value.range) {
      const end = start + value.range[1];
      const newline = content.indexOf('\n', end);
      const lineEnd = (newline === -1 ? content.length : newline) - (content[newline - 1] === '\r' ? 1 : 0);
      found[key] = { value: scalarText(value), range: { start: start + value.range[0], end }, type: value.type, lineEnd, line: lineOf(value.range[0]) };
    } else if ((key === 'purpose' || key === 'purposes') && value?.range) {
      const range = { start: start + value.range[0], end: start + value.range[1] };
      if (isScalar(value)) found.purposes = { names: [String(value.value)], kind: 'scalar', range, itemLines: [] };
      else if (isSeq(value)) {
        const items = value.items.filter((item): item is Scalar => isScalar(item));
        const itemLines = items.map((item) => lineAround(content, start + (item.range?.[0] ?? 0)));
        found.purposes = { names: items.map((item) => String(item.value)), kind: value.flow ? 'flow' : 'block', range, itemLines };
      }
    }
  }
  return found;
}

/** The scalar's new text, written in its own style where YAML allows (quoted, or plain when it can be). */
export function scalarEdit(scalar: FrontMatterScalar, value: string): TextEdit {
  return { ...scalar.range, text: encodeScalar(value, scalar.type) };
}

/**
 * A YAML comment at the end of the scalar's line: the front matter's way of saying
 * something at that line. None when the line already says it (a twin made again).
 */
export function commentEdits(content: string, scalar: FrontMatterScalar, message: string): TextEdit[] {
  const comment = ` # creeplint-control: ${message.replaceAll('\n', ' ')}`;
  return content.slice(scalar.range.end, scalar.lineEnd).includes(comment) ? [] : [{ start: scalar.lineEnd, end: scalar.lineEnd, text: comment }];
}

/** Keep only these purposes, in the list's own style; a block list loses the lines of the others. */
export function purposeEdits(purposes: FrontMatterPurposes, kept: readonly string[]): TextEdit[] {
  if (purposes.kind === 'scalar' || kept.length === purposes.names.length) return [];
  if (purposes.kind === 'flow') return [{ ...purposes.range, text: `[${kept.join(', ')}]` }];
  return purposes.names.flatMap((name, index) => {
    const line = purposes.itemLines[index];
    return kept.includes(name) || !line ? [] : [{ ...line, text: '' }];
  });
}

function encodeScalar(value: string, type: Scalar.Type | undefined): string {
  if (type === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  if (type === 'PLAIN') {
    const plain = stringify(value, { lineWidth: 0 }).replace(/\n$/u, '');
    if (!plain.includes('\n')) return plain;
  }
  // JSON's string syntax is YAML's double-quoted style.
  return JSON.stringify(value);
}

/** The whole line an offset is on, with its line end. */
function lineAround(content: string, offset: number): Range {
  const start = content.lastIndexOf('\n', offset - 1) + 1;
  const newline = content.indexOf('\n', offset);
  return { start, end: newline === -1 ? content.length : newline + 1 };
}
