import type { DataMap } from '../model/datamap.js';
import type { LintResult } from '../model/finding.js';
import type { Profile } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import type { PartialSource } from '../template/partial-source.js';
import { evaluate } from './evaluate.js';
import { prepareTemplate, renderFor, type PreparedTemplate } from './prepare.js';
import { renderedEmail, type RenderedEmail } from './rendered-email.js';
import { shapeOf } from './shape.js';

export interface TemplateCheckInput {
  /** The path shown in reports (relative to the working directory in the CLI). */
  file: string;
  text: string;
  dataMap: DataMap | undefined;
  /** No profiles: the template is checked on its own, every token use counted. */
  profiles: readonly Profile[];
  partials: PartialSource;
  now: Date;
  /** From the configuration file: rule levels and options, custom helpers, the regional preset. */
  settings?: EngineSettings | undefined;
  /** Judge for these purposes instead of those in the template's front matter. */
  purposes?: readonly string[] | undefined;
}

export interface TemplateCheck {
  results: LintResult[];
  rendered: (RenderedEmail | undefined)[];
}

export async function checkTemplate(input: TemplateCheckInput): Promise<TemplateCheck> {
  const prepared = prepareTemplate(input);
  const results: LintResult[] = [];
  const rendered: (RenderedEmail | undefined)[] = [];
  const recipients: (Profile | undefined)[] = input.profiles.length > 0 ? [...input.profiles] : [undefined];
  for (const profile of recipients) {
    const outcome = await checkRecipient(prepared, { ...input, profile });
    results.push(outcome.result);
    rendered.push(outcome.rendered);
  }
  return { results, rendered };
}

async function checkRecipient(
  prepared: PreparedTemplate,
  input: { dataMap: DataMap | undefined; profile: Profile | undefined; now: Date },
): Promise<{ result: LintResult; rendered: RenderedEmail | undefined }> {
  const outcome = renderFor(prepared, input.profile, input.now);
  if (!outcome.ok) return { result: evaluate(prepared, { ...input, render: undefined, shape: undefined, renderProblem: outcome.message }), rendered: undefined };
  const shape = await shapeOf(prepared, outcome.render);
  const { source, analysis } = prepared;
  const rendered = renderedEmail(outcome.render, {
    html: shape.html ?? outcome.render.sections.body ?? '',
    format: source.kind === 'text' ? 'text' : 'html',
    uses: analysis.uses,
    mjml: source.kind === 'mjml' && shape.html !== undefined,
  });
  return { result: evaluate(prepared, { ...input, render: outcome.render, shape, renderProblem: undefined }), rendered };
}

