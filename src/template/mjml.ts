import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Position } from '../model/location.js';

export interface MjmlProblem {
  message: string;
  tagName: string;
  /** Line in the Handlebars output that mjml compiled. */
  renderedLine: number;
}

export type MjmlOutcome = { ok: true; html: string; problems: MjmlProblem[] } | { ok: false; message: string; renderedLine?: number | undefined };

/** A node of the tree mjml parsed; an `<mj-include>` it did not read is left as one carrying an error. */
interface MjmlNode {
  tagName?: string;
  line?: number;
  errors?: { type?: string }[];
  children?: MjmlNode[];
}

type Mjml2Html = (input: string, options: Record<string, unknown>) => Promise<{ html: string; json?: MjmlNode; errors: { line: number; message: string; tagName: string }[] }>;

let mjmlModule: Promise<Mjml2Html> | undefined;

/** mjml takes about half a second to load, so it is loaded only when an MJML template is checked. */
function loadMjml(): Promise<Mjml2Html> {
  mjmlModule ??= import('mjml').then((module: { default?: unknown }) => (module.default ?? module) as Mjml2Html);
  return mjmlModule;
}

/**
 * Compile MJML that Handlebars has already rendered. MJML includes were already inlined
 * as partials by the analysis; CSS and HTML includes (`type="css"`, `type="html"`) are
 * read by mjml, which (as of 5.4.1) reads only files whose real path, symbolic links
 * resolved, is inside the folder of `filePath`: here the template's own folder. An include
 * it does not read (missing, climbing out with `../`, a link leading out) is a problem at
 * the tag, whose message never repeats the path (it may be built from a value).
 */
export async function compileMjml(markup: string, templateFile: string): Promise<MjmlOutcome> {
  const mjml2html = await loadMjml();
  try {
    // A template given as text (no file) has nothing to include from: mjml drops its includes.
    const file = resolve(templateFile);
    const includes = isFile(file) ? { filePath: file, ignoreIncludes: false } : { ignoreIncludes: true };
    const output = await mjml2html(markup, { validationLevel: 'soft', ...includes });
    return {
      ok: true,
      html: output.html,
      problems: [
        // mjml's own message for an unreadable include quotes its path; the tree says it without.
        ...output.errors
          .filter((error) => !error.message.startsWith('mj-include fails to read file'))
          .map((error) => ({ message: error.message, tagName: error.tagName, renderedLine: error.line })),
        ...unreadIncludes(output.json).map((line) => ({ message: UNREAD_INCLUDE, tagName: 'mj-include', renderedLine: line })),
      ],
    };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'mjml failed') : String(error);
    return { ok: false, message };
  }
}

const UNREAD_INCLUDE = "included file was not found in the template's folder (includes are read only there, symbolic links followed to where they lead)";

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Lines of the includes mjml did not read: refused (`include-denied`) or unreadable (`include`). */
function unreadIncludes(root: MjmlNode | undefined): number[] {
  const lines: number[] = [];
  const pending = root ? [root] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.errors?.some((error) => error.type === 'include' || error.type === 'include-denied')) lines.push(node.line ?? 1);
    if (node.children) pending.push(...node.children);
  }
  return lines.sort((a, b) => a - b);
}

/**
 * Map an mjml problem back to the template: mjml reports lines of the rendered markup,
 * so find the same occurrence of the same tag in the template source.
 */
export function locateMjmlProblem(problem: MjmlProblem, rendered: string, source: { text: string; origin: Position }): Position {
  const tag = `<${problem.tagName}`;
  const renderedLines = rendered.split('\n');
  const before = renderedLines.slice(0, Math.max(0, problem.renderedLine - 1)).join('\n');
  const occurrence = countOccurrences(before, tag);
  let index = -1;
  for (let seen = 0; seen <= occurrence; seen += 1) {
    index = source.text.indexOf(tag, index + 1);
    if (index === -1) break;
  }
  if (index === -1) return { line: source.origin.line + problem.renderedLine - 1, column: 1 };
  const prefix = source.text.slice(0, index);
  const line = prefix.split('\n').length - 1;
  const column = line === 0 ? source.origin.column + index : index - prefix.lastIndexOf('\n');
  return { line: source.origin.line + line, column };
}

function countOccurrences(text: string, needle: string): number {
  let count = 0;
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + 1)) count += 1;
  return count;
}
