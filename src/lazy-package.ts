import { createRequire } from 'node:module';
import type * as AjvPackage from 'ajv';
import type * as YamlPackage from 'yaml';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package, loaded the first time a run needs it instead of when creeplint
 * starts: a check without a configuration never loads Ajv, a template without front
 * matter never loads the YAML parser. `require`, not `import()`, because the callers are
 * synchronous (parseConfig, splitTemplateSource) and, for a CommonJS package, it gives
 * the very module that `import` would.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}

/** The YAML parser: front matter, YAML data maps and configuration, the lexicons. */
export const yamlPackage = lazyPackage<typeof YamlPackage>('yaml');

/** The JSON Schema validator, for a configuration file. */
export const ajvPackage = lazyPackage<typeof AjvPackage>('ajv');
