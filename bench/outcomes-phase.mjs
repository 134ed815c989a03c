// One side of the outcomes bench in its own process, reporting its time and peak memory.
// Usage: node bench/outcomes-phase.mjs <creeplint|plain> <verdicts.jsonl> <results.csv>
//   creeplint: `creeplint outcomes --format json` on the two files.
//   plain: read both files line by line and parse every row (JSON.parse, split on commas) in a plain loop.
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { run } from '../dist/cli.js';

const [side, verdicts, results] = process.argv.slice(2);
const start = performance.now();
let code = 0;
if (side === 'creeplint') {
  code = await run(['outcomes', '--verdicts', verdicts, '--results', results, '--format', 'json'], {
    stdout: () => undefined,
    stderr: (text) => process.stderr.write(text),
    isTTY: false,
  });
} else {
  let rows = 0;
  let scoreSum = 0;
  for await (const line of createInterface({ input: createReadStream(verdicts), crlfDelay: Infinity })) {
    if (line === '') continue;
    scoreSum += JSON.parse(line).score;
    rows += 1;
  }
  let header = true;
  let clicks = 0;
  for await (const line of createInterface({ input: createReadStream(results), crlfDelay: Infinity })) {
    if (header || line === '') {
      header = false;
      continue;
    }
    clicks += Number(line.split(',')[3]);
    rows += 1;
  }
  if (rows === 0 || Number.isNaN(scoreSum + clicks)) code = 1;
}
process.stdout.write(JSON.stringify({ code, ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
