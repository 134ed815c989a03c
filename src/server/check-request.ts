import { isRecord, parseDataMap } from '../load/datamap.js';
import { parseProfile, validateProfile } from '../load/profile.js';
import type { DataMap } from '../model/datamap.js';
import { InputError } from '../model/input-error.js';
import type { Profile } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import { REPORTER_NAMES, type ReporterName } from '../report/index.js';
import { splitTemplateSource } from '../template/source.js';
import type { CheckJob } from './check-job.js';
import { HttpError } from './http.js';
import type { ProjectFiles } from './project-files.js';

/** What the server was started with, that a request may rely on or override. */
export interface ServerProject {
  files: ProjectFiles;
  dataMap: DataMap | undefined;
  settings: EngineSettings;
  partialDirs: string[];
}

const KNOWN_KEYS = new Set(['template', 'file', 'format', 'purposes', 'profile', 'profiles', 'dataMap', 'showValues']);

/**
 * A check request's body as a job: `{ template, file?, format?, purposes?, profile |
 * profiles, dataMap?, showValues? }`. `template` is a name under the templates folder, or
 * source text; profiles are objects, or names under the profiles folder. Anything wrong is
 * a 400 that says which key and why (never the values).
 */
export async function checkJobFrom(body: unknown, project: ServerProject, answer: 'report' | 'studio'): Promise<CheckJob> {
  if (!isRecord(body)) throw new HttpError(400, 'expected a JSON object: { "template": …, "profile": { … } }');
  const unknown = Object.keys(body).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) throw new HttpError(400, `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `\`${key}\``).join(', ')}; expected ${[...KNOWN_KEYS].join(', ')}`);
  const { template: given, file: fileGiven } = body;
  if (typeof given !== 'string' || given === '') throw new HttpError(400, '`template` must be a template name under the templates folder, or the template source text');
  if (fileGiven !== undefined && typeof fileGiven !== 'string') throw new HttpError(400, '`file` must be a string naming the draft (its extension decides .hbs or .mjml)');
  const named = await project.files.isTemplateName(given);
  const template = named ? await project.files.readTemplate(given) : given;
  const file = named ? given : (fileGiven ?? (looksLikeMjml(template) ? 'draft.mjml' : 'draft.hbs'));

  const format = body['format'] ?? 'json';
  if (typeof format !== 'string' || !(REPORTER_NAMES as readonly string[]).includes(format)) throw new HttpError(400, `\`format\` must be one of ${REPORTER_NAMES.join(', ')}`);
  const purposes = body['purposes'];
  if (purposes !== undefined && (!Array.isArray(purposes) || !purposes.every((purpose) => typeof purpose === 'string'))) throw new HttpError(400, '`purposes` must be a list of purpose names');
  const showValues = body['showValues'] ?? false;
  if (typeof showValues !== 'boolean') throw new HttpError(400, '`showValues` must be true or false');

  return {
    template,
    file,
    templatesDir: project.files.templatesDir,
    partialDirs: project.partialDirs,
    dataMap: dataMapFrom(body['dataMap']) ?? project.dataMap,
    profiles: await profilesFrom(body, project),
    purposes: purposes as string[] | undefined,
    settings: project.settings,
    now: Date.now(),
    answer: answer === 'studio' ? { kind: 'studio' } : { kind: 'report', format: format as ReporterName, showValues },
  };
}

function looksLikeMjml(template: string): boolean {
  return splitTemplateSource('draft.hbs', template, 'html').body.text.trimStart().startsWith('<mjml');
}

/** A data map in the request: an object (JSON) or YAML text. */
function dataMapFrom(value: unknown): DataMap | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' && !isRecord(value)) throw new HttpError(400, '`dataMap` must be a data map object, or its YAML text');
  try {
    return parseDataMap(typeof value === 'string' ? value : JSON.stringify(value), 'dataMap');
  } catch (error) {
    if (error instanceof InputError) throw new HttpError(400, `invalid data map: ${error.toString()}`);
    throw error;
  }
}

async function profilesFrom(body: Record<string, unknown>, project: ServerProject): Promise<Profile[]> {
  if (body['profile'] !== undefined && body['profiles'] !== undefined) throw new HttpError(400, 'give `profile` or `profiles`, not both');
  const entries = body['profiles'] ?? (body['profile'] === undefined ? [] : [body['profile']]);
  if (!Array.isArray(entries)) throw new HttpError(400, '`profiles` must be a list of profiles');
  const profiles: Profile[] = [];
  const ids = new Set<string>();
  for (const [index, entry] of entries.entries()) {
    const label = body['profiles'] === undefined ? 'profile' : `profiles[${index}]`;
    let text: string | undefined;
    if (typeof entry === 'string') {
      try {
        text = await project.files.readProfile(entry);
      } catch (error) {
        if (error instanceof HttpError) throw new HttpError(400, `${label}: ${error.message}`);
        throw error;
      }
    }
    try {
      // A profile file is read as the CLI reads it, with line and column in its problems.
      const profile = text === undefined ? validateProfile(entry, { file: label }) : parseProfile(text, entry as string);
      if (ids.has(profile.id)) throw new HttpError(400, `${label}: duplicate profile id; each recipient is checked once`);
      ids.add(profile.id);
      profiles.push(profile);
    } catch (error) {
      if (error instanceof InputError) throw new HttpError(400, error.toString());
      throw error;
    }
  }
  return profiles;
}
