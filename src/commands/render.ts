import { highlightedEmail } from '../report/html/highlighted-email.js';
import { EXIT, type CliIo } from './io.js';
import { emit, limitsOf, lintOrReport, projectFor, type ProjectOptions } from './project.js';

export interface RenderOptions extends ProjectOptions {
  profile: string;
  output?: string;
  highlight?: boolean;
}

/** Rendering is for previews and pasting into an ESP: it exits 0 when the email rendered, whatever the findings. */
export async function render(template: string, options: RenderOptions, io: CliIo): Promise<number> {
  const project = await projectFor([template], options, io);
  if (typeof project === 'number') return project;
  const outcome = await lintOrReport({ ...project, profiles: [options.profile], limits: limitsOf(options) }, io);
  if (typeof outcome === 'number') return outcome;
  const result = outcome.results[0];
  const email = outcome.rendered[0];
  const failure = result?.findings.find((finding) => finding.ruleId === 'render-error' || finding.ruleId === 'parse-error');
  if (!result || !email || failure) {
    io.stderr(`${template}: the email could not be rendered${failure ? `: ${failure.line}:${failure.column} ${failure.message}` : ''}\n`);
    return EXIT.input;
  }
  await emit(options.highlight ? highlightedEmail(result, email) : email.body, options.output, io);
  return EXIT.ok;
}
