import { InputError } from '../model/input-error.js';
import type { Baseline } from '../model/baseline.js';
import { isRecord } from './datamap.js';
import { readInputFile } from './read-input.js';
import { parseStructuredFile } from './structured-file.js';

/** Read `.creeplint-baseline.json`, checking its shape. */
export async function loadBaseline(file: string, cwd?: string): Promise<Baseline> {
  const parsed = parseStructuredFile(await readInputFile(file, 'baseline', cwd), file);
  const value = parsed.value;
  if (!isRecord(value) || value['version'] !== 1 || !Array.isArray(value['results'])) {
    throw new InputError({ file, line: 1, column: 1, message: 'not a creeplint baseline (expected { "version": 1, "results": [...] }); recreate it with --update-baseline' });
  }
  return value as unknown as Baseline;
}
