import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { lint, type InputProblem, type LintOutcome } from '../engine/lint.js';
import { findConfigFile, loadConfig, type ProjectConfig } from '../load/config.js';
import { loadDataMap } from '../load/datamap.js';
import type { DataMap } from '../model/datamap.js';
import { InputError } from '../model/input-error.js';
import { DEFAULT_RENDER_LIMITS, type RenderLimits } from '../template/render-budget.js';
import { EXIT, type CliIo } from './io.js';

/** Options every command that reads templates shares. */
export interface ProjectOptions {
  config?: string;
  datamap?: string;
  partials: string[];
  /** Milliseconds one email may take to render (`--timeout`). */
  timeout?: number;
  /** Bytes one email's render may print, counted at every level (`--max-render`). */
  maxRender?: number;
}

/** The render limits the options ask for, over the defaults. */
export function limitsOf(options: Pick<ProjectOptions, 'timeout' | 'maxRender'>): RenderLimits {
  return { timeMs: options.timeout ?? DEFAULT_RENDER_LIMITS.timeMs, maxOutputBytes: options.maxRender ?? DEFAULT_RENDER_LIMITS.maxOutputBytes };
}

export interface Project {
  templates: string[];
  datamap: string | undefined;
  partials: string[];
  config: ProjectConfig | undefined;
}

/** Command-line arguments over the configuration file (named, or found from here upward). */
export async function projectFor(templates: string[], options: ProjectOptions, io: CliIo): Promise<Project | number> {
  const cwd = io.cwd ?? process.cwd();
  const found = findConfigFile(cwd);
  const file = options.config ?? (found === undefined ? undefined : relative(cwd, found));
  let config: ProjectConfig | undefined;
  if (file !== undefined) {
    try {
      config = await loadConfig(file, cwd);
    } catch (error) {
      if (error instanceof InputError) {
        io.stderr(`${error.toString()}\n`);
        return EXIT.input;
      }
      throw error;
    }
  }
  const chosen = templates.length > 0 ? templates : (config?.templates ?? []);
  if (chosen.length === 0) {
    io.stderr('creeplint: name the templates to check, or list them under `templates` in creeplint.config.yaml\n');
    return EXIT.input;
  }
  return { templates: chosen, datamap: options.datamap ?? config?.datamap, partials: [...(config?.partials ?? []), ...options.partials], config };
}

/**
 * Load the data map and lint. Each input problem (a missing or broken template, profile or
 * data map) is told on stderr in one line naming the file and position, and the command
 * ends with exit code 2 without a report: the rest is still read, so every problem is
 * told at once, but no result computed without that input is printed.
 */
export async function lintOrReport(
  input: Project & { profiles: string[]; maxScore?: number | undefined; limits?: RenderLimits | undefined },
  io: CliIo,
): Promise<LintOutcome | number> {
  let dataMap: DataMap | undefined;
  try {
    dataMap = input.datamap === undefined ? undefined : await loadDataMap(input.datamap, io.cwd);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.toString()}\n`);
      return EXIT.input;
    }
    throw error;
  }
  for (const warning of dataMap?.warnings ?? []) io.stderr(`${describeProblem(warning)}: warning: ${warning.message}\n`);
  const settings = input.maxScore === undefined ? input.config?.settings : { ...input.config?.settings, maxScore: input.maxScore };
  const outcome = await lint({ templates: input.templates, dataMap, profiles: input.profiles, partials: input.partials, cwd: io.cwd, settings, limits: input.limits });
  // An input error never looks like a pass: every problem is told, and nothing computed without that input is.
  if (outcome.problems.length === 0) return outcome;
  for (const problem of outcome.problems) io.stderr(`${describeProblem(problem)}: ${problem.message}\n`);
  return EXIT.input;
}

function describeProblem(problem: Omit<InputProblem, 'message'>): string {
  if (problem.line === undefined) return problem.file;
  return problem.column === undefined ? `${problem.file}:${problem.line}` : `${problem.file}:${problem.line}:${problem.column}`;
}

/** Write to --output (relative to the working directory) or to stdout. */
export async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output) await writeFile(resolve(io.cwd ?? process.cwd(), output), text);
  else io.stdout(text);
}
