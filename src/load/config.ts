import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Ajv, ErrorObject } from 'ajv';
import { ajvPackage } from '../lazy-package.js';
import { InputError, InputErrors } from '../model/input-error.js';
import { DEFAULT_SETTINGS, type EngineSettings, type HelperKind, type Preset, type RuleLevel, type RuleSetting } from '../model/settings.js';
import { byPosition } from './datamap.js';
import { lexiconEntry } from './lexicon.js';
import { readInputFile } from './read-input.js';
import { parseStructuredFile, type StructuredFile } from './structured-file.js';

export const CONFIG_FILE_NAMES = ['creeplint.config.json', 'creeplint.config.yaml', 'creeplint.config.yml'] as const;

/** A configuration file, its paths made relative to the working directory. */
export interface ProjectConfig {
  file: string;
  datamap?: string | undefined;
  templates: string[];
  partials: string[];
  /** The folder of profiles `creeplint serve` offers. */
  profiles?: string | undefined;
  settings: EngineSettings;
}

/** The nearest configuration file from `cwd` upward, if any. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (dirname(dir) === dir) return undefined;
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** The published schema (schema/config.schema.json) is the one the loader validates with. */
function validateAgainstSchema(value: unknown): ErrorObject[] {
  if (!validator) {
    // Ajv is loaded here, by the first run that reads a configuration file.
    const schema = JSON.parse(readFileSync(new URL('../../schema/config.schema.json', import.meta.url), 'utf8')) as object;
    // verbose: an error about a rule's options carries the options schema, to name the options the rule takes.
    validator = new (ajvPackage().Ajv)({ allErrors: true, strict: false, verbose: true }).compile(schema);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

export async function loadConfig(file: string, cwd: string = process.cwd()): Promise<ProjectConfig> {
  return parseConfig(await readInputFile(file, 'configuration', cwd), file, cwd);
}

export function parseConfig(text: string, file: string, cwd: string = process.cwd()): ProjectConfig {
  const parsed = parseStructuredFile(text, file);
  const value = parsed.value ?? {};
  const errors = validateAgainstSchema(value);
  if (errors.length > 0) throw new InputErrors(describeErrors(errors, parsed));
  const config = value as RawConfig;
  const base = dirname(resolve(cwd, file));
  const fromConfig = (path: string): string => {
    const shown = relative(cwd, resolve(base, path));
    return shown === '' ? '.' : shown;
  };
  const rules = new Map<string, RuleSetting>();
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    rules.set(id, Array.isArray(setting) ? { level: setting[0], options: setting[1] } : { level: setting, options: {} });
  }
  return {
    file,
    datamap: config.datamap === undefined ? undefined : fromConfig(config.datamap),
    templates: (config.templates ?? []).map(fromConfig),
    partials: (config.partials ?? []).map(fromConfig),
    profiles: config.profiles === undefined ? undefined : fromConfig(config.profiles),
    settings: {
      preset: config.preset ?? DEFAULT_SETTINGS.preset,
      maxScore: config['max-score'] ?? DEFAULT_SETTINGS.maxScore,
      rules,
      helpers: new Map(Object.entries(config.helpers ?? {})),
      partialNames: new Map(Object.entries(config['partial-names'] ?? {})),
      lexicon: (config.lexicon ?? []).map((entry, index) => lexiconEntry(entry, { file, position: parsed.positionOf(['lexicon', index]) })),
    },
  };
}

interface RawConfig {
  datamap?: string;
  templates?: string[];
  partials?: string[];
  profiles?: string;
  preset?: Preset;
  'max-score'?: number;
  rules?: Record<string, RuleLevel | [RuleLevel, Record<string, unknown>]>;
  helpers?: Record<string, HelperKind>;
  'partial-names'?: Record<string, string>;
  lexicon?: unknown[];
}

/** Ajv's errors as one clear line each, at the key they concern, most specific first, in the file's order. */
function describeErrors(errors: ErrorObject[], parsed: StructuredFile): InputError[] {
  const seen = new Set<string>();
  const problems: InputError[] = [];
  for (const error of errors) {
    const path: (string | number)[] = error.instancePath
      .split('/')
      .slice(1)
      .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
      .map((segment) => (/^\d+$/u.test(segment) ? Number(segment) : segment));
    // propertyNames reports the bad name twice (as an enum on the object too); keep the clear one.
    if (error.schemaPath.includes('/propertyNames/') && error.keyword !== 'propertyNames') continue;
    let message: string;
    let at = path;
    const option = ruleOptionProblem(error, path);
    if (option) {
      if (option.skip) continue;
      ({ message, at } = option);
    } else if (error.keyword === 'additionalProperties') {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      at = [...path, key];
      message = `unknown key \`${key}\`${path.length ? ` in \`${path.join('.')}\`` : ''}`;
    } else if (error.keyword === 'propertyNames') {
      const key = (error.params as { propertyName: string }).propertyName;
      at = [...path, key];
      message = `unknown rule \`${key}\`; \`creeplint rules\` lists them`;
    } else if (path[0] === 'rules' && path.length === 2) {
      const pairShape = error.keyword === 'minItems' || error.keyword === 'maxItems';
      // A deeper error (a bad option) says more than "not a level or a pair"; a pair of the wrong length is told as well.
      if (!pairShape && errors.some((other) => other.instancePath.startsWith(`${error.instancePath}/`))) continue;
      message = `\`${path.join('.')}\` must be a level (off, info, warning, error) or [level, options]`;
    } else if (error.keyword === 'enum') {
      message = `\`${path.join('.')}\` must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (error.keyword === 'oneOf' || error.keyword === 'if') {
      continue;
    } else {
      message = `\`${path.join('.') || 'configuration'}\` ${error.message ?? 'is invalid'}`;
    }
    const position = parsed.positionOf(at);
    const key = `${at.join('.')}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(new InputError({ file: parsed.file, line: position?.line, column: position?.column, message }));
  }
  // In the file's order, as the data map's problems are.
  return problems.sort(byPosition);
}

/**
 * A problem with a rule's setting `[level, options]`, said in the rule's terms: an option
 * it does not take (naming those it does, or that it takes none), a value its schema
 * refuses, the level. Undefined for anything else.
 */
function ruleOptionProblem(error: ErrorObject, path: readonly (string | number)[]): { message: string; at: (string | number)[]; skip?: boolean } | undefined {
  const [section, rule, index, option] = path;
  if (section !== 'rules' || typeof rule !== 'string' || typeof index !== 'number') return undefined;
  if (index === 0) return { message: `the level of \`${rule}\` must be one of off, info, warning, error`, at: [...path] };
  if (option === undefined && error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const takes = Object.keys((error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {});
    const known = takes.length === 0 ? 'it takes no options' : `its options are ${takes.map((name) => `\`${name}\``).join(', ')}`;
    return { message: `rule \`${rule}\` has no option \`${key}\`; ${known}`, at: [...path, key] };
  }
  if (option === undefined) return { message: `the options of \`${rule}\` must be a mapping, as in [warning, { … }]`, at: [...path], skip: error.keyword !== 'type' };
  return { message: `option \`${option}\` of \`${rule}\` ${error.message ?? 'is invalid'}`, at: [...path] };
}
