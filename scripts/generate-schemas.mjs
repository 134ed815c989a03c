#!/usr/bin/env node
/**
 * Regenerate what is generated from the rules' meta: the `rules` section of
 * schema/config.schema.json and the Options block of each docs/rules/<id>.md. It reads the
 * built rules, so build first:
 *
 *   npm run build && node scripts/generate-schemas.mjs           # write the files
 *   npm run build && node scripts/generate-schemas.mjs --check   # exit 1 naming the files that differ
 *
 * The tests compare the committed files with what src/ generates, so CI fails when a rule's
 * options change and these files do not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../dist/rules/index.js';
import { configSchemaText, docWithOptions } from './rule-schemas.mjs';

const root = new URL('../', import.meta.url);
const check = process.argv.includes('--check');
const stale = [];

const update = (path, generate) => {
  const url = new URL(path, root);
  const text = readFileSync(url, 'utf8');
  const generated = generate(text);
  if (generated === text) return;
  if (check) stale.push(path);
  else writeFileSync(url, generated);
};

update('schema/config.schema.json', (text) => configSchemaText(text, RULES));
for (const rule of RULES) update(`docs/rules/${rule.meta.id}.md`, (text) => docWithOptions(text, rule));

if (stale.length > 0) {
  process.stderr.write(`${stale.map((path) => `${path}: not as the rules generate it`).join('\n')}\nRun: npm run build && node scripts/generate-schemas.mjs\n`);
  process.exitCode = 1;
}
