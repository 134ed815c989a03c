import { isWithin, lookupCategory, type CustomCategory } from '../model/categories.js';
import { FIELD_ROLES, type DataMap, type DataMapWarning, type FieldRole, type FieldSpec, type Purpose } from '../model/datamap.js';
import { InputError, InputErrors } from '../model/input-error.js';
import { BASES, SOURCES, isOneOf, type Source } from '../model/vocabulary.js';
import { readInputFile } from './read-input.js';
import { parseStructuredFile, type StructuredFile } from './structured-file.js';

/**
 * Every problem found in a data map, in the file's order, and the warnings beside them,
 * so the whole file is fixed in one pass.
 */
export class DataMapError extends InputErrors {
  readonly warnings: readonly DataMapWarning[];

  constructor(problems: readonly InputError[], warnings: readonly DataMapWarning[] = []) {
    super(problems);
    this.warnings = warnings;
  }

  /** One line each, `file:line:column: message` (warnings as `…: warning: message`), top to bottom. */
  override toString(): string {
    const lines = [
      ...this.problems.map((problem) => ({ at: problem, text: problem.toString() })),
      ...this.warnings.map((warning) => ({ at: warning, text: new InputError({ ...warning, message: `warning: ${warning.message}` }).toString() })),
    ];
    return lines
      .sort((a, b) => byPosition(a.at, b.at))
      .map((line) => line.text)
      .join('\n');
  }
}

export async function loadDataMap(file: string, cwd?: string): Promise<DataMap> {
  return parseDataMap(await readInputFile(file, 'data map', cwd), file);
}

const FIELD_PATH_SEGMENT = /^[^.[\]\s]+(\[\])*$/u;

/** Whether a data map can name this path: dotted segments, each optionally followed by `[]`, no spaces. */
export function isFieldPath(path: string): boolean {
  return path.split('.').every((segment) => FIELD_PATH_SEGMENT.test(segment));
}

const ROOT_KEYS = ['version', 'purposes', 'fields', 'categories'];
const PURPOSE_KEYS = ['basis', 'description'];
const CATEGORY_KEYS = ['sensitivity', 'special'];
const FIELD_KEYS = ['category', 'source', 'purposes', 'role', 'description'];

/**
 * Parse and validate a data map (YAML or JSON) as README's "What it reads" and docs/judgement.md describe it. Every part is
 * checked on its own, so one problem never hides another: a field with an unknown source
 * still has its category, role and purposes checked, and a purpose with a bad basis still
 * counts as declared for the fields that name it. All problems are thrown together
 * (DataMapError), in the file's order.
 */
export function parseDataMap(text: string, file: string): DataMap {
  const parsed = parseStructuredFile(text, file);
  const problems: InputError[] = [];
  const warnings: DataMapWarning[] = [];
  const problem: Problem = (path, message) => {
    const position = parsed.positionOf(path);
    problems.push(new InputError({ file, line: position?.line, column: position?.column, message }));
  };

  const root = parsed.value;
  if (!isRecord(root)) {
    throw new InputError({ file, line: 1, column: 1, message: 'a data map must be a mapping with `purposes` and `fields`' });
  }
  unknownKeys(root, { path: [], expected: ROOT_KEYS, what: 'unknown key', problem });
  if (root['version'] !== undefined && root['version'] !== 1) problem(['version'], 'expected `version: 1`');

  const purposes = readPurposes(root['purposes'], problem);
  const categories = readCategories(root['categories'], problem);
  const fields = readFields(root['fields'], { parsed, purposes, categories, problem, warnings });

  if (problems.length > 0) throw new DataMapError([...problems].sort(byPosition), warnings);
  return { file, purposes: purposes.valid, fields, categories, warnings };
}

type Problem = (path: readonly (string | number)[], message: string) => void;

/** Problems in the order of the file: by line, then column; those without a position last. */
export function byPosition(a: { line?: number | undefined; column?: number | undefined }, b: { line?: number | undefined; column?: number | undefined }): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}

/** A problem for each key of a mapping that is not one of `expected`, at that key. */
function unknownKeys(value: Record<string, unknown>, context: { path: readonly string[]; expected: readonly string[]; what: string; problem: Problem }): void {
  const { path, expected, what, problem } = context;
  const list = `${expected.slice(0, -1).join(', ')} or ${expected.at(-1) ?? ''}`;
  for (const [key, entry] of Object.entries(value)) {
    if (expected.includes(key)) continue;
    // `{ description: Orders, deliveries }` is YAML for two keys, the second with no value.
    const hint = entry === null ? ' (a comma inside `{ … }` starts a new key: put text with a comma in quotes)' : '';
    problem([...path, key], `${what} \`${key}\`; expected ${list}${hint}`);
  }
}

/** The purposes that are valid, and every name declared (a purpose with a bad basis is still declared). */
interface PurposeList {
  valid: Map<string, Purpose>;
  /** Undefined when `purposes` is not a mapping: no name can then be checked against it. */
  declared: ReadonlySet<string> | undefined;
}

function readPurposes(value: unknown, problem: Problem): PurposeList {
  const valid = new Map<string, Purpose>();
  if (!isRecord(value)) {
    problem(['purposes'], 'expected `purposes`: a mapping of purpose name to { basis, description }');
    return { valid, declared: undefined };
  }
  for (const [name, spec] of Object.entries(value)) {
    if (!isRecord(spec)) {
      problem(['purposes', name], `purpose \`${name}\`: expected a mapping with \`basis\``);
      continue;
    }
    unknownKeys(spec, { path: ['purposes', name], expected: PURPOSE_KEYS, what: `purpose \`${name}\`: unknown key`, problem });
    const basis = spec['basis'];
    const description = spec['description'];
    if (description !== undefined && typeof description !== 'string') problem(['purposes', name, 'description'], `purpose \`${name}\`: description must be text`);
    if (!isOneOf(BASES, basis)) {
      problem(basis === undefined ? ['purposes', name] : ['purposes', name, 'basis'], `purpose \`${name}\`: basis must be one of ${BASES.join(', ')}`);
      continue;
    }
    valid.set(name, { name, basis, description: typeof description === 'string' ? description : undefined });
  }
  return { valid, declared: new Set(Object.keys(value)) };
}

function readCategories(value: unknown, problem: Problem): Map<string, CustomCategory> {
  const categories = new Map<string, CustomCategory>();
  if (value === undefined) return categories;
  if (!isRecord(value)) {
    problem(['categories'], 'expected `categories`: a mapping of category key to { sensitivity, special }');
    return categories;
  }
  for (const [key, spec] of Object.entries(value)) {
    // Declared, even when its settings are wrong: the fields that name it are not told it is unknown.
    if (!isRecord(spec)) {
      problem(['categories', key], `category \`${key}\`: expected a mapping with \`sensitivity\` and/or \`special\``);
      categories.set(key, { sensitivity: undefined, special: undefined });
      continue;
    }
    unknownKeys(spec, { path: ['categories', key], expected: CATEGORY_KEYS, what: `category \`${key}\`: unknown key`, problem });
    const sensitivity = spec['sensitivity'];
    const special = spec['special'];
    const sensitivityOk = sensitivity === undefined || (typeof sensitivity === 'number' && sensitivity >= 0 && sensitivity <= 1);
    const specialOk = special === undefined || typeof special === 'boolean';
    if (!sensitivityOk) problem(['categories', key, 'sensitivity'], `category \`${key}\`: sensitivity must be a number from 0 to 1`);
    if (!specialOk) problem(['categories', key, 'special'], `category \`${key}\`: special must be true or false`);
    categories.set(key, { sensitivity: sensitivityOk ? sensitivity : undefined, special: specialOk ? special : undefined });
  }
  return categories;
}

interface FieldContext {
  parsed: StructuredFile;
  purposes: PurposeList;
  categories: ReadonlyMap<string, CustomCategory>;
  problem: Problem;
  warnings: DataMapWarning[];
}

type At = (...keys: (string | number)[]) => (string | number)[];

function readFields(value: unknown, context: FieldContext): Map<string, FieldSpec> {
  const { parsed, problem } = context;
  const fields = new Map<string, FieldSpec>();
  if (!isRecord(value)) {
    problem(['fields'], 'expected `fields`: a mapping of field path to { category, source, purposes }');
    return fields;
  }
  for (const [path, spec] of Object.entries(value)) {
    const at: At = (...keys) => ['fields', path, ...keys];
    const pathOk = isFieldPath(path);
    if (!pathOk) problem(at(), `field \`${path}\`: expected a dotted path such as \`order.items[].name\``);
    if (!isRecord(spec)) {
      problem(at(), `field \`${path}\`: expected a mapping with category, source and purposes`);
      continue;
    }
    unknownKeys(spec, { path: at() as string[], expected: FIELD_KEYS, what: `field \`${path}\`: unknown key`, problem });
    const source = readSource(spec['source'], { path, at, problem });
    const category = readCategory(spec['category'], { path, at, context });
    const role = readRole(spec['role'], { path, source, category: category?.key, context, at });
    const fieldPurposes = readFieldPurposes(spec['purposes'], { path, source, purposes: context.purposes, problem, at });
    if (!pathOk || source === undefined || category === undefined || fieldPurposes === undefined || role === null) continue;
    fields.set(path, {
      path,
      declaredCategory: category.declared,
      category: category.key,
      source,
      purposes: fieldPurposes,
      ...(role === undefined ? {} : { role }),
      position: parsed.positionOf(at()),
    });
  }
  return fields;
}

function readSource(value: unknown, field: { path: string; at: At; problem: Problem }): Source | undefined {
  if (isOneOf(SOURCES, value)) return value;
  const { path, at, problem } = field;
  problem(value === undefined ? at() : at('source'), `field \`${path}\`: unknown source ${JSON.stringify(value ?? null)}; expected one of ${SOURCES.join(', ')}`);
  return undefined;
}

/** The category as written and the key used (a known parent for an unknown subcategory, with a warning). */
function readCategory(value: unknown, field: { path: string; at: At; context: FieldContext }): { declared: string; key: string } | undefined {
  const { path, at, context } = field;
  if (typeof value !== 'string' || value === '') {
    context.problem(value === undefined ? at() : at('category'), `field \`${path}\`: expected a category such as user.contact.email`);
    return undefined;
  }
  const lookup = lookupCategory(value, context.categories);
  if (lookup.kind === 'unknown-root') {
    context.problem(at('category'), `field \`${path}\`: unknown category root \`${value}\`; expected a key under user or system (or one declared under categories)`);
    return undefined;
  }
  if (lookup.kind === 'parent') {
    const position = context.parsed.positionOf(at('category'));
    context.warnings.push({
      file: context.parsed.file,
      line: position?.line,
      column: position?.column,
      message: `field \`${path}\`: unknown category \`${value}\`, using its parent \`${lookup.key}\``,
    });
  }
  return { declared: value, key: lookup.key };
}

/**
 * A field's role: undefined when it has none, null when it is not a role (a problem, told).
 * A role marks a link the company owns, so a role on personal data is told as a warning
 * (once its source and category are known).
 */
function readRole(value: unknown, field: { path: string; source: string | undefined; category: string | undefined; context: FieldContext; at: At }): FieldRole | undefined | null {
  const { path, source, category, context, at } = field;
  if (value === undefined) return undefined;
  if (!isOneOf(FIELD_ROLES, value)) {
    context.problem(at('role'), `field \`${path}\`: unknown role ${JSON.stringify(value)}; expected one of ${FIELD_ROLES.join(', ')}`);
    return null;
  }
  if (source === undefined || category === undefined) return value;
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

/** A field's purposes; each unknown name is told at its own place in the list. */
function readFieldPurposes(value: unknown, field: { path: string; source: Source | undefined; purposes: PurposeList; problem: Problem; at: At }): string[] | undefined {
  const { path, source, purposes, problem, at } = field;
  if (value === undefined) {
    // System data (links, order numbers) is not personal data and may serve any purpose.
    if (source === 'system') return [...purposes.valid.keys()];
    // With no source to go by, whether purposes are needed is not known: the source's problem is told.
    if (source !== undefined) problem(at(), `field \`${path}\`: expected \`purposes\`, the purposes this data may serve`);
    return undefined;
  }
  const single = typeof value === 'string';
  const list = single ? [value] : value;
  if (!Array.isArray(list) || !list.every((item): item is string => typeof item === 'string')) {
    problem(at('purposes'), `field \`${path}\`: purposes must be a list of purpose names`);
    return undefined;
  }
  const { declared } = purposes;
  if (declared === undefined) return undefined;
  let valid = true;
  for (const [index, name] of list.entries()) {
    if (declared.has(name)) {
      if (!purposes.valid.has(name)) valid = false;
      continue;
    }
    problem(single ? at('purposes') : at('purposes', index), `field \`${path}\`: unknown purpose \`${name}\`; declared purposes are ${[...declared].join(', ') || 'none'}`);
    valid = false;
  }
  return valid ? list : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
