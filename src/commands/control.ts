import { relative, resolve } from 'node:path';
import { loadDataMap } from '../load/datamap.js';
import { fileSystemPartials } from '../load/partials.js';
import { loadProfile } from '../load/profile.js';
import { readInputFile } from '../load/read-input.js';
import { InputError } from '../model/input-error.js';
import type { Profile } from '../model/profile.js';
import { controlTwin } from '../outcomes/control/control-twin.js';
import { formatControlNotes } from '../outcomes/control/notes-text.js';
import { TEMPLATE_EXTENSIONS, templateKindOf } from '../template/source.js';
import { EXIT, type CliIo } from './io.js';
import { emit, projectFor, type ProjectOptions } from './project.js';

export interface ControlOptions extends ProjectOptions {
  output?: string;
  profile: string[];
}

/**
 * `creeplint control`: write a template's de-personalised twin for a campaign's control
 * group (to stdout or --output), and tell on stderr what changed. Exit 0 when the twin is
 * helpful with no error, 1 when lines need a person (the twin is written all the same,
 * with a comment at each), 2 for a usage or input error.
 */
export async function control(template: string, options: ControlOptions, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const project = await projectFor([template], options, io);
  if (typeof project === 'number') return project;
  if (templateKindOf(template) === undefined) return refuse(io, new InputError({ file: template, message: `not a template (${TEMPLATE_EXTENSIONS.join(', ')})` }));
  if (options.output !== undefined && resolve(cwd, options.output) === resolve(cwd, template)) {
    return refuse(io, new InputError({ file: options.output, message: 'the twin would overwrite the template: write it to another file' }));
  }
  try {
    const dataMap = project.datamap === undefined ? undefined : await loadDataMap(project.datamap, cwd);
    for (const warning of dataMap?.warnings ?? []) io.stderr(`${warning.file}${warning.line === undefined ? '' : `:${warning.line}`}: warning: ${warning.message}\n`);
    const profiles: Profile[] = [];
    for (const file of options.profile) profiles.push(await loadProfile(file, cwd));
    const text = await readInputFile(template, 'template', cwd);
    const file = shown(template, cwd);
    const made = await controlTwin({
      file,
      location: resolve(cwd, template),
      text,
      dataMap,
      partials: fileSystemPartials({ templateFile: template, partialDirs: project.partials, cwd, partialNames: project.config?.settings.partialNames }),
      settings: project.config?.settings,
      profiles,
      now: new Date(),
    });
    if (!made.ok)
      return refuse(io, new InputError({ file, line: made.position.line, column: made.position.column, message: `${made.message}: a template that does not parse has no twin` }));
    await emit(made.twin.source, options.output, io);
    io.stderr(formatControlNotes(file, made.twin));
    return made.twin.needsHuman.length > 0 ? EXIT.findings : EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) return refuse(io, error);
    throw error;
  }
}

function refuse(io: CliIo, error: InputError): number {
  io.stderr(`${error.toString()}\n`);
  return EXIT.input;
}

function shown(template: string, cwd: string): string {
  const path = relative(cwd, resolve(cwd, template));
  return path.startsWith('..') ? template : path;
}
