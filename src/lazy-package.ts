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
function lazyPackage(name: string): () => unknown {
  let loaded: unknown;
  return () => (loaded ??= require(name) as unknown);
}

// require() cannot know what it returns: each package's type is stated here, once, from its own declarations.

/** The YAML parser: front matter, YAML data maps and configuration, the lexicons. */
export const yamlPackage = lazyPackage('yaml') as () => typeof YamlPackage;

/** The JSON Schema validator, for a configuration file. */
export const ajvPackage = lazyPackage('ajv') as () => typeof AjvPackage;
