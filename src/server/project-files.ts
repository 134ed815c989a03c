import { readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { templateKindOf } from '../template/source.js';
import { HttpError } from './http.js';

/**
 * The folders the server may read (templates, profiles) and the only one it may write
 * (templates, and only files already there). A name from a request is resolved inside its
 * folder, symbolic links included, or refused.
 */
export class ProjectFiles {
  constructor(
    readonly templatesDir: string,
    readonly profilesDir: string | undefined,
  ) {}

  /** Template files under the folder, by relative name (its `partials/` left out: they are not emails). */
  async templateNames(): Promise<string[]> {
    const names = await listFiles(this.templatesDir, (name) => templateKindOf(name) !== undefined && !name.split('/').includes('partials'));
    return names.sort();
  }

  async profileNames(): Promise<string[]> {
    if (!this.profilesDir) return [];
    return (await listFiles(this.profilesDir, (name) => name.toLowerCase().endsWith('.json'))).sort();
  }

  async readTemplate(name: string): Promise<string> {
    const file = await inside(this.templatesDir, name, 'template');
    if (templateKindOf(file) === undefined) throw new HttpError(404, `\`${name}\` is not a template (.hbs, .handlebars, .mjml, .txt)`);
    return readFile(file, 'utf8');
  }

  /** Write back a template that is already in the folder; never create or write anything else. */
  async saveTemplate(name: string, source: string): Promise<void> {
    const file = await inside(this.templatesDir, name, 'template');
    if (templateKindOf(file) === undefined) throw new HttpError(404, `\`${name}\` is not a template (.hbs, .handlebars, .mjml, .txt)`);
    await writeFile(file, source, 'utf8');
  }

  async readProfile(name: string): Promise<string> {
    if (!this.profilesDir) throw new HttpError(404, 'no profiles folder: start the server with --profiles DIR');
    return readFile(await inside(this.profilesDir, name, 'profile'), 'utf8');
  }

  /** Whether a request's `template` names a file here (rather than being source text). */
  async isTemplateName(candidate: string): Promise<boolean> {
    if (candidate.includes('\n') || candidate.includes('{{') || templateKindOf(candidate) === undefined) return false;
    try {
      await inside(this.templatesDir, candidate, 'template');
      return true;
    } catch {
      return false;
    }
  }
}

/** The real path of an existing regular file named inside a folder; 404 for anything else. */
async function inside(folder: string, name: string, what: string): Promise<string> {
  const notFound = new HttpError(404, `no ${what} named \`${name}\``);
  if (name === '' || name.includes('\0') || isAbsolute(name)) throw notFound;
  const root = await realpath(folder);
  let file: string;
  try {
    file = await realpath(resolve(root, name));
  } catch {
    throw notFound;
  }
  const path = relative(root, file);
  if (path === '' || path.startsWith(`..${sep}`) || path === '..' || isAbsolute(path)) throw notFound;
  if (!(await stat(file)).isFile()) throw notFound;
  return file;
}

async function listFiles(folder: string, keep: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(dir, entry.name), name);
      else if (entry.isFile() && keep(name)) found.push(name);
    }
  };
  await walk(folder, '');
  return found;
}
