// creeplint audit over generated audiences (not committed; written to a temporary folder):
// recipients per second with 1 worker and with all cores, and peak memory at each size.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const sizes = (process.env.BENCH_AUDIT_SIZES ?? '100000,1000000').split(',').map(Number);
const cores = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'creeplint-audit-bench-'));
console.log('recipients  workers  seconds  recipients/s  peak RSS MB');
const peaks = new Map();
try {
  for (const size of sizes) {
    const file = join(dir, `audience-${size}.jsonl`);
    const out = openSync(file, 'w');
    execFileSync(process.execPath, ['scripts/generate-audience.mjs', '--count', String(size), '--withdrawn', '0.2', '--missing', '0.1', '--malformed', '0.001'], { stdio: ['ignore', out, 'inherit'] });
    closeSync(out);
    for (const workers of [...new Set([1, cores])]) {
      // Each run in its own process; the median of three, as peak memory varies by a few MB run to run.
      const runs = Array.from({ length: 3 }, () => JSON.parse(execFileSync(process.execPath, ['bench/audit-phase.mjs', file, String(workers)], { encoding: 'utf8', maxBuffer: 1 << 20 })));
      const median = (key) => runs.map((run) => run[key]).sort((a, b) => a - b)[1];
      const result = { ms: median('ms'), maxRssMb: median('maxRssMb') };
      peaks.set(`${size}/${workers}`, result.maxRssMb);
      console.log(`${String(size).padStart(10)}  ${String(workers).padStart(7)}  ${(result.ms / 1000).toFixed(1).padStart(7)}  ${Math.round(size / (result.ms / 1000)).toString().padStart(12)}  ${result.maxRssMb.toFixed(0).padStart(11)}`);
    }
  }
  if (sizes.length > 1) {
    const [small, large] = [sizes[0], sizes[sizes.length - 1]];
    for (const workers of [...new Set([1, cores])]) {
      console.log(`peak memory ${large} / ${small} recipients, ${workers} worker${workers === 1 ? '' : 's'}: ${(peaks.get(`${large}/${workers}`) / peaks.get(`${small}/${workers}`)).toFixed(2)}x`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
