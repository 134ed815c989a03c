// Per-recipient cost: createChecker().check() against plain Handlebars rendering of the
// same bundled templates (subject, preheader and body) for the same recipients, in one
// process, as a ratio.
// Usage: node bench/recipients.mjs [recipients per template]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Handlebars from 'handlebars';
import { createChecker } from '../dist/presend/checker.js';
import { parseDataMap } from '../dist/load/datamap.js';
import { fileSystemPartials } from '../dist/load/partials.js';
import { registerCreeplintHelpers } from '../dist/runtime-helpers.js';
import { splitTemplateSource } from '../dist/template/source.js';
import { variedAudience } from './varied-audience.mjs';

const root = resolve(import.meta.dirname, '..');
const count = Number(process.argv[2] ?? 2000);
const dataMap = parseDataMap(readFileSync(join(root, 'fixtures/datamap.yaml'), 'utf8'), 'datamap.yaml');
// Every recipient's values differ (bench/varied-audience.mjs).
const audience = variedAudience(count);
const templates = readdirSync(join(root, 'templates'))
  .filter((name) => /\.(hbs|mjml)$/u.test(name))
  .map((name) => join('templates', name));

function time(run) {
  run(); // warm-up
  const samples = [];
  for (let round = 0; round < 5; round += 1) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[2];
}

let plainTotal = 0;
let checkTotal = 0;
for (const file of templates) {
  const text = readFileSync(join(root, file), 'utf8');
  // A sender renders the subject and preheader as well as the body.
  const source = splitTemplateSource(file, text, file.endsWith('.mjml') ? 'mjml' : 'html');
  const handlebars = Handlebars.create();
  registerCreeplintHelpers(handlebars);
  handlebars.registerPartial('footer', readFileSync(join(root, 'templates/partials/footer.hbs'), 'utf8'));
  const parts = [source.subject, source.preheader, source.body].filter(Boolean).map((part) => handlebars.compile(part.text));
  const plain = (data) => parts.map((part) => part(data));
  const checker = createChecker({ template: text, file, dataMap, partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: root }) });
  // A first pass warms the JIT and the layouts (MJML compiles once per layout).
  for (const recipient of audience) await checker.check(recipient);
  const plainMs = time(() => {
    for (const recipient of audience) plain(recipient.data);
  });
  const samples = [];
  for (let round = 0; round < 5; round += 1) {
    const start = performance.now();
    for (const recipient of audience) await checker.check(recipient);
    samples.push(performance.now() - start);
  }
  const checkMs = samples.sort((a, b) => a - b)[2];
  plainTotal += plainMs;
  checkTotal += checkMs;
  console.log(`${file.padEnd(34)} render ${plainMs.toFixed(1).padStart(7)} ms  check ${checkMs.toFixed(1).padStart(7)} ms  ratio ${(checkMs / plainMs).toFixed(2)}x`);
}
console.log(
  `${'all bundled templates'.padEnd(34)} render ${plainTotal.toFixed(1).padStart(7)} ms  check ${checkTotal.toFixed(1).padStart(7)} ms  ratio ${(checkTotal / plainTotal).toFixed(2)}x  (${count} recipients each)`,
);
