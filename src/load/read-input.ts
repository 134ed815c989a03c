import { readFile } from 'node:fs/promises';
import { InputError } from '../model/input-error.js';

/** Read a file the user named, or fail with one clear line saying which. */
export async function readInputFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    throw new InputError({ file, message: `cannot read the ${what} file` });
  }
}
