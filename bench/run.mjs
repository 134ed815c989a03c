// npm run bench: creeplint against plain Handlebars (+ mjml) rendering of the same
// templates and recipients, measured in the same run, printed as ratios. Each side runs
// in its own process (so peak memory is its own); the pair is repeated, alternating, and
// the median ratio reported, because a shared virtual machine is noisy.
import { execFileSync } from 'node:child_process';
import { corpusWorkload } from './workloads.mjs';

const rounds = process.env.BENCH_ROUNDS ?? '5';
const pairs = Number(process.env.BENCH_PAIRS ?? 3);
function phase(workload, side) {
  return JSON.parse(execFileSync(process.execPath, ['bench/phase.mjs', workload, side, rounds], { encoding: 'utf8' }));
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const workloads = ['bundled', ...(corpusWorkload() ? ['corpus'] : [])];
if (workloads.length === 1) console.log('corpus: skipped (../shared/corpus not found)');
console.log('workload  emails  plain ms  creeplint ms  time ratio  plain RSS MB  creeplint RSS MB  memory ratio');
for (const workload of workloads) {
  const runs = [];
  for (let pair = 0; pair < pairs; pair += 1) runs.push({ plain: phase(workload, 'plain'), lint: phase(workload, 'creeplint') });
  const plainMs = median(runs.map((run) => run.plain.medianMs));
  const lintMs = median(runs.map((run) => run.lint.medianMs));
  const timeRatio = median(runs.map((run) => run.lint.medianMs / run.plain.medianMs));
  const plainRss = median(runs.map((run) => run.plain.maxRssMb));
  const lintRss = median(runs.map((run) => run.lint.maxRssMb));
  console.log(
    [
      workload.padEnd(8),
      String(runs[0].lint.emails).padStart(6),
      plainMs.toFixed(0).padStart(8),
      lintMs.toFixed(0).padStart(12),
      `${timeRatio.toFixed(2)}x`.padStart(10),
      plainRss.toFixed(0).padStart(12),
      lintRss.toFixed(0).padStart(16),
      `${(lintRss / plainRss).toFixed(2)}x`.padStart(12),
    ].join('  '),
  );
}

// Cold start: one `creeplint check` of one .hbs against loading handlebars and cheerio/slim alone.
console.log('');
process.stdout.write(execFileSync(process.execPath, ['bench/cold-start.mjs'], { encoding: 'utf8' }));

// Per recipient: createChecker().check() against plain Handlebars rendering.
console.log('');
process.stdout.write(execFileSync(process.execPath, ['bench/recipients.mjs', process.env.BENCH_RECIPIENTS ?? '1000'], { encoding: 'utf8' }));

// Audience scale: creeplint audit on generated audiences (BENCH_AUDIT_SIZES, default 100000,1000000).
console.log('');
process.stdout.write(execFileSync(process.execPath, ['bench/audit.mjs'], { encoding: 'utf8' }));

// Campaign outcomes: creeplint outcomes on 1,000,000 verdicts and results (BENCH_OUTCOMES_SIZE) against a plain parsing loop.
console.log('');
process.stdout.write(execFileSync(process.execPath, ['bench/outcomes.mjs'], { encoding: 'utf8' }));

// The HTTP API under load: autocannon against creeplint serve (BENCH_SERVE_SECONDS, default 20).
console.log('');
process.stdout.write(execFileSync(process.execPath, ['bench/serve-load.mjs'], { encoding: 'utf8' }));
