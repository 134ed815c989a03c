import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
// Only what the options' help needs is imported here: each command's module is imported
// when that command runs, so `check` never loads the server, the audit or DuckDB's reader.
import type { AuditOptions } from './commands/audit.js';
import type { AuditMergeOptions } from './commands/audit-merge.js';
import type { CheckOptions } from './commands/check.js';
import type { ControlOptions } from './commands/control.js';
import type { OutcomesOptions } from './commands/outcomes.js';
import type { ProjectOptions } from './commands/project.js';
import type { RenderOptions } from './commands/render.js';
import type { ServeCommandOptions } from './commands/serve.js';
import { EXIT, processIo, type CliIo } from './commands/io.js';
import { BASELINE_FILE } from './engine/baseline.js';
import { InputError } from './model/input-error.js';
import { DEFAULT_MAX_SCORE } from './model/settings.js';
import { defaultWorkerCount } from './presend/audit-pool.js';
import { parseHoldoutShare } from './presend/holdout.js';
import { REPORTER_NAMES } from './report/names.js';
import { SERVE_DEFAULTS } from './server/defaults.js';
import { DEFAULT_RENDER_LIMITS } from './template/render-budget.js';
import { VERSION } from './version.js';

export { EXIT, type CliIo } from './commands/io.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseScore(value: string): number {
  const score = Number(value);
  if (!Number.isInteger(score) || score < 0 || score > 100) throw new InvalidArgumentError('expected a whole number from 0 to 100');
  return score;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (value.trim() === '' || !Number.isInteger(count) || count < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return count;
}

function parseWorkers(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return count;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0: any free port)');
  return port;
}

/** A size in bytes, or with a unit: 5mb, 512kb. */
function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)?$/iu.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 5mb, 512kb or 1048576');
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[(match[2] ?? 'b').toLowerCase() as 'b' | 'kb' | 'mb'];
  return Math.round(Number(match[1]) * unit);
}

function parseMilliseconds(value: string): number {
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 10 || ms > 600_000) throw new InvalidArgumentError('expected milliseconds from 10 to 600000');
  return ms;
}

function parseShare(value: string): number {
  try {
    return parseHoldoutShare(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parseShard(value: string): { index: number; count: number } {
  const [index, count] = value.split('/').map(Number);
  if (index === undefined || count === undefined || !Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) {
    throw new InvalidArgumentError('expected i/n with 0 ≤ i < n, e.g. 0/4');
  }
  return { index, count };
}

/** The options every command that reads templates shares (ProjectOptions). */
function withProjectOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', 'the configuration file (default: creeplint.config.json or .yaml, from here upward)')
    .option('-d, --datamap <file>', 'the data map (YAML or JSON)')
    .option('--partials <dir>', 'a folder of partials; repeat for several', collect, []);
}

/** The limits on one email's render, for the commands that render (check, render, audit). */
function withRenderLimits(command: Command): Command {
  return command
    .option('--timeout <ms>', `stop an email's render after this long, with a render-error (default ${DEFAULT_RENDER_LIMITS.timeMs})`, parseMilliseconds)
    .option(
      '--max-render <size>',
      `stop an email's render once it has printed this much, with a render-error (default ${DEFAULT_RENDER_LIMITS.maxOutputBytes / (1024 * 1024)}mb)`,
      parseSize,
    );
}

/** Parse argv, run the command and return the exit code. Never throws, never prints a stack trace. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command()
    .name('creeplint')
    .description('Lint personalised email for data the recipient never knowingly shared or consented to.')
    .version(VERSION)
    .exitOverride()
    // Each command's options are its own (`audit merge --format` is not `audit --format`).
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  withRenderLimits(
    withProjectOptions(
      program
        .command('check')
        .description('check templates against a data map and recipient profiles, and score how intrusive each email feels')
        .argument('[templates...]', 'template files, directories or globs (.hbs, .handlebars, .html, .txt, .mjml); default: `templates` in the configuration'),
    ),
  )
    .option('-p, --profile <file>', 'a recipient profile (JSON); repeat for several', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(REPORTER_NAMES).default('stylish'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--max-score <n>', `highest acceptable score (default: the configuration's, else ${DEFAULT_MAX_SCORE})`, parseScore)
    .option('-q, --quiet', 'report errors only: warnings and info are neither printed nor counted')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this (none are counted with --quiet)', parseCount)
    .option('--show-values', "print customers' values beside their fields (local use only; html always shows them)")
    .option('--baseline <file>', `accepted findings: only new ones fail the run (default: ${BASELINE_FILE} when it exists)`)
    .option('--update-baseline', "record today's findings as accepted in the baseline file")
    .option('--no-color', 'never colour the output')
    .action(async (templates: string[], options: CheckOptions) => {
      exitCode = await (await import('./commands/check.js')).check(templates, options, io);
    });

  withRenderLimits(
    withProjectOptions(
      program.command('render').description('write the email as a recipient would get it (HTML, or text for text templates)').argument('<template>', 'the template'),
    ),
  )
    .requiredOption('-p, --profile <file>', 'the recipient profile (JSON)')
    .option('-o, --output <file>', 'write the email to a file instead of stdout')
    .option('--highlight', 'highlight every personal value, coloured by its worst finding')
    .action(async (template: string, options: RenderOptions) => {
      exitCode = await (await import('./commands/render.js')).render(template, options, io);
    });

  withProjectOptions(
    program
      .command('control')
      .description(
        "write a template's de-personalised twin for a campaign's control group: personal values and the blocks that depend on them made generic, surveillance phrasing replaced, system fields kept",
      )
      .argument('<template>', 'the template'),
  )
    .option('-o, --output <file>', 'write the twin to a file instead of stdout')
    .option('-p, --profile <file>', 'also judge the twin for this recipient (JSON); repeat for several (default: on its own)', collect, [])
    .action(async (template: string, options: ControlOptions) => {
      exitCode = await (await import('./commands/control.js')).control(template, options, io);
    });

  withRenderLimits(
    withProjectOptions(
      program
        .command('audit')
        .description('check every recipient of a campaign: a send or hold verdict each, in constant memory, and a summary')
        .argument('<template>', 'the template')
        // Not a required option: `audit merge` is a subcommand and commander would ask for it there too.
        .option('--profiles <file>', 'the recipients: JSON Lines (.jsonl), or CSV (.csv) with id, data paths and consent.<purpose> columns; - reads standard input'),
    ),
  )
    .addOption(new Option('--input-format <format>', "the recipients' format (default: by extension; JSON Lines for standard input)").choices(['jsonl', 'csv']))
    .option('-o, --output <file>', 'write the verdicts (JSON Lines) to a file, the summary then to stdout; - (the default) writes them to stdout')
    .addOption(new Option('-f, --format <format>', 'summary format (html: a one-page audience report)').choices(['text', 'json', 'html']).default('text'))
    .option('--report <file>', 'write the summary to a file')
    .option('--shard <i/n>', 'check only every n-th recipient, starting at the i-th (0-based)', parseShard)
    .option('--max-score <n>', `hold a recipient whose score is above this (default: the configuration's, else ${DEFAULT_MAX_SCORE})`, parseScore)
    .option('--holdout <share>', 'hold out this share as the control group (10% or 0.1), each recipient by campaign and id; needs --campaign', parseShare)
    .option('--campaign <name>', 'the campaign the holdout is drawn for: a new name draws anew')
    .option('-w, --workers <n>', `worker threads (default: ${defaultWorkerCount()} here, the fastest measured setting; 1 checks in this thread)`, parseWorkers)
    .option('-q, --quiet', 'no progress on a terminal')
    // `audit merge --format json`: the options after `merge` are merge's own.
    .enablePositionalOptions()
    // --profiles is required but given as an option, so commander may leave it out: checked here.
    .action(async (template: string, options: Omit<AuditOptions, 'profiles'> & { profiles?: string }) => {
      const { profiles } = options;
      if (profiles === undefined) {
        io.stderr('creeplint audit: name the recipients with --profiles FILE (or --profiles - for standard input)\n');
        exitCode = EXIT.input;
        return;
      }
      exitCode = await (await import('./commands/audit.js')).audit(template, { ...options, profiles }, io);
    })
    .command('merge')
    .description("add up the JSON summaries of an audience's shards (audit --shard i/n --format json --report FILE) into one, exactly")
    .argument('<summaries...>', "the shards' summaries (JSON)")
    .addOption(new Option('-f, --format <format>', "the merged summary's format").choices(['text', 'json', 'html']).default('text'))
    .option('--report <file>', 'write the merged summary to a file instead of stdout')
    .action(async (summaries: string[], options: AuditMergeOptions) => {
      exitCode = await (await import('./commands/audit-merge.js')).auditMerge(summaries, options, io);
    });

  program
    .command('outcomes')
    .description("join each campaign's verdicts with what recipients did: whether personalisation earns its keep, and whether higher scores cost unsubscribes and complaints")
    .option('--verdicts <files...>', 'the verdicts of `creeplint audit` (JSON Lines), one file per campaign', [])
    .option('--results <files...>', "what recipients did, as your ESP exports it (CSV, JSON Lines or Parquet), one file per campaign, in the verdicts' order", [])
    .addOption(new Option('-f, --format <format>', 'report format (html: a dashboard)').choices(['text', 'json', 'html']).default('text'))
    .option('--report <file>', 'write the report to a file instead of stdout')
    .option('--sql', 'print the SQL it runs (a warehouse can run the analysis part as is) instead of the report')
    .option('--tally <file>', 'a tally counted by a warehouse with that SQL (CSV), instead of --verdicts and --results')
    .action(async (options: OutcomesOptions) => {
      exitCode = await (await import('./commands/outcomes.js')).outcomes(options, io);
    });

  withProjectOptions(
    program
      .command('fields')
      .description('list the fields each template reads, with category, source and uses')
      .argument('[templates...]', 'template files, directories or globs; default: `templates` in the configuration'),
  )
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (templates: string[], options: ProjectOptions & { format: 'text' | 'json' }) => {
      exitCode = await (await import('./commands/fields.js')).fields(templates, options, io);
    });

  withProjectOptions(program.command('serve').description('start the studio (edit a draft, watch the score move) and the HTTP pre-send API on a local server'))
    .option('--port <port>', 'the port (0: any free one)', parsePort, SERVE_DEFAULTS.port)
    .option('--host <host>', 'the address to bind; anything but loopback needs --token', SERVE_DEFAULTS.host)
    .option('--templates <dir>', 'the templates folder: listed in the studio, saved to only on request (default: templates)')
    .option('--profiles <dir>', 'a folder of recipient profiles (JSON) to pick from; never written')
    .option('--token <token>', 'bearer token every API call must carry (or CREEPLINT_TOKEN); required off loopback')
    .option('--max-body <size>', 'largest request body, e.g. 5mb', parseSize, SERVE_DEFAULTS.maxBodyBytes)
    .option('--time-limit <ms>', 'longest a check may run before it is stopped with a finding', parseMilliseconds, SERVE_DEFAULTS.timeLimitMs)
    .option('-w, --workers <n>', 'checks run in parallel (default: the number of cores, up to 4)', parseWorkers)
    .option('--max-score <n>', `hold an email whose score is above this (default: the configuration's, else ${DEFAULT_MAX_SCORE}); a request may give its own`, parseScore)
    .action(async (options: ServeCommandOptions) => {
      exitCode = await (await import('./commands/serve.js')).serve(options, io);
    });

  program
    .command('init')
    .description('write a commented starter configuration, a data map skeleton from the fields the templates read, and an example profile')
    .argument('[templates...]', 'template files, directories or globs (default: templates)')
    .option('--force', 'overwrite files that already exist')
    .action(async (templates: string[], options: { force?: boolean }) => {
      exitCode = await (await import('./commands/init.js')).init(templates, options, io);
    });

  program
    .command('rules')
    .description('list the rules with their default severity and what they catch')
    .action(async () => {
      exitCode = (await import('./commands/explain.js')).listRules(io);
    });

  program
    .command('explain')
    .description("print a rule's documentation: what it does, why it feels intrusive, examples, how to fix")
    .argument('<rule-id>', 'the rule, as `creeplint rules` lists it')
    .action(async (ruleId: string) => {
      exitCode = (await import('./commands/explain.js')).explain(ruleId, io);
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
