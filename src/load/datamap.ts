import { isWithin, lookupCategory, type CustomCategory } from '../model/categories.js';
import { FIELD_ROLES, type DataMap, type DataMapWarning, type FieldRole, type FieldSpec, type Purpose } from '../model/datamap.js';
import { InputError, InputErrors } from '../model/input-error.js';
import { BASES, SOURCES, isOneOf } from '../model/vocabulary.js';
import { readInputFile } from './read-input.js';
import { parseStructuredFile, type StructuredFile } from './structured-file.js';

/** Every problem found in a data map. */
export class DataMapError extends InputErrors {}

export async function loadDataMap(file: string, cwd?: string): Promise<DataMap> {
  return parseDataMap(await readInputFile(file, 'data map', cwd), file);
}

const FIELD_PATH_SEGMENT = /^[^.[\]\s]+(\[\])*$/u;

/** Whether a data map can name this path: dotted segments, each optionally followed by `[]`, no spaces. */
export function isFieldPath(path: string): boolean {
  return path.split('.').every((segment) => FIELD_PATH_SEGMENT.test(segment));
}

/** Parse and validate a data map (YAML or JSON) as DESIGN.md describes it. */
export function parseDataMap(text: string, file: string): DataMap {
  const parsed = parseStructuredFile(text, file);
  const problems: InputError[] = [];
  const warnings: DataMapWarning[] = [];
  const problem = (path: readonly (string | number)[], message: string): void => {
    const position = parsed.positionOf(path);
    problems.push(new InputError({ file, line: position?.line, column: position?.column, message }));
  };

  const root = parsed.value;
  if (!isRecord(root)) {
    throw new InputError({ file, line: 1, column: 1, message: 'a data map must be a mapping with `purposes` and `fields`' });
  }
  for (const key of Object.keys(root)) {
    if (!['version', 'purposes', 'fields', 'categories'].includes(key)) {
      problem([key], `unknown key \`${key}\`; expected version, purposes, fields or categories`);
    }
  }
  if (root['version'] !== undefined && root['version'] !== 1) problem(['version'], 'expected `version: 1`');

  const purposes = readPurposes(root['purposes'], problem);
  const categories = readCategories(root['categories'], problem);
  const fields = readFields(root['fields'], { parsed, purposes, categories, problem, warnings });

  if (problems.length > 0) throw new DataMapError(problems);
  return { file, purposes, fields, categories, warnings };
}

type Problem = (path: readonly (string | number)[], message: string) => void;

function readPurposes(value: unknown, problem: Problem): Map<string, Purpose> {
  const purposes = new Map<string, Purpose>();
  if (!isRecord(value)) {
    problem(['purposes'], 'expected `purposes`: a mapping of purpose name to { basis, description }');
    return purposes;
  }
  for (const [name, spec] of Object.entries(value)) {
    if (!isRecord(spec)) {
      problem(['purposes', name], `purpose \`${name}\`: expected a mapping with \`basis\``);
      continue;
    }
    const basis = spec['basis'];
    if (!isOneOf(BASES, basis)) {
      problem(['purposes', name, 'basis'], `purpose \`${name}\`: basis must be one of ${BASES.join(', ')}`);
      continue;
    }
    const description = typeof spec['description'] === 'string' ? spec['description'] : undefined;
    purposes.set(name, { name, basis, description });
  }
  return purposes;
}

function readCategories(value: unknown, problem: Problem): Map<string, CustomCategory> {
  const categories = new Map<string, CustomCategory>();
  if (value === undefined) return categories;
  if (!isRecord(value)) {
    problem(['categories'], 'expected `categories`: a mapping of category key to { sensitivity, special }');
    return categories;
  }
  for (const [key, spec] of Object.entries(value)) {
    if (!isRecord(spec)) {
      problem(['categories', key], `category \`${key}\`: expected a mapping with \`sensitivity\` and/or \`special\``);
      continue;
    }
    const sensitivity = spec['sensitivity'];
    const special = spec['special'];
    if (sensitivity !== undefined && (typeof sensitivity !== 'number' || sensitivity < 0 || sensitivity > 1)) {
      problem(['categories', key, 'sensitivity'], `category \`${key}\`: sensitivity must be a number from 0 to 1`);
      continue;
    }
    if (special !== undefined && typeof special !== 'boolean') {
      problem(['categories', key, 'special'], `category \`${key}\`: special must be true or false`);
      continue;
    }
    categories.set(key, { sensitivity: sensitivity as number | undefined, special: special as boolean | undefined });
  }
  return categories;
}

interface FieldContext {
  parsed: StructuredFile;
  purposes: ReadonlyMap<string, Purpose>;
  categories: ReadonlyMap<string, CustomCategory>;
  problem: Problem;
  warnings: DataMapWarning[];
}

function readFields(value: unknown, context: FieldContext): Map<string, FieldSpec> {
  const { parsed, purposes, categories, problem, warnings } = context;
  const fields = new Map<string, FieldSpec>();
  if (!isRecord(value)) {
    problem(['fields'], 'expected `fields`: a mapping of field path to { category, source, purposes }');
    return fields;
  }
  for (const [path, spec] of Object.entries(value)) {
    const at = (key?: string): (string | number)[] => (key === undefined ? ['fields', path] : ['fields', path, key]);
    if (!isFieldPath(path)) {
      problem(at(), `field \`${path}\`: expected a dotted path such as \`order.items[].name\``);
      continue;
    }
    if (!isRecord(spec)) {
      problem(at(), `field \`${path}\`: expected a mapping with category, source and purposes`);
      continue;
    }
    for (const key of Object.keys(spec)) {
      if (!['category', 'source', 'purposes', 'role', 'description'].includes(key)) {
        problem(at(key), `field \`${path}\`: unknown key \`${key}\`; expected category, source, purposes, role or description`);
      }
    }
    const source = spec['source'];
    if (!isOneOf(SOURCES, source)) {
      problem(at('source'), `field \`${path}\`: unknown source ${JSON.stringify(source ?? null)}; expected one of ${SOURCES.join(', ')}`);
      continue;
    }
    const declaredCategory = spec['category'];
    if (typeof declaredCategory !== 'string' || declaredCategory === '') {
      problem(at('category'), `field \`${path}\`: expected a category such as user.contact.email`);
      continue;
    }
    const lookup = lookupCategory(declaredCategory, categories);
    if (lookup.kind === 'unknown-root') {
      problem(at('category'), `field \`${path}\`: unknown category root \`${declaredCategory}\`; expected a key under user or system (or one declared under categories)`);
      continue;
    }
    if (lookup.kind === 'parent') {
      const position = parsed.positionOf(at('category'));
      warnings.push({
        file: parsed.file,
        line: position?.line,
        column: position?.column,
        message: `field \`${path}\`: unknown category \`${declaredCategory}\`, using its parent \`${lookup.key}\``,
      });
    }
    const role = readRole(spec['role'], { path, source, category: lookup.key, context, at });
    const fieldPurposes = readFieldPurposes(spec['purposes'], { path, source, purposes, problem, at });
    if (!fieldPurposes || role === null) continue;
    fields.set(path, {
      path,
      declaredCategory,
      category: lookup.key,
      source,
      purposes: fieldPurposes,
      ...(role === undefined ? {} : { role }),
      position: parsed.positionOf(at()),
    });
  }
  return fields;
}

/**
 * A field's role: undefined when it has none, null when it is not a role (a problem, told).
 * A role marks a link the company owns, so a role on personal data is told as a warning.
 */
function readRole(
  value: unknown,
  field: { path: string; source: string; category: string; context: FieldContext; at: (key?: string) => (string | number)[] },
): FieldRole | undefined | null {
  const { path, source, category, context, at } = field;
  if (value === undefined) return undefined;
  if (!isOneOf(FIELD_ROLES, value)) {
    context.problem(at('role'), `field \`${path}\`: unknown role ${JSON.stringify(value)}; expected one of ${FIELD_ROLES.join(', ')}`);
    return null;
  }
  const reasons: string[] = [];
  if (source !== 'system') reasons.push(`its source is \`${source}\`, not \`system\``);
  if (!isWithin(category, 'system')) reasons.push(`its category \`${category}\` is personal data, not under \`system\``);
  if (reasons.length > 0) {
    const position = context.parsed.positionOf(at('role'));
    context.warnings.push({
      file: context.parsed.file,
      line: position?.line,
      column: position?.column,
      message: `field \`${path}\`: role \`${value}\` on a field that is not system data (${reasons.join('; ')}): a role field is a link the company owns, so give it \`source: system\` and a category under \`system\` such as system.operations`,
    });
  }
  return value;
}

function readFieldPurposes(
  value: unknown,
  context: {
    path: string;
    source: string;
    purposes: ReadonlyMap<string, Purpose>;
    problem: Problem;
    at: (key?: string) => (string | number)[];
  },
): string[] | undefined {
  const { path, source, purposes, problem, at } = context;
  if (value === undefined) {
    // System data (links, order numbers) is not personal data and may serve any purpose.
    if (source === 'system') return [...purposes.keys()];
    problem(at(), `field \`${path}\`: expected \`purposes\`, the purposes this data may serve`);
    return undefined;
  }
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string')) {
    problem(at('purposes'), `field \`${path}\`: purposes must be a list of purpose names`);
    return undefined;
  }
  let valid = true;
  for (const name of list) {
    if (!purposes.has(name)) {
      problem(at('purposes'), `field \`${path}\`: unknown purpose \`${name}\`; declared purposes are ${[...purposes.keys()].join(', ') || 'none'}`);
      valid = false;
    }
  }
  return valid ? list : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
