import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { prepareTemplateLoading } from '../engine/prepare.js';
import { fileSystemPartials } from '../load/partials.js';
import { expandTemplateArguments } from '../load/template-files.js';
import type { InitSurvey } from './starter-files.js';

/** Read the templates once to learn the fields and helpers a starter configuration needs. */
export async function surveyTemplates(patterns: readonly string[], cwd: string): Promise<InitSurvey> {
  const { files } = await expandTemplateArguments(patterns, cwd);
  const fields = new Set<string>();
  const helpers = new Set<string>();
  const partials = new Set<string>();
  const purposes = new Set<string>();
  for (const file of files) {
    const absolute = resolve(cwd, file);
    const partialDir = join(dirname(absolute), 'partials');
    if (existsSync(partialDir)) partials.add(relative(cwd, partialDir) || '.');
    const prepared = await prepareTemplateLoading({
      file,
      text: await readFile(absolute, 'utf8'),
      dataMap: undefined,
      partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd }),
    });
    for (const purpose of prepared.source.purposes) purposes.add(purpose);
    for (const use of prepared.analysis.uses) fields.add(use.field);
    for (const problem of prepared.analysis.problems) if (problem.ruleId === 'no-unknown-helper' && problem.subject) helpers.add(problem.subject);
  }
  return {
    templates: [...patterns],
    partials: [...partials].sort(),
    purposes: [...purposes].sort(),
    fields: [...fields].sort(),
    helpers: [...helpers].sort(),
  };
}
