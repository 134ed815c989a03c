import { resolve } from 'node:path';
import type { DataMap } from '../model/datamap.js';
import type { Finding, LintReport, LintResult, TemplateReport } from '../model/finding.js';
import { InputError } from '../model/input-error.js';
import type { Profile } from '../model/profile.js';
import type { EngineSettings } from '../model/settings.js';
import { loadDataMap } from '../load/datamap.js';
import { fileSystemPartials } from '../load/partials.js';
import { loadProfile, validateProfile } from '../load/profile.js';
import { readInputFile } from '../load/read-input.js';
import type { RenderLimits } from '../template/render-budget.js';
import { expandTemplateArguments } from '../load/template-files.js';
import { checkTemplate } from './check-template.js';
import type { RenderedEmail } from './rendered-email.js';

export interface LintOptions {
  /** Template files, directories or globs. */
  templates: readonly string[];
  /** A data map file, or one already loaded. */
  dataMap?: string | DataMap | undefined;
  /** Profile files, or profiles as objects (as in a profile file, or already loaded); none checks the templates on their own. */
  profiles?: readonly (string | Profile | object)[] | undefined;
  /** Extra partial folders (a `partials/` folder beside each template is always used). */
  partials?: readonly string[] | undefined;
  cwd?: string | undefined;
  /** The moment consent is judged at (expiry); defaults to now. */
  now?: Date | undefined;
  /** Rule levels and options, custom helpers, partial names, the preset and the maximum score, from a configuration file. */
  settings?: Partial<EngineSettings> | undefined;
  /** How long one email may take to render, and how much it may print (`--timeout`). */
  limits?: RenderLimits | undefined;
}

/** A problem with an input file that did not stop the other checks. */
export interface InputProblem {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  message: string;
}

export interface LintOutcome extends LintReport {
  /** Unreadable templates or profiles; each was skipped, the rest checked. */
  problems: InputProblem[];
  /** The rendered emails, in the order of `results` (undefined where rendering failed). */
  rendered: (RenderedEmail | undefined)[];
}

/**
 * Check templates against a data map and recipient profiles. Throws an InputError only
 * when the data map itself is unusable; every other bad input is reported in
 * `problems` and the remaining templates and profiles are still checked.
 */
export async function lint(options: LintOptions): Promise<LintOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const dataMap = typeof options.dataMap === 'string' ? await loadDataMap(options.dataMap, cwd) : options.dataMap;
  const problems: InputProblem[] = [];
  const profiles: Profile[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of (options.profiles ?? []).entries()) {
    // Normalised here, once, as every entry point does (load/profile.ts).
    const label = typeof entry === 'string' ? entry : `profiles[${index}]`;
    try {
      const profile = typeof entry === 'string' ? await loadProfile(entry, cwd) : validateProfile(entry, { file: label });
      if (seen.has(profile.id)) problems.push({ file: profile.file ?? profile.id, message: `duplicate profile id \`${profile.id}\`; each recipient is checked once` });
      else profiles.push(profile);
      seen.add(profile.id);
    } catch (error) {
      problems.push(asProblem(error, label));
    }
  }
  const expanded = await expandTemplateArguments(options.templates, cwd);
  problems.push(...expanded.problems.map((error) => asProblem(error, error.file)));
  const results: LintResult[] = [];
  const templates: TemplateReport[] = [];
  const rendered: (RenderedEmail | undefined)[] = [];
  for (const file of expanded.files) {
    let text: string;
    try {
      text = await readInputFile(file, 'template', cwd);
    } catch (error) {
      problems.push(asProblem(error, file));
      continue;
    }
    const check = await checkTemplate({
      file,
      location: resolve(cwd, file),
      text,
      dataMap,
      profiles,
      partials: fileSystemPartials({ templateFile: file, partialDirs: options.partials ?? [], cwd, partialNames: options.settings?.partialNames }),
      now: options.now ?? new Date(),
      settings: options.settings,
      limits: options.limits,
    });
    results.push(...check.results);
    templates.push(check.template);
    rendered.push(...check.rendered);
  }
  return { ...countFindings(results, templates), problems, rendered };
}

/** The report's counts: each template's own findings once, and each recipient's findings that are not the template's. */
export function countFindings(results: LintResult[], templates: TemplateReport[]): LintReport {
  let errorCount = 0;
  let warningCount = 0;
  const count = (findings: readonly Finding[], skipTemplate: boolean): void => {
    for (const finding of findings) {
      if (finding.suppressed || (skipTemplate && finding.scope === 'template')) continue;
      if (finding.severity === 'error') errorCount += 1;
      else if (finding.severity === 'warning') warningCount += 1;
    }
  };
  for (const template of templates) count(template.findings, false);
  for (const result of results) count(result.findings, true);
  return { results, templates, errorCount, warningCount };
}

function asProblem(error: unknown, file: string): InputProblem {
  if (error instanceof InputError) return { file: error.file, line: error.line, column: error.column, message: error.message };
  return { file, message: error instanceof Error ? error.message : String(error) };
}
