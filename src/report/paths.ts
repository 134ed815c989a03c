import { isAbsolute, relative, sep } from 'node:path';

/** A report path relative to the working directory with forward slashes, as CI annotations expect. */
export function reportPath(file: string, cwd: string): string {
  const path = isAbsolute(file) ? relative(cwd, file) : file;
  return path.split(sep).join('/');
}
