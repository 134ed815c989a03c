import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../model/input-error.js';

/** Read a file the user named (relative to `cwd`), or fail with one clear line saying which. */
export async function readInputFile(file: string, what: string, cwd: string = process.cwd()): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch {
    throw new InputError({ file, message: `cannot read the ${what} file` });
  }
}
