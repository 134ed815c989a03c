// One audit run in its own process, reporting its time from the process's start (as the
// plain loop's is) and its peak memory (worker threads included).
// Usage: node bench/audit-phase.mjs <audience file> <workers> <template>
import { performance } from 'node:perf_hooks';
import { run } from '../dist/cli.js';

const [audience, workers, template] = process.argv.slice(2);
const code = await run(
  ['audit', template, '--datamap', 'fixtures/datamap.yaml', '--profiles', audience, '--output', '/dev/null', '--format', 'json', '--workers', workers, '--quiet'],
  { stdout: () => undefined, stderr: (text) => process.stderr.write(text), isTTY: false },
);
process.stdout.write(JSON.stringify({ code, ms: performance.now(), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
