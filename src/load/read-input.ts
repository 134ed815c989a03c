import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InputError } from '../model/input-error.js';
import { decodeText, notTextReason } from './decode-text.js';

/**
 * Read a file the user named (relative to `cwd`), or fail with one clear line saying
 * which. UTF-8 with or without a byte order mark and UTF-16 with one are read alike.
 */
export async function readInputFile(file: string, what: string, cwd: string = process.cwd()): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(resolve(cwd, file));
  } catch {
    throw new InputError({ file, message: `cannot read the ${what} file` });
  }
  const text = decodeText(bytes);
  const notText = notTextReason(text);
  if (notText !== undefined) throw new InputError({ file, message: `the ${what} file ${notText}` });
  return text;
}
