// Load on `creeplint serve`: autocannon against POST /api/check on loopback, 50 connections
// for 20 seconds (BENCH_SERVE_CONNECTIONS, BENCH_SERVE_SECONDS). The server runs in its own
// process, so its memory is its own: resident memory is read after a warm-up and again
// after the run. Reports requests per second, p50/p99 latency, errors and the memory ratio.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const connections = Number(process.env.BENCH_SERVE_CONNECTIONS ?? 50);
const seconds = Number(process.env.BENCH_SERVE_SECONDS ?? 20);

/** Resident memory of a process, in MB (Linux /proc). */
function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0);
  // Worker threads share the process: their memory is in this figure too.
  return kb / 1024;
}

const server = spawn(
  process.execPath,
  ['dist/bin.js', 'serve', '--port', '0', '--templates', 'templates', '--profiles', 'fixtures/profiles', '--datamap', 'fixtures/datamap.yaml'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [url, token] = await new Promise((found, failed) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    // The studio URL carries the token every API call needs, after #token=.
    const match = /creeplint studio: (http:\/\/\S+\/)#token=([\w-]+)/u.exec(out);
    if (match) found([match[1], match[2]]);
  });
  server.on('exit', (code) => failed(new Error(`the server exited (${code}) before it printed its URL`)));
});

const profile = JSON.parse(readFileSync('fixtures/profiles/withdrawn-consent.json', 'utf8'));
const request = {
  method: 'POST',
  path: '/api/check',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ template: 'browse-abandon.hbs', profile }),
};
const load = (duration) => autocannon({ url, connections, duration, requests: [request] });

try {
  await load(3); // warm-up: worker threads started, templates and mjml loaded
  const before = rssMb(server.pid);
  const result = await load(seconds);
  const after = rssMb(server.pid);
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(
    `POST /api/check, ${connections} connections, ${seconds} s on loopback: ${Math.round(result.requests.average)} requests/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.total} requests, ${errors} errors (${result.non2xx} non-2xx, ${result.timeouts} timeouts)`,
  );
  console.log(`server memory: ${before.toFixed(0)} MB after warm-up, ${after.toFixed(0)} MB after the run: ${(after / before).toFixed(2)}x`);
} finally {
  server.kill('SIGINT');
}
