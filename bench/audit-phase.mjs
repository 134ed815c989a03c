// One audit run in its own process, reporting its time and peak memory (worker threads included).
// Usage: node bench/audit-phase.mjs <audience file> <workers> <template>
import { performance } from 'node:perf_hooks';
import { run } from '../dist/cli.js';

const [audience, workers, template] = process.argv.slice(2);
const start = performance.now();
const code = await run(
  ['audit', template, '--datamap', 'fixtures/datamap.yaml', '--profiles', audience, '--output', '/dev/null', '--format', 'json', '--workers', workers, '--quiet'],
  { stdout: () => undefined, stderr: (text) => process.stderr.write(text), isTTY: false },
);
process.stdout.write(JSON.stringify({ code, ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
