import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { PartialFile, PartialSource } from '../template/partial-source.js';
import { TEMPLATE_EXTENSIONS } from '../template/source.js';
import { decodeText } from './decode-text.js';

/**
 * Partials from the file system: by name from `partials/` beside the template and the
 * `--partials` folders (`{{> shared/footer}}` is `shared/footer.hbs`), and MJML includes
 * relative to the including file. Files are read only when their real path (symbolic
 * links resolved) is inside the template's own folder or a `--partials` folder: a link
 * that leads out of them, or a `../` that climbs out, is a partial that was not found.
 * The CLI and the server read partials through this one gate.
 */
export function fileSystemPartials(options: {
  templateFile: string;
  partialDirs: readonly string[];
  cwd: string;
  /** Names registered differently from their files (configuration `partial-names`). */
  partialNames?: ReadonlyMap<string, string> | undefined;
}): PartialSource {
  const templateDir = dirname(resolve(options.cwd, options.templateFile));
  const configuredDirs = options.partialDirs.map((dir) => resolve(options.cwd, dir));
  const directories = [join(templateDir, 'partials'), ...configuredDirs];
  let roots: string[] | undefined;
  // The folders as they really are, resolved once, when the first partial is asked for.
  const allowedRoots = (): string[] => (roots ??= [templateDir, ...configuredDirs].flatMap((dir) => realPath(dir) ?? []));
  const cache = new Map<string, PartialFile | undefined>();
  const listings = new Map<string, Set<string>>();
  // One directory listing instead of a stat per name and extension tried.
  const listed = (absolute: string): boolean => {
    const dir = dirname(absolute);
    let names = listings.get(dir);
    if (!names) {
      names = new Set(listing(dir));
      listings.set(dir, names);
    }
    return names.has(basename(absolute));
  };
  const read = (absolute: string): PartialFile | undefined => {
    if (cache.has(absolute)) return cache.get(absolute);
    let partial: PartialFile | undefined;
    const real = listed(absolute) ? realPath(absolute) : undefined;
    if (real !== undefined && allowedRoots().some((root) => isInside(real, root))) {
      try {
        if (statSync(real).isFile()) {
          partial = { file: shown(absolute, options.cwd), source: { text: decodeText(readFileSync(real)), origin: { line: 1, column: 1 } } };
        }
      } catch {
        partial = undefined;
      }
    }
    cache.set(absolute, partial);
    return partial;
  };
  return {
    byName(name) {
      // Senders often register `linkCollective` from link-collective.hbs.
      const mapped = options.partialNames?.get(name);
      const names = [...new Set([...(mapped === undefined ? [] : [mapped]), name, kebabCase(name)])];
      for (const directory of directories) {
        for (const candidateName of names) {
          for (const extension of ['', ...TEMPLATE_EXTENSIONS]) {
            const candidate = resolve(directory, `${candidateName}${extension}`);
            if (!isInside(candidate, directory)) continue;
            const found = read(candidate);
            if (found) return found;
          }
        }
      }
      return undefined;
    },
    byInclude(fromFile, path) {
      if (path.includes('\0')) return undefined;
      const base = dirname(resolve(options.cwd, fromFile));
      const candidates = [path, path.endsWith('.mjml') ? path : `${path}.mjml`].map((candidate) => resolve(base, candidate));
      for (const candidate of candidates) {
        if (!isInside(candidate, templateDir) && !configuredDirs.some((dir) => isInside(candidate, dir))) continue;
        const found = read(candidate);
        if (found) return found;
      }
      return undefined;
    },
  };
}

function realPath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function listing(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whether a path lies strictly inside a folder (both as they really are: resolve symbolic links first). */
export function isInside(file: string, directory: string): boolean {
  const path = relative(directory, file);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}

function shown(absolute: string, cwd: string): string {
  const path = relative(cwd, absolute);
  return path.startsWith('..') ? absolute : path;
}

function kebabCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/gu, '$1-$2').toLowerCase();
}
