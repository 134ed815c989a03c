import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A worker thread's script: beside the module that starts it when built, or the built
 * copy when that module runs from source (tests import the TypeScript).
 */
export function workerScript(from: string, folder: string, name: string): URL {
  const sibling = new URL(`./${name}.js`, from);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  return new URL(`../../dist/${folder}/${name}.js`, from);
}
