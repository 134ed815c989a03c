// Cold start: one `creeplint check` of one bundled Handlebars email, a fresh process each
// time, against a process that only loads what such a check cannot do without (handlebars
// and cheerio/slim), in the same run. The two alternate so that a noisy machine slows both
// alike; what is reported is the median of the pairs' ratios (each pair run back to back),
// never a time on its own as a pass mark.
// Usage: node bench/cold-start.mjs [repetitions]   (BENCH_COLD_RUNS, default 15)
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = resolve(import.meta.dirname, '..');
const repetitions = Number(process.argv[2] ?? process.env.BENCH_COLD_RUNS ?? 15);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const baseline = ['--input-type=module', '-e', "await import('handlebars'); await import('cheerio/slim');"];
const template = 'templates/order-confirmation.hbs';
const checks = {
  'check .hbs': ['dist/bin.js', 'check', template],
  // The same with a recipient (JSON), as the quick start checks it; no data map.
  '+ profile': ['dist/bin.js', 'check', template, '--profile', 'fixtures/profiles/full-consent.json'],
};

/** Wall time of one fresh process, from spawn to exit. */
function timeOnce(args) {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - start;
  // 1 is a finding, which the email may have; 2 or a signal is a broken run, not a time.
  if (run.status !== 0 && run.status !== 1) throw new Error(`${args.join(' ')} exited ${run.status ?? run.signal}: ${run.stderr}`);
  return ms;
}

const times = { baseline: [], ...Object.fromEntries(Object.keys(checks).map((name) => [name, []])) };
for (const args of [baseline, ...Object.values(checks)]) timeOnce(args); // warm the file cache, not the processes
for (let round = 0; round < repetitions; round += 1) {
  times.baseline.push(timeOnce(baseline));
  for (const [name, args] of Object.entries(checks)) times[name].push(timeOnce(args));
}
const baselineMs = median(times.baseline);
console.log('cold start  runs  handlebars+cheerio ms  check ms  ratio');
for (const name of Object.keys(checks)) {
  const ratio = median(times[name].map((ms, round) => ms / times.baseline[round]));
  console.log(
    [name.padEnd(10), String(repetitions).padStart(4), baselineMs.toFixed(0).padStart(21), median(times[name]).toFixed(0).padStart(8), `${ratio.toFixed(2)}x`.padStart(5)].join(
      '  ',
    ),
  );
}
