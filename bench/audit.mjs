// creeplint audit over generated audiences (not committed; written to a temporary folder),
// against the loop a sender runs without it (bench/audit-plain.mjs: read the same JSON
// Lines, parse, render, write a line), in the same run: a Handlebars template and an MJML
// one, the time ratio with one worker, the speed-up with 2 workers and with every core,
// and peak memory as the audience grows. Each run in its own process; the median of three.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const sizes = (process.env.BENCH_AUDIT_SIZES ?? '100000,1000000').split(',').map(Number);
const templates = (process.env.BENCH_AUDIT_TEMPLATES ?? 'templates/browse-abandon.hbs,templates/newsletter.mjml').split(',');
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'creeplint-audit-bench-'));
const median = (runs, key) => runs.map((one) => one[key]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
const timed = (script, args) => {
  const runs = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 })));
  return { ms: median(runs, 'ms'), maxRssMb: median(runs, 'maxRssMb') };
};
const workerCounts = [...new Set([1, 2, cores])];
console.log('template                        recipients  run          seconds  recipients/s  vs plain  vs 1 worker  peak RSS MB');
const peaks = new Map();
try {
  for (const size of sizes) {
    const file = join(dir, `audience-${size}.jsonl`);
    const out = openSync(file, 'w');
    execFileSync(process.execPath, ['scripts/generate-audience.mjs', '--count', String(size), '--withdrawn', '0.2', '--missing', '0.1', '--malformed', '0.001', '--varied'], {
      stdio: ['ignore', out, 'inherit'],
    });
    closeSync(out);
    for (const template of templates) {
      const plain = timed('bench/audit-plain.mjs', [file, template]);
      const row = (label, result, one) =>
        console.log(
          `${template.padEnd(30)}  ${String(size).padStart(10)}  ${label.padEnd(11)}  ${(result.ms / 1000).toFixed(1).padStart(7)}  ${Math.round(size / (result.ms / 1000))
            .toString()
            .padStart(
              12,
            )}  ${`${(result.ms / plain.ms).toFixed(2)}x`.padStart(8)}  ${one ? `${(one.ms / result.ms).toFixed(2)}x`.padStart(11) : ''.padStart(11)}  ${result.maxRssMb.toFixed(0).padStart(11)}`,
        );
      row('plain loop', plain);
      let one;
      for (const workers of workerCounts) {
        const result = timed('bench/audit-phase.mjs', [file, String(workers), template]);
        one ??= result;
        peaks.set(`${template}/${size}/${workers}`, result.maxRssMb);
        row(`${workers} worker${workers === 1 ? '' : 's'}`, result, workers === 1 ? undefined : one);
      }
    }
  }
  if (sizes.length > 1) {
    const [small, large] = [sizes[0], sizes[sizes.length - 1]];
    for (const template of templates) {
      for (const workers of workerCounts) {
        console.log(
          `peak memory ${large} / ${small} recipients, ${template}, ${workers} worker${workers === 1 ? '' : 's'}: ${(peaks.get(`${template}/${large}/${workers}`) / peaks.get(`${template}/${small}/${workers}`)).toFixed(2)}x`,
        );
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
