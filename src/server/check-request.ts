import { join } from 'node:path';
import { isRecord, parseDataMap } from '../load/datamap.js';
import { parseProfile, validateProfile } from '../load/profile.js';
import type { DataMap } from '../model/datamap.js';
import { InputError } from '../model/input-error.js';
import type { Profile } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import { REPORTER_NAMES, type ReporterName } from '../report/index.js';
import { isOneOf } from '../model/vocabulary.js';
import { splitTemplateSource, TEMPLATE_EXTENSIONS, TEMPLATE_LANGUAGES, templateExtensionOf, templateKindOf } from '../template/source.js';
import type { CheckJob } from './check-job.js';
import { HttpError, parseJsonText } from './http.js';
import { isOnlyATemplateName, type ProjectFiles } from './project-files.js';

/** What the server was started with, that a request may rely on or override. */
export interface ServerProject {
  files: ProjectFiles;
  dataMap: DataMap | undefined;
  settings: EngineSettings;
  partialDirs: string[];
}

const KNOWN_KEYS = new Set(['templateName', 'template', 'file', 'language', 'format', 'purposes', 'profile', 'profiles', 'dataMap', 'showValues', 'maxScore']);

/**
 * A check request's body as a job: `{ templateName | template, file?, language?, format?,
 * purposes?, profile | profiles, dataMap?, showValues?, maxScore? }`. `templateName` names a
 * template under the templates folder (404 when there is none); `template` is source text.
 * Profiles are objects, or names under the profiles folder. Anything wrong is a 400 that
 * says which key and why (never the values).
 */
export async function checkJobFrom(body: unknown, project: ServerProject, answer: 'report' | 'studio' | 'control'): Promise<CheckJob> {
  if (!isRecord(body)) throw new HttpError(400, 'expected a JSON object: { "templateName" or "template": …, "profile": { … } }');
  const unknown = Object.keys(body).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0)
    throw new HttpError(400, `unknown key${unknown.length === 1 ? '' : 's'} ${unknown.map((key) => `\`${key}\``).join(', ')}; expected ${[...KNOWN_KEYS].join(', ')}`);
  const fileGiven = body['file'];
  if (fileGiven !== undefined && (typeof fileGiven !== 'string' || templateKindOf(fileGiven) === undefined)) {
    throw new HttpError(400, `\`file\` must be a string naming the draft, ending in ${TEMPLATE_EXTENSIONS.join(', ')} (its extension decides the kind)`);
  }
  const root = await project.files.templatesRoot();
  const given = await templateOf(body, project.files);
  const { text } = given;
  const draft = given.named ?? (await draftOf(text, fileGiven, project, root));

  const format = body['format'] ?? 'json';
  if (typeof format !== 'string' || !(REPORTER_NAMES as readonly string[]).includes(format)) throw new HttpError(400, `\`format\` must be one of ${REPORTER_NAMES.join(', ')}`);
  const purposes = body['purposes'];
  if (purposes !== undefined && (!Array.isArray(purposes) || !purposes.every((purpose) => typeof purpose === 'string')))
    throw new HttpError(400, '`purposes` must be a list of purpose names');
  const showValues = body['showValues'] ?? false;
  if (typeof showValues !== 'boolean') throw new HttpError(400, '`showValues` must be true or false');
  const language = body['language'];
  if (language !== undefined && !isOneOf(TEMPLATE_LANGUAGES, language)) throw new HttpError(400, `\`language\` must be one of ${TEMPLATE_LANGUAGES.join(', ')}`);
  const maxScore = body['maxScore'];
  if (maxScore !== undefined && (typeof maxScore !== 'number' || !Number.isInteger(maxScore) || maxScore < 0 || maxScore > 100))
    throw new HttpError(400, '`maxScore` must be a whole number from 0 to 100');

  return {
    template: text,
    file: draft.name,
    location: draft.path,
    templatesDir: root,
    partialDirs: project.partialDirs,
    dataMap: dataMapFrom(body['dataMap']) ?? project.dataMap,
    profiles: await profilesFrom(body, project),
    purposes: purposes,
    language,
    settings: maxScore === undefined ? project.settings : { ...project.settings, maxScore },
    now: Date.now(),
    answer: answer === 'report' ? { kind: 'report', format: format as ReporterName, showValues } : { kind: answer },
  };
}

/**
 * The template a request names (`templateName`: 404 when the folder has none by that
 * name), or the text it sends (`template`). Before `templateName`, `template` took a name
 * too (README and OpenAPI of 0.1); that still works, and a `template` that is only a file
 * name of no template here is a 404 rather than checked as the text "nope.hbs".
 */
async function templateOf(body: Record<string, unknown>, files: ProjectFiles): Promise<{ text: string; named?: { name: string; path: string; text: string } }> {
  const { templateName, template } = body;
  if (templateName !== undefined && template !== undefined)
    throw new HttpError(400, "give `templateName` (a template under the templates folder) or `template` (a template's source text), not both");
  if (templateName !== undefined) {
    if (typeof templateName !== 'string' || templateName === '') throw new HttpError(400, '`templateName` must be the name of a template under the templates folder');
    const named = await files.openTemplate(templateName);
    return { text: named.text, named };
  }
  if (typeof template !== 'string' || template === '') {
    throw new HttpError(400, "give `templateName` (a template under the templates folder) or `template` (a template's source text)");
  }
  const named = await files.findTemplate(template);
  if (named) return { text: named.text, named };
  if (isOnlyATemplateName(template))
    throw new HttpError(
      404,
      'no template by that name in the templates folder (`template` is read as a name when it is only a file name; send a name as `templateName`, text with `file`)',
    );
  return { text: template };
}

/**
 * Where a draft sits. A request never chooses a folder: `file` is only a name. When it
 * names a template in the folder (the studio editing a saved template), the draft sits in
 * that template's place (a real path inside the folder); otherwise only its extension
 * counts, and the draft sits at the root of the templates folder. Partials and includes
 * then resolve from there, inside the configured folders, never from a path the request
 * spelled out (`../../etc/x.mjml`).
 */
async function draftOf(text: string, fileGiven: string | undefined, project: ServerProject, root: string): Promise<{ name: string; path: string }> {
  const saved = fileGiven === undefined ? undefined : await project.files.findTemplate(fileGiven);
  if (saved) return saved;
  const extension = fileGiven === undefined ? (looksLikeMjml(text) ? '.mjml' : '.hbs') : templateExtensionOf(fileGiven);
  const name = `draft${extension}`;
  return { name, path: join(root, name) };
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
    // YAML text nested past the stack (the JSON body's depth is checked before; a string's is not).
    if (error instanceof RangeError) throw new HttpError(400, 'invalid data map: it nests too deeply to read');
    // The YAML reader refuses aliases that would expand without end (a "billion laughs").
    if (error instanceof ReferenceError && /alias/iu.test(error.message)) throw new HttpError(400, 'invalid data map: its YAML aliases expand too far');
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
      // A profile file is read as the CLI reads it, with line and column in its problems;
      // they name the entry (`profiles[1]`), not the file name the request gave.
      if (text !== undefined) parseJsonText(text, `${label}: the profile file`);
      const profile = text === undefined ? validateProfile(entry, { file: label }) : parseProfile(text, label);
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
