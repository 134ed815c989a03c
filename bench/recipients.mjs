// Per-recipient cost: createChecker().check() against plain Handlebars rendering of the
// same bundled templates (subject, preheader and body; an MJML body compiled to HTML once,
// as a sender does) for the same recipients, in one process, as a ratio.
// Usage: node bench/recipients.mjs [recipients per template]
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
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

// Rounds alternate plain and check, so a noisy machine slows both alike; the ratio is the
// median of the rounds' ratios, after warm-up passes that let the JIT settle on both sides.
const ROUNDS = Number(process.env.BENCH_RECIPIENT_ROUNDS ?? 11);
const WARM_UP = 3;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

let plainTotal = 0;
let checkTotal = 0;
for (const file of templates) {
  const text = readFileSync(join(root, file), 'utf8');
  // A sender renders the subject and preheader as well as the body.
  const source = splitTemplateSource(file, text, file.endsWith('.mjml') ? 'mjml' : 'html');
  const handlebars = Handlebars.create();
  registerCreeplintHelpers(handlebars);
  handlebars.registerPartial('footer', readFileSync(join(root, 'templates/partials/footer.hbs'), 'utf8'));
  // An MJML template is compiled to HTML once, as a sender does (and as bench/audit-plain.mjs
  // does), and Handlebars renders that HTML per recipient.
  const body = file.endsWith('.mjml') ? (await mjml2html(source.body.text, { validationLevel: 'skip' })).html : source.body.text;
  const parts = [source.subject?.text, source.preheader?.text, body].filter((part) => part !== undefined).map((part) => handlebars.compile(part));
  const plain = (data) => parts.map((part) => part(data));
  const checker = createChecker({ template: text, file, dataMap, partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: root }) });
  const plainPass = () => {
    const start = performance.now();
    for (const recipient of audience) plain(recipient.data);
    return performance.now() - start;
  };
  const checkPass = async () => {
    const start = performance.now();
    for (const recipient of audience) await checker.check(recipient);
    return performance.now() - start;
  };
  // Warm-up passes: the JIT, and the layouts (MJML compiles once per layout).
  for (let pass = 0; pass < WARM_UP; pass += 1) {
    plainPass();
    await checkPass();
  }
  const rounds = [];
  for (let round = 0; round < ROUNDS; round += 1) rounds.push({ plain: plainPass(), check: await checkPass() });
  const plainMs = median(rounds.map((one) => one.plain));
  const checkMs = median(rounds.map((one) => one.check));
  const ratio = median(rounds.map((one) => one.check / one.plain));
  plainTotal += plainMs;
  checkTotal += checkMs;
  console.log(`${file.padEnd(34)} render ${plainMs.toFixed(1).padStart(7)} ms  check ${checkMs.toFixed(1).padStart(7)} ms  ratio ${ratio.toFixed(2)}x`);
}
console.log(
  `${'all bundled templates'.padEnd(34)} render ${plainTotal.toFixed(1).padStart(7)} ms  check ${checkTotal.toFixed(1).padStart(7)} ms  ratio ${(checkTotal / plainTotal).toFixed(2)}x  (${count} recipients each)`,
);
