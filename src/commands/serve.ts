import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { loadDataMap } from '../load/datamap.js';
import { InputError } from '../model/input-error.js';
import { DEFAULT_SETTINGS } from '../model/settings.js';
import { ProjectFiles } from '../server/project-files.js';
import { startServer, type RunningServer } from '../server/server.js';
import { EXIT, type CliIo } from './io.js';
import { projectFor, type ProjectOptions } from './project.js';
import type { ProjectConfig } from '../load/config.js';
import { templateKindOf } from '../template/source.js';

export interface ServeCommandOptions extends ProjectOptions {
  port: number;
  host: string;
  profiles?: string;
  templates?: string;
  token?: string;
  maxBody: number;
  timeLimit: number;
  workers?: number;
  /** Hold an email whose score is above this; a request may give its own. */
  maxScore?: number;
}

/**
 * `creeplint serve`: start the studio and the HTTP API, print the URL (with the token in
 * its fragment), and serve until interrupted (SIGINT or SIGTERM); then let the work in
 * flight finish for a few seconds at most, and print how many requests were answered
 * (counts only).
 * `until` resolves when the server should stop (a signal in the CLI, a test's choice).
 */
export async function serve(options: ServeCommandOptions, io: CliIo, until: (server: RunningServer) => Promise<void> = untilSignal): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const project = await projectFor([options.templates ?? DEFAULT_TEMPLATES], options, io);
  if (typeof project === 'number') return project;
  let server: RunningServer;
  try {
    // The command line first, then the configuration (its paths relative to it), then ./templates.
    const configured = templatesFolderOf(project.config);
    const templatesDir = options.templates ?? configured ?? DEFAULT_TEMPLATES;
    const profilesDir = options.profiles ?? project.config?.profiles;
    const fromConfig = { templates: options.templates === undefined && configured !== undefined, profiles: options.profiles === undefined && profilesDir !== undefined };
    for (const [dir, what] of [
      [templatesDir, 'templates'],
      [profilesDir, 'profiles'],
    ] as const) {
      if (dir !== undefined && !(await stat(resolve(cwd, dir)).catch(() => undefined))?.isDirectory()) {
        const from = fromConfig[what] ? `\`${what}\` in ${project.config?.file ?? 'the configuration'}` : `--${what} DIR`;
        throw new InputError({ file: dir, message: `the ${what} folder does not exist (${from})` });
      }
    }
    const dataMap = project.datamap === undefined ? undefined : await loadDataMap(project.datamap, cwd);
    server = await startServer({
      host: options.host,
      port: options.port,
      token: options.token ?? process.env['CREEPLINT_TOKEN'],
      maxBodyBytes: options.maxBody,
      timeLimitMs: options.timeLimit,
      workers: options.workers ?? Math.min(4, availableParallelism()),
      project: {
        files: new ProjectFiles(resolve(cwd, templatesDir), profilesDir === undefined ? undefined : resolve(cwd, profilesDir)),
        dataMap,
        settings: { ...DEFAULT_SETTINGS, ...project.config?.settings, ...(options.maxScore === undefined ? {} : { maxScore: options.maxScore }) },
        partialDirs: project.partials.map((dir) => resolve(cwd, dir)),
      },
    });
  } catch (error) {
    if (error instanceof InputError) io.stderr(`${error.toString()}\n`);
    else io.stderr(`creeplint serve: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.input;
  }
  // The one place the token is printed: in the studio URL's fragment, which the browser
  // never sends to a server or a log. The page reads it from there and drops it from the address bar.
  io.stdout(`creeplint studio: ${server.url}#token=${encodeURIComponent(server.token)}\n`);
  io.stdout(`API: ${server.url}api/openapi.json (send Authorization: Bearer <token>, the token in the URL above) · stop with Ctrl+C\n`);
  await until(server);
  await server.close();
  const { requests, checks, audits, recipients, stopped, refused } = server.counts;
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  io.stdout(
    `served ${count(requests, 'request')}: ${count(checks, 'check')}, ${count(audits, 'audit')} (${count(recipients, 'recipient')}), ${stopped} stopped by a limit, ${refused} refused\n`,
  );
  return EXIT.ok;
}

const DEFAULT_TEMPLATES = 'templates';

/**
 * The one folder the configuration's `templates` names, for the studio to list and save
 * to. A list of several, or a file or glob, cannot be served as one folder: that is said,
 * naming the configuration, rather than one of them picked.
 */
function templatesFolderOf(config: ProjectConfig | undefined): string | undefined {
  const listed = config?.templates ?? [];
  if (listed.length === 0 || !config) return undefined;
  const [only] = listed;
  if (listed.length > 1 || only === undefined || isDynamicPattern(only) || templateKindOf(only) !== undefined) {
    throw new InputError({
      file: config.file,
      message: `\`templates\` lists ${listed.length === 1 ? 'a file or glob' : `${listed.length} entries`}; creeplint serve serves one folder of templates: give --templates DIR`,
    });
  }
  return only;
}

function untilSignal(): Promise<void> {
  return new Promise((stop) => {
    process.once('SIGINT', () => {
      stop();
    });
    process.once('SIGTERM', () => {
      stop();
    });
  });
}
