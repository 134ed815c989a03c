import { stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../model/input-error.js';
import { TEMPLATE_EXTENSIONS } from '../template/source.js';

const TEMPLATE_GLOB = `**/*{${TEMPLATE_EXTENSIONS.join(',')}}`;

/**
 * Expand the command line's files, directories and globs into template files, sorted
 * and without duplicates. Files inside a `partials/` folder are partials, not emails,
 * whether a directory or a glob reached them, unless the glob names that folder.
 * Arguments that match nothing are returned as problems; the rest are still checked.
 */
export async function expandTemplateArguments(patterns: readonly string[], cwd: string): Promise<{ files: string[]; problems: InputError[] }> {
  const files = new Set<string>();
  const problems: InputError[] = [];
  for (const pattern of patterns) {
    let matched: string[] = [];
    if (isDynamicPattern(pattern)) {
      // A glob reaches into partials/ folders only when it names one itself (`emails/partials/*.hbs`).
      const ignore = ['**/node_modules/**', ...(pattern.split(/[\\/]/u).includes('partials') ? [] : ['**/partials/**'])];
      matched = await glob(pattern, { cwd, absolute: true, onlyFiles: true, ignore });
      matched = matched.filter(isTemplateFile);
    } else {
      const absolute = resolve(cwd, pattern);
      const info = await stat(absolute).catch(() => undefined);
      if (info?.isDirectory()) {
        matched = await glob(TEMPLATE_GLOB, { cwd: absolute, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/partials/**'] });
      } else if (info?.isFile()) {
        matched = [absolute];
      } else {
        problems.push(new InputError({ file: pattern, message: 'no such file or directory' }));
        continue;
      }
    }
    if (matched.length === 0) problems.push(new InputError({ file: pattern, message: `matches no template (${TEMPLATE_EXTENSIONS.join(', ')})` }));
    for (const file of matched) files.add(displayPath(file, cwd));
  }
  return { files: [...files].sort(), problems };
}

function isTemplateFile(file: string): boolean {
  return TEMPLATE_EXTENSIONS.some((extension) => file.toLowerCase().endsWith(extension));
}

/** Paths in reports are relative to the working directory, as CI annotations expect. */
export function displayPath(file: string, cwd: string): string {
  const path = relative(cwd, file);
  return path === '' || path.startsWith('..') ? file : path;
}
