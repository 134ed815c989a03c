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

/** Profiles this module made: passed through as they are wherever they reach a boundary again. */
const NORMALISED = new WeakSet<object>();

/**
 * A profile, normalised: every entry point (lint, checkTemplate, createChecker, the audit,
 * the server, renderOptionsFor) passes what it is given through here, once. It takes a
 * profile as a file holds it (`JSON.parse`d, or a plain object written the same way),
 * or a `Profile` already made (its `consent` and `sources` are Maps), and checks either
 * the same way; one it made itself is returned as it is.
 */
export function validateProfile(value: unknown, context: ProfileValidationContext): Profile {
  if (typeof value === 'object' && value !== null && NORMALISED.has(value)) return value as Profile;
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
  const consentRead = eachEntry(value['consent'], (purpose, record) => {
    if (!isRecord(record) || typeof record['granted'] !== 'boolean') {
      return fail(['consent', purpose], `consent \`${purpose}\`: expected { "granted": true|false, "at": date }`);
    }
    const at = record['at'];
    const expires = record['expires'];
    if (!isDateOrAbsent(at)) fail(['consent', purpose, 'at'], `consent \`${purpose}\`: \`at\` must be an ISO 8601 date`);
    if (!isDateOrAbsent(expires)) fail(['consent', purpose, 'expires'], `consent \`${purpose}\`: \`expires\` must be an ISO 8601 date`);
    consent.set(purpose, { granted: record['granted'], at: at as string | undefined, expires: expires as string | undefined });
  });
  if (!consentRead) return fail(['consent'], 'expected `consent`: purpose → { granted, at, expires }');
  const sources = new Map<string, Source>();
  const sourcesRead = eachEntry(value['sources'], (field, source) => {
    if (!isOneOf(SOURCES, source)) fail(['sources', field], `source for \`${field}\`: expected one of ${SOURCES.join(', ')}`);
    sources.set(field, source as Source);
  });
  if (!sourcesRead) return fail(['sources'], 'expected `sources`: field → source');
  // A Profile made elsewhere keeps the file it names; an object from a file is that file.
  const named = value['consent'] instanceof Map && typeof value['file'] === 'string' ? value['file'] : file;
  const profile: Profile = { id: String(id), data, consent, sources, file: named };
  NORMALISED.add(profile);
  return profile;
}

/**
 * Visit the own entries of an object, or the string-keyed entries of a Map (a Profile's
 * `consent` and `sources`); absent is empty. False when the value is neither. Checked for
 * every recipient of an audience: plain loops, no intermediate arrays.
 */
function eachEntry(value: unknown, visit: (key: string, entry: unknown) => void): boolean {
  if (value === undefined || value === null) return true;
  if (value instanceof Map) {
    for (const [key, entry] of value) if (typeof key === 'string') visit(key, entry);
    return true;
  }
  if (!isRecord(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) visit(key, value[key]);
  return true;
}

function isDateOrAbsent(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && isDate(value));
}

/**
 * Whether Date.parse reads a text, remembered for the last few thousand texts: an audience's
 * consent dates repeat (one campaign's sign-up dates), and Date.parse is a pure function of
 * the text, so the answer is the same as parsing again.
 */
function isDate(text: string): boolean {
  let known = dates.get(text);
  if (known === undefined) {
    if (dates.size >= MAX_DATES) dates.clear();
    known = !Number.isNaN(Date.parse(text));
    dates.set(text, known);
  }
  return known;
}

const dates = new Map<string, boolean>();
const MAX_DATES = 4096;
