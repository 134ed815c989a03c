import type { SourceRange } from '../model/location.js';
import { compileMjml, locateMjmlProblem } from '../template/mjml.js';
import { placeValues, type Placements } from '../template/place.js';
import type { TracedRender } from '../template/render.js';
import type { TemplateProblem } from '../template/uses.js';
import { visibleCopy, type VisibleCopy } from '../template/visible-text.js';
import type { PreparedTemplate } from './prepare.js';

/**
 * What the finished email's structure says, which depends only on the branches the
 * render took (its shape), not on the values: where each value landed, the words and
 * links a reader sees, and MJML's complaints. The checker computes it once per shape.
 */
export interface ShapeFacts {
  html: string | undefined;
  placements: Placements;
  copy: VisibleCopy;
  problems: TemplateProblem[];
}

export async function shapeOf(prepared: PreparedTemplate, render: TracedRender): Promise<ShapeFacts> {
  const { source, analysis } = prepared;
  const origin: SourceRange = { file: source.file, start: source.body.origin, end: source.body.origin };
  const problems: TemplateProblem[] = [];
  const body = render.sections.body ?? '';
  let html: string | undefined;
  // An MJML file without an <mjml> root is a fragment for <mj-include>: read it as markup.
  if (source.kind === 'mjml' && analysis.programs.body && body.includes('<mjml')) {
    const mjml = await compileMjml(body, source.file);
    if (mjml.ok) {
      html = mjml.html;
      for (const problem of mjml.problems) {
        const start = locateMjmlProblem(problem, body, source.body);
        problems.push({ ruleId: 'invalid-mjml', message: `MJML: ${problem.message}`, range: { file: source.file, start, end: start } });
      }
    } else {
      problems.push({ ruleId: 'invalid-mjml', message: `MJML could not be compiled: ${mjml.message}`, range: origin });
    }
  }
  const frontMatter = { subject: source.subject !== undefined, preheader: source.preheader !== undefined };
  return {
    html,
    placements: placeValues(render, { kind: source.kind, html, frontMatter }),
    copy: visibleCopy(render, { kind: source.kind, html }),
    problems,
  };
}
