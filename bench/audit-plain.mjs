// The baseline for the audit: what a sender's own loop does per recipient without
// creeplint. It reads the same JSON Lines the same way (a stream, line by line), parses
// each line, renders the email with Handlebars (subject and body; an MJML template is
// compiled to HTML once, as a sender does, and Handlebars renders that), and writes a line.
// Timed from the process's start, as `time` would time it: loading handlebars and mjml and
// compiling the template count, as creeplint's loading and preparing do on the other side.
// Usage: node bench/audit-plain.mjs <audience.jsonl> <template>
import { createReadStream, createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { registerCreeplintHelpers } from '../dist/runtime-helpers.js';
import { splitTemplateSource } from '../dist/template/source.js';

const [audience, template] = process.argv.slice(2);
const text = readFileSync(template, 'utf8');
const mjml = template.endsWith('.mjml');
const source = splitTemplateSource(template, text, mjml ? 'mjml' : 'html');
const handlebars = Handlebars.create();
registerCreeplintHelpers(handlebars);
const partials = join(dirname(template), 'partials');
for (const name of readdirSync(partials)) handlebars.registerPartial(basename(name).replace(/\.[^.]+$/u, ''), readFileSync(join(partials, name), 'utf8'));
const bodySource = mjml ? (await mjml2html(source.body.text, { validationLevel: 'skip' })).html : source.body.text;
const parts = [source.subject?.text, bodySource].filter((part) => part !== undefined).map((part) => handlebars.compile(part));

const out = createWriteStream('/dev/null');
const write = (line) => (out.write(line) ? undefined : new Promise((resume) => out.once('drain', resume)));
let rest = '';
for await (const chunk of createReadStream(audience, { encoding: 'utf8' })) {
  const lines = (rest + chunk).split('\n');
  rest = lines.pop() ?? '';
  for (const line of lines) {
    if (line.trim() === '') continue;
    let recipient;
    try {
      recipient = JSON.parse(line);
    } catch {
      continue;
    }
    const rendered = parts.map((part) => part(recipient.data ?? {}));
    const waiting = write(`${JSON.stringify({ id: recipient.id, bytes: rendered[rendered.length - 1].length })}\n`);
    if (waiting) await waiting;
  }
}
await new Promise((done) => out.end(done));
process.stdout.write(JSON.stringify({ ms: performance.now(), maxRssMb: process.resourceUsage().maxRSS / 1024 }));
