import { readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { TEMPLATE_EXTENSIONS, templateKindOf } from '../template/source.js';
import { HttpError } from './http.js';
import { isInside } from '../load/partials.js';

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

  /** A template by its name under the folder: its text, its real path, and its name from the folder's real path. */
  async openTemplate(name: string): Promise<{ name: string; path: string; text: string }> {
    const { path, root } = await inside(this.templatesDir, name, 'template');
    if (templateKindOf(path) === undefined) throw new HttpError(404, NOT_A_TEMPLATE);
    return { name: relative(root, path).split(sep).join('/'), path, text: await readFile(path, 'utf8') };
  }

  async readTemplate(name: string): Promise<string> {
    return (await this.openTemplate(name)).text;
  }

  /** Write back a template that is already in the folder; never create or write anything else. */
  async saveTemplate(name: string, source: string): Promise<void> {
    const { path } = await inside(this.templatesDir, name, 'template');
    if (templateKindOf(path) === undefined) throw new HttpError(404, NOT_A_TEMPLATE);
    await writeFile(path, source, 'utf8');
  }

  /**
   * A partial's source, by the name findings give its file: relative to the templates
   * folder (`partials/footer.hbs`), or the path in a configured partials folder. Only a
   * template file inside the templates folder or one of those folders is read.
   */
  async readPartial(name: string, partialDirs: readonly string[]): Promise<{ name: string; text: string }> {
    const notFound = new HttpError(404, 'no partial by that name in the templates folder or the partials folders');
    if (name === '' || name.includes('\0') || templateKindOf(name) === undefined) throw notFound;
    const root = await realpath(this.templatesDir);
    let file: string;
    try {
      file = await realpath(resolve(root, name));
    } catch {
      throw notFound;
    }
    const roots = [root, ...(await Promise.all(partialDirs.map((dir) => realpath(resolve(root, dir)).catch(() => undefined))))].filter((dir): dir is string => dir !== undefined);
    if (!roots.some((dir) => isInside(file, dir))) throw notFound;
    if (!(await stat(file)).isFile()) throw notFound;
    return { name, text: await readFile(file, 'utf8') };
  }

  async readProfile(name: string): Promise<string> {
    if (!this.profilesDir) throw new HttpError(404, 'no profiles folder: start the server with --profiles DIR');
    return readFile((await inside(this.profilesDir, name, 'profile')).path, 'utf8');
  }

  /** The templates folder's real path: where a draft that is not a template here sits, for its partials and includes. */
  async templatesRoot(): Promise<string> {
    return realpath(this.templatesDir);
  }

  /** The template a draft's `file` (or an old-style `template`) names, or undefined when it is not a name of one here. */
  async findTemplate(candidate: string): Promise<{ name: string; path: string; text: string } | undefined> {
    if (candidate.includes('\n') || candidate.includes('{{') || templateKindOf(candidate) === undefined) return undefined;
    try {
      return await this.openTemplate(candidate);
    } catch (error) {
      if (error instanceof HttpError) return undefined;
      throw error;
    }
  }
}

/**
 * Text that can only be a template's file name: one word ending in a template extension,
 * with nothing HTML or a template language would read (`welcome.hbs`, `shop/promo.mjml`).
 * No email is that text, so when no template has that name it is a name not found.
 */
export function isOnlyATemplateName(text: string): boolean {
  return /^[^\s<>{}%]+$/u.test(text) && templateKindOf(text) !== undefined;
}

/** A name is never repeated back: it came from the request. */
const NOT_A_TEMPLATE = `not a template (${TEMPLATE_EXTENSIONS.join(', ')})`;

/**
 * The real path of an existing regular file named inside a folder (symbolic links resolved,
 * and refused when they lead out), with the folder's real path; 404 for anything else.
 */
async function inside(folder: string, name: string, what: string): Promise<{ path: string; root: string }> {
  const notFound = new HttpError(404, `no ${what} by that name in the ${what}s folder`);
  if (name === '' || name.includes('\0') || isAbsolute(name)) throw notFound;
  const root = await realpath(folder);
  let file: string;
  try {
    file = await realpath(resolve(root, name));
  } catch {
    throw notFound;
  }
  if (!isInside(file, root)) throw notFound;
  if (!(await stat(file)).isFile()) throw notFound;
  return { path: file, root };
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
