// One side of one ratio, in its own process so peak memory is its own.
// Usage: node bench/phase.mjs <bundled|corpus> <creeplint|plain> <rounds>
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Handlebars from 'handlebars';
import { checkTemplate } from '../dist/engine/check-template.js';
import { parseDataMap } from '../dist/load/datamap.js';
import { fileSystemPartials } from '../dist/load/partials.js';
import { validateProfile } from '../dist/load/profile.js';
import { bundledWorkload, corpusWorkload, isMjml } from './workloads.mjs';

const [workloadName, side, roundsText] = process.argv.slice(2);
const workload = workloadName === 'corpus' ? corpusWorkload() : bundledWorkload();
const rounds = Number(roundsText ?? 3);
const dataMap = workloadName === 'bundled' ? parseDataMap(readFileSync(new URL('../fixtures/datamap.yaml', import.meta.url), 'utf8'), 'datamap.yaml') : undefined;
const profiles = workload.profiles.map((profile) => validateProfile(profile, { file: 'bench' }));
const sources = workload.templates.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const mjml2html = (await import('mjml')).default;

/** What a sender does without creeplint: Handlebars with the same partials, then mjml. */
async function plainRender() {
  for (const { file, text } of sources) {
    const handlebars = Handlebars.create();
    handlebars.registerHelper('helperMissing', () => '');
    for (const dir of [join(dirname(file), 'partials'), ...workload.partialDirs]) {
      try {
        for (const name of (await import('node:fs')).readdirSync(dir)) handlebars.registerPartial(basename(name).replace(/\.[^.]+$/u, ''), readFileSync(join(dir, name), 'utf8'));
      } catch {
        // no partials folder here
      }
    }
    let template;
    try {
      template = handlebars.compile(text);
    } catch {
      continue;
    }
    for (const profile of profiles) {
      let output;
      try {
        output = template(profile.data);
      } catch {
        continue;
      }
      if (isMjml(file) && output.includes('<mjml'))
        await mjml2html(output, { validationLevel: 'soft', filePath: file, ignoreIncludes: false, includePath: [dirname(file)] }).catch(() => undefined);
    }
  }
}

async function lintAll() {
  for (const { file, text } of sources) {
    await checkTemplate({
      file,
      text,
      dataMap,
      profiles,
      partials: fileSystemPartials({ templateFile: file, partialDirs: workload.partialDirs, cwd: process.cwd() }),
      now: new Date(),
    });
  }
}

const run = side === 'creeplint' ? lintAll : plainRender;
await run(); // warm-up: module loading and JIT are not what we measure
const times = [];
for (let round = 0; round < rounds; round += 1) {
  const start = performance.now();
  await run();
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ medianMs: times[Math.floor(times.length / 2)], maxRssMb: process.resourceUsage().maxRSS / 1024, emails: sources.length * profiles.length }));
