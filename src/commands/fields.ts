import { formatFields } from '../report/fields.js';
import { EXIT, type CliIo } from './io.js';
import { lintOrReport, projectFor, type ProjectOptions } from './project.js';

/** `creeplint fields`: what each template reads, and so what a sender must pass. */
export async function fields(templates: string[], options: ProjectOptions & { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const project = await projectFor(templates, options, io);
  if (typeof project === 'number') return project;
  const outcome = await lintOrReport({ ...project, profiles: [] }, io);
  if (typeof outcome === 'number') return outcome;
  const listing = outcome.results.map((result) => ({ template: result.template, fields: result.fields }));
  io.stdout(options.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatFields(listing));
  return EXIT.ok;
}
