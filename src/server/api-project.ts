import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from '../load/datamap.js';
import { DOCS_BASE_URL } from '../engine/findings.js';
import { RULES } from '../rules/index.js';
import type { ServerProject } from './check-request.js';
import { HttpError, MAX_JSON_DEPTH, readJson, sendJson } from './http.js';
import { jsonTextProblem } from './json-text.js';

/** `GET /api/project`: what the studio can pick from: templates, profiles, and the data map's purposes. */
export async function handleProject(response: ServerResponse, project: ServerProject): Promise<void> {
  sendJson(response, 200, {
    templates: await project.files.templateNames(),
    profiles: await project.files.profileNames(),
    purposes: [...(project.dataMap?.purposes.entries() ?? [])].map(([name, purpose]) => ({ name, basis: purpose.basis, description: purpose.description ?? '' })),
    dataMap: project.dataMap !== undefined,
  });
}

/** `GET /api/templates/{name}`: a template's source. */
export async function handleReadTemplate(response: ServerResponse, project: ServerProject, name: string): Promise<void> {
  sendJson(response, 200, { name, source: await project.files.readTemplate(name) });
}

/** `PUT /api/templates/{name}` with `{ source }`: write a template back to its file, only when the user saves. */
export async function handleSaveTemplate(request: IncomingMessage, response: ServerResponse, project: ServerProject, name: string, maxBodyBytes: number): Promise<void> {
  const body = await readJson(request, maxBodyBytes);
  if (!isRecord(body) || typeof body['source'] !== 'string') throw new HttpError(400, 'expected { "source": "…the template text…" }');
  await project.files.saveTemplate(name, body['source']);
  sendJson(response, 200, { name, saved: true, bytes: Buffer.byteLength(body['source']) });
}

/** `GET /api/partials/{name}`: a partial's source, so the studio can show where a finding in it is (read only). */
export async function handleReadPartial(response: ServerResponse, project: ServerProject, name: string): Promise<void> {
  const partial = await project.files.readPartial(name, project.partialDirs);
  sendJson(response, 200, { name: partial.name, source: partial.text });
}

/** `GET /api/profiles/{name}`: a fixture profile, to show and edit in the page (never written back). */
export async function handleReadProfile(response: ServerResponse, project: ServerProject, name: string): Promise<void> {
  const text = await project.files.readProfile(name);
  const problem = jsonTextProblem(text, MAX_JSON_DEPTH);
  // Where it broke, never an excerpt: the file holds a recipient's values.
  if (problem) throw new HttpError(422, `the profile file is not valid JSON at line ${problem.line}, column ${problem.column}: ${problem.reason}`);
  sendJson(response, 200, { name, profile: JSON.parse(text) as unknown });
}

/** `GET /api/rules`: every rule with its default severity, description and documentation. */
export function handleRules(response: ServerResponse): void {
  sendJson(response, 200, {
    rules: RULES.map((rule) => ({
      id: rule.meta.id,
      defaultSeverity: rule.meta.defaultSeverity,
      description: rule.meta.description,
      docsUrl: `${DOCS_BASE_URL}/${rule.meta.id}.md`,
    })),
  });
}
