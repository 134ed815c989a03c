import { InputError } from '../model/input-error.js';
import type { ConsentRecord, Profile } from '../model/profile.js';
import { SOURCES, isOneOf, type Source } from '../model/vocabulary.js';
import { isRecord } from './datamap.js';
import { readInputFile } from './read-input.js';
import { parseJsonFile } from './structured-file.js';

export async function loadProfile(file: string, cwd?: string): Promise<Profile> {
  return parseProfile(await readInputFile(file, 'profile', cwd), file);
}

/**
 * Parse and validate one profile (JSON, whatever the file is called). Problems name the
 * file and position; a syntax error is told in JSON's words, never quoting the text.
 */
export function parseProfile(text: string, file: string): Profile {
  // JSON.parse keeps `__proto__` as an ordinary own key.
  const parsed = parseJsonFile(text, file);
  return validateProfile(parsed.value, { file, positionOf: (path) => parsed.positionOf(path) });
}

export interface ProfileValidationContext {
  file: string;
  positionOf?: (path: readonly (string | number)[]) => { line: number; column: number } | undefined;
}

/** Validate a profile object from any source (file, API call, audience stream). */
export function validateProfile(value: unknown, context: ProfileValidationContext): Profile {
  const { file } = context;
  const fail = (path: readonly (string | number)[], message: string): never => {
    const position = context.positionOf?.(path);
    throw new InputError({ file, line: position?.line, column: position?.column, message });
  };
  if (!isRecord(value)) return fail([], 'a profile must be an object with `id`, `data` and `consent`');
  const id = value['id'];
  if (typeof id !== 'string' && typeof id !== 'number') return fail(['id'], 'expected `id`: a string naming the recipient');
  const data = value['data'] ?? {};
  if (!isRecord(data)) return fail(['data'], 'expected `data`: an object of field values');
  const consent = new Map<string, ConsentRecord>();
  const consentValue = value['consent'] ?? {};
  if (!isRecord(consentValue)) return fail(['consent'], 'expected `consent`: purpose → { granted, at, expires }');
  // Checked for every recipient of an audience: plain loops, no intermediate arrays.
  for (const purpose in consentValue) {
    if (!Object.hasOwn(consentValue, purpose)) continue;
    const record = consentValue[purpose];
    if (!isRecord(record) || typeof record['granted'] !== 'boolean') {
      return fail(['consent', purpose], `consent \`${purpose}\`: expected { "granted": true|false, "at": date }`);
    }
    const at = record['at'];
    const expires = record['expires'];
    if (!isDateOrAbsent(at)) fail(['consent', purpose, 'at'], `consent \`${purpose}\`: \`at\` must be an ISO 8601 date`);
    if (!isDateOrAbsent(expires)) fail(['consent', purpose, 'expires'], `consent \`${purpose}\`: \`expires\` must be an ISO 8601 date`);
    consent.set(purpose, { granted: record['granted'], at: at as string | undefined, expires: expires as string | undefined });
  }
  const sources = new Map<string, Source>();
  const sourcesValue = value['sources'] ?? {};
  if (!isRecord(sourcesValue)) return fail(['sources'], 'expected `sources`: field → source');
  for (const field in sourcesValue) {
    if (!Object.hasOwn(sourcesValue, field)) continue;
    const source = sourcesValue[field];
    if (!isOneOf(SOURCES, source)) {
      return fail(['sources', field], `source for \`${field}\`: expected one of ${SOURCES.join(', ')}`);
    }
    sources.set(field, source);
  }
  return { id: String(id), data, consent, sources, file };
}

function isDateOrAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
}
