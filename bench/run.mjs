// npm run bench: creeplint against plain Handlebars (+ mjml) rendering of the same
// templates and recipients, measured in the same run, printed as ratios.
import { execFileSync } from 'node:child_process';
import { corpusWorkload } from './workloads.mjs';

const rounds = process.env.BENCH_ROUNDS ?? '5';
function phase(workload, side) {
  return JSON.parse(execFileSync(process.execPath, ['bench/phase.mjs', workload, side, rounds], { encoding: 'utf8' }));
}

const workloads = ['bundled', ...(corpusWorkload() ? ['corpus'] : [])];
if (workloads.length === 1) console.log('corpus: skipped (../shared/corpus not found)');
console.log('workload  emails  plain ms  creeplint ms  time ratio  plain RSS MB  creeplint RSS MB  memory ratio');
for (const workload of workloads) {
  const plain = phase(workload, 'plain');
  const lint = phase(workload, 'creeplint');
  console.log(
    [
      workload.padEnd(8),
      String(lint.emails).padStart(6),
      plain.medianMs.toFixed(0).padStart(8),
      lint.medianMs.toFixed(0).padStart(12),
      `${(lint.medianMs / plain.medianMs).toFixed(2)}x`.padStart(10),
      plain.maxRssMb.toFixed(0).padStart(12),
      lint.maxRssMb.toFixed(0).padStart(16),
      `${(lint.maxRssMb / plain.maxRssMb).toFixed(2)}x`.padStart(12),
    ].join('  '),
  );
}
