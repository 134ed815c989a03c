// creeplint outcomes on a generated campaign (BENCH_OUTCOMES_SIZE verdicts and results,
// default 1,000,000; written to a temporary folder, not committed), against reading and
// parsing both files in a plain Node loop, in the same run: each side in its own process,
// alternating, the median of three pairs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const size = Number(process.env.BENCH_OUTCOMES_SIZE ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'creeplint-outcomes-bench-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const verdicts = join(dir, 'verdicts.jsonl');
  const results = join(dir, 'results.csv');
  execFileSync(process.execPath, ['scripts/generate-campaign.mjs', '--count', String(size), '--seed', '1', '--verdicts', verdicts, '--results', results], { stdio: 'inherit' });
  const phase = (side) => JSON.parse(execFileSync(process.execPath, ['bench/outcomes-phase.mjs', side, verdicts, results], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  const runs = Array.from({ length: 3 }, () => ({ plain: phase('plain'), creeplint: phase('creeplint') }));
  if (runs.some((entry) => entry.creeplint.code !== 0 || entry.plain.code !== 0)) throw new Error('a bench phase failed');
  const plainMs = median(runs.map((entry) => entry.plain.ms));
  const lintMs = median(runs.map((entry) => entry.creeplint.ms));
  const plainRss = median(runs.map((entry) => entry.plain.maxRssMb));
  const lintRss = median(runs.map((entry) => entry.creeplint.maxRssMb));
  console.log('outcomes   rows each  plain loop s  outcomes s  time ratio  plain RSS MB  outcomes RSS MB  memory ratio');
  console.log(
    [
      'outcomes'.padEnd(8),
      String(size).padStart(11),
      (plainMs / 1000).toFixed(2).padStart(12),
      (lintMs / 1000).toFixed(2).padStart(10),
      `${median(runs.map((entry) => entry.creeplint.ms / entry.plain.ms)).toFixed(2)}x`.padStart(10),
      plainRss.toFixed(0).padStart(12),
      lintRss.toFixed(0).padStart(15),
      `${(lintRss / plainRss).toFixed(2)}x`.padStart(12),
    ].join('  '),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
