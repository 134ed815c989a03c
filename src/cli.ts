import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { applyBaseline, BASELINE_FILE, buildBaseline } from './engine/baseline.js';
import { countFindings, lint, type InputProblem, type LintOutcome } from './engine/lint.js';
import { loadBaseline } from './load/baseline.js';
import type { LintResult } from './model/finding.js';
import { findConfigFile, loadConfig, type ProjectConfig } from './load/config.js';
import { loadDataMap } from './load/datamap.js';
import type { DataMap } from './model/datamap.js';
import { InputError } from './model/input-error.js';
import { formatFields } from './report/fields.js';
import { highlightedEmail } from './report/html/highlighted-email.js';
import { REPORTER_NAMES, reporterFor, type ReporterName } from './report/index.js';
import { findRule, RULES } from './rules/index.js';
import { formatRulesList } from './report/rules-list.js';
import { starterConfig, starterDataMap, starterProfile } from './init/starter-files.js';
import { surveyTemplates } from './init/survey.js';
import { VERSION } from './version.js';

/** Exit codes (DESIGN.md): 0 clean, 1 an error finding or a score above --max-score, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

const DEFAULT_MAX_SCORE = 74;

interface ProjectOptions {
  config?: string;
  datamap?: string;
  partials: string[];
}

interface CheckOptions extends ProjectOptions {
  profile: string[];
  format: ReporterName;
  output?: string;
  maxScore?: number;
  color?: boolean;
  showValues?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
}

interface RenderOptions extends ProjectOptions {
  profile: string;
  output?: string;
  highlight?: boolean;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  cwd?: string | undefined;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseScore(value: string): number {
  const score = Number(value);
  if (!Number.isInteger(score) || score < 0 || score > 100) throw new InvalidArgumentError('expected a whole number from 0 to 100');
  return score;
}

/** Parse argv, run the command and return the exit code. Never throws, never prints a stack trace. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('creeplint')
    .description('Lint personalised email for data the recipient never knowingly shared or consented to.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('check')
    .description('check templates against a data map and recipient profiles, and score how intrusive each email feels')
    .argument('[templates...]', 'template files, directories or globs (.hbs, .handlebars, .html, .txt, .mjml); default: `templates` in the configuration')
    .option('-c, --config <file>', 'the configuration file (default: creeplint.config.json or .yaml, from here upward)')
    .option('-d, --datamap <file>', 'the data map (YAML or JSON)')
    .option('-p, --profile <file>', 'a recipient profile (JSON); repeat for several', collect, [])
    .option('--partials <dir>', 'a folder of partials; repeat for several', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORTER_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-score <n>', `highest acceptable score (default: the configuration's, else ${DEFAULT_MAX_SCORE})`, parseScore)
    .option('--show-values', "print customers' values beside their fields (local use only; html always shows them)")
    .option('--baseline <file>', `accepted findings: only new ones fail the run (default: ${BASELINE_FILE} when it exists)`)
    .option('--update-baseline', "record today's findings as accepted in the baseline file")
    .option('--no-color', 'never colour the output')
    .action(async (templates: string[], options: CheckOptions) => {
      exitCode = await check(templates, options, io);
    });

  program
    .command('render')
    .description('write the email as a recipient would get it (HTML, or text for text templates)')
    .argument('<template>', 'the template')
    .option('-c, --config <file>', 'the configuration file')
    .option('-d, --datamap <file>', 'the data map, to colour highlights by finding')
    .requiredOption('-p, --profile <file>', 'the recipient profile (JSON)')
    .option('--partials <dir>', 'a folder of partials; repeat for several', collect, [])
    .option('-o, --output <file>', 'write the email to a file instead of stdout')
    .option('--highlight', 'highlight every personal value, coloured by its worst finding')
    .action(async (template: string, options: RenderOptions) => {
      exitCode = await render(template, options, io);
    });

  program
    .command('fields')
    .description('list the fields each template reads, with category, source and uses')
    .argument('[templates...]', 'template files, directories or globs; default: `templates` in the configuration')
    .option('-c, --config <file>', 'the configuration file')
    .option('-d, --datamap <file>', 'the data map, to show categories and sources')
    .option('--partials <dir>', 'a folder of partials; repeat for several', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (templates: string[], options: ProjectOptions & { format: 'text' | 'json' }) => {
      exitCode = await fields(templates, options, io);
    });

  program
    .command('init')
    .description('write a commented starter configuration, a data map skeleton from the fields the templates read, and an example profile')
    .argument('[templates...]', 'template files, directories or globs (default: templates)')
    .option('--force', 'overwrite files that already exist')
    .action(async (templates: string[], options: { force?: boolean }) => {
      exitCode = await init(templates, options, io);
    });

  program
    .command('rules')
    .description('list the rules with their default severity and what they catch')
    .action(() => {
      io.stdout(formatRulesList(RULES));
    });

  program
    .command('explain')
    .description("print a rule's documentation: what it does, why it feels intrusive, examples, how to fix")
    .argument('<rule-id>', 'the rule, as `creeplint rules` lists it')
    .action((ruleId: string) => {
      exitCode = explain(ruleId, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.input;
    io.stderr(`${error instanceof InputError ? error.toString() : `creeplint: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return EXIT.input;
  }
  return exitCode;
}

async function check(templates: string[], options: CheckOptions, io: CliIo): Promise<number> {
  const project = await projectFor(templates, options, io);
  if (typeof project === 'number') return project;
  const linted = await lintOrReport({ ...project, profiles: options.profile }, io);
  if (typeof linted === 'number') return linted;
  const cwd = io.cwd ?? process.cwd();
  const baselineFile = options.baseline ?? BASELINE_FILE;
  if (options.updateBaseline) {
    const baseline = buildBaseline(linted.results);
    await writeFile(resolve(cwd, baselineFile), `${JSON.stringify(baseline, null, 2)}\n`);
    const entries = baseline.results.reduce((count, result) => count + result.findings.length, 0);
    io.stderr(`${baselineFile}: recorded ${entries} accepted finding${entries === 1 ? '' : 's'} for ${baseline.results.length} email${baseline.results.length === 1 ? '' : 's'}\n`);
  }
  const accepted = await baselineFor(options.baseline !== undefined || options.updateBaseline === true || existsSync(resolve(cwd, baselineFile)) ? baselineFile : undefined, linted, io);
  if (typeof accepted === 'number') return accepted;
  const outcome = accepted.outcome;
  const maxScore = options.maxScore ?? project.config?.maxScore ?? DEFAULT_MAX_SCORE;
  const color = options.color !== false && options.output === undefined && io.isTTY;
  const text = reporterFor(options.format)(outcome, { color, showValues: options.showValues === true, cwd: io.cwd ?? process.cwd() });
  await emit(text, options.output, io);
  if (outcome.problems.length > 0) return EXIT.input;
  // With a baseline, a score above the limit fails only if it rose above the accepted one.
  const tooHigh = outcome.results.some((result) => result.score > maxScore && result.score > (accepted.scores.get(result) ?? -1));
  return outcome.errorCount > 0 || tooHigh ? EXIT.findings : EXIT.ok;
}

/** Rendering is for previews and pasting into an ESP: it exits 0 when the email rendered, whatever the findings. */
async function render(template: string, options: RenderOptions, io: CliIo): Promise<number> {
  const project = await projectFor([template], options, io);
  if (typeof project === 'number') return project;
  const outcome = await lintOrReport({ ...project, profiles: [options.profile] }, io);
  if (typeof outcome === 'number') return outcome;
  if (outcome.problems.length > 0) return EXIT.input;
  const result = outcome.results[0];
  const email = outcome.rendered[0];
  const failure = result?.findings.find((finding) => finding.ruleId === 'render-error' || finding.ruleId === 'parse-error');
  if (!result || !email || failure) {
    io.stderr(`${template}: the email could not be rendered${failure ? `: ${failure.line}:${failure.column} ${failure.message}` : ''}\n`);
    return EXIT.input;
  }
  await emit(options.highlight ? highlightedEmail(result, email) : email.body, options.output, io);
  return EXIT.ok;
}

async function fields(templates: string[], options: ProjectOptions & { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const project = await projectFor(templates, options, io);
  if (typeof project === 'number') return project;
  const outcome = await lintOrReport({ ...project, profiles: [] }, io);
  if (typeof outcome === 'number') return outcome;
  const listing = outcome.results.map((result) => ({ template: result.template, fields: result.fields }));
  io.stdout(options.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatFields(listing));
  return outcome.problems.length > 0 ? EXIT.input : EXIT.ok;
}

async function init(templates: string[], options: { force?: boolean }, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const chosen = templates.length > 0 ? templates : existsSync(resolve(cwd, 'templates')) ? ['templates'] : [];
  if (chosen.length === 0) {
    io.stderr('creeplint: name the templates to start from, e.g. creeplint init emails/\n');
    return EXIT.input;
  }
  const survey = await surveyTemplates(chosen, cwd);
  const files: [string, string][] = [
    ['creeplint.config.yaml', starterConfig(survey)],
    ['datamap.yaml', starterDataMap(survey)],
    ['profiles/example.json', starterProfile(survey)],
  ];
  const existing = files.filter(([file]) => existsSync(resolve(cwd, file))).map(([file]) => file);
  if (existing.length > 0 && !options.force) {
    io.stderr(`creeplint: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing written (use --force to overwrite)\n`);
    return EXIT.input;
  }
  await mkdir(resolve(cwd, 'profiles'), { recursive: true });
  for (const [file, text] of files) await writeFile(resolve(cwd, file), text);
  io.stdout(
    `Wrote creeplint.config.yaml, datamap.yaml (${survey.fields.length} field${survey.fields.length === 1 ? '' : 's'}) and profiles/example.json.\n` +
      'Review the categories and sources in datamap.yaml, then run: creeplint check --profile profiles/example.json\n',
  );
  return EXIT.ok;
}

function explain(ruleId: string, io: CliIo): number {
  const rule = findRule(ruleId);
  if (!rule) {
    io.stderr(`creeplint: unknown rule \`${ruleId}\`; \`creeplint rules\` lists them\n`);
    return EXIT.input;
  }
  io.stdout(readFileSync(new URL(`../docs/rules/${rule.meta.id}.md`, import.meta.url), 'utf8'));
  return EXIT.ok;
}

/** Apply the baseline file, if there is one, and say which accepted findings no longer occur. */
async function baselineFor(
  file: string | undefined,
  outcome: LintOutcome,
  io: CliIo,
): Promise<{ outcome: LintOutcome; scores: ReadonlyMap<LintResult, number> } | number> {
  if (file === undefined) return { outcome, scores: new Map() };
  let baseline;
  try {
    baseline = await loadBaseline(file, io.cwd);
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`${error.toString()}\n`);
      return EXIT.input;
    }
    throw error;
  }
  const applied = applyBaseline(outcome.results, baseline);
  for (const entry of applied.stale) {
    io.stderr(`${file}: no longer occurs: ${entry.template}${entry.profile === null ? '' : ` × ${entry.profile}`} ${entry.ruleId}${entry.field ? ` ${entry.field}` : ''}${entry.placement ? ` in ${entry.placement}` : ''} (×${entry.count})\n`);
  }
  return { outcome: { ...outcome, ...countFindings(applied.results) }, scores: applied.scores };
}

async function emit(text: string, output: string | undefined, io: CliIo): Promise<void> {
  if (output) await writeFile(resolve(io.cwd ?? process.cwd(), output), text);
  else io.stdout(text);
}

interface Project {
  templates: string[];
  datamap: string | undefined;
  partials: string[];
  config: ProjectConfig | undefined;
}

/** Command-line arguments over the configuration file (named, or found from here upward). */
async function projectFor(templates: string[], options: ProjectOptions, io: CliIo): Promise<Project | number> {
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

async function lintOrReport(input: Project & { profiles: string[] }, io: CliIo): Promise<LintOutcome | number> {
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
  const outcome = await lint({ templates: input.templates, dataMap, profiles: input.profiles, partials: input.partials, cwd: io.cwd, settings: input.config?.settings });
  for (const problem of outcome.problems) io.stderr(`${describeProblem(problem)}: ${problem.message}\n`);
  return outcome;
}

function describeProblem(problem: Omit<InputProblem, 'message'>): string {
  if (problem.line === undefined) return problem.file;
  return problem.column === undefined ? `${problem.file}:${problem.line}` : `${problem.file}:${problem.line}:${problem.column}`;
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
  };
}
