import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Position } from '../model/location.js';

export interface MjmlProblem {
  message: string;
  tagName: string;
  /** Line in the Handlebars output that mjml compiled. */
  renderedLine: number;
}

export type MjmlOutcome = { ok: true; html: string; problems: MjmlProblem[] } | { ok: false; message: string; renderedLine?: number | undefined };

type Mjml2Html = (input: string, options: Record<string, unknown>) => Promise<{ html: string; errors: { line: number; message: string; tagName: string }[] }>;

let mjmlModule: Promise<Mjml2Html> | undefined;

/** mjml takes about half a second to load, so it is loaded only when an MJML template is checked. */
function loadMjml(): Promise<Mjml2Html> {
  mjmlModule ??= import('mjml').then((module) => (module.default ?? module) as unknown as Mjml2Html);
  return mjmlModule;
}

/**
 * Compile MJML that Handlebars has already rendered. CSS and HTML includes are read by
 * mjml, only from the template's own folder; MJML includes were already inlined as
 * partials by the analysis.
 */
export async function compileMjml(markup: string, templateFile: string): Promise<MjmlOutcome> {
  const mjml2html = await loadMjml();
  try {
    // A template given as text (no file) has nothing to include from.
    const includes = existsSync(templateFile)
      ? { filePath: templateFile, ignoreIncludes: false, includePath: [dirname(templateFile)] }
      : { ignoreIncludes: true };
    const output = await mjml2html(markup, { validationLevel: 'soft', ...includes });
    return {
      ok: true,
      html: output.html,
      problems: output.errors.map((error) => ({ message: error.message, tagName: error.tagName, renderedLine: error.line })),
    };
  } catch (error) {
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'mjml failed') : String(error);
    return { ok: false, message };
  }
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
