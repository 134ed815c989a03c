import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn } from './cli-runner.js';

const ROOT = resolve(import.meta.dirname, '..');
const FOOTER = '<p><a href="{{PREFS}}">Email preferences</a> · <a href="{{UNSUB}}">Unsubscribe</a></p>';

/** A folder of emails in both languages, as a sender's repository holds them. */
function mixedFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'creeplint-mixed-'));
  mkdirSync(join(dir, 'emails/partials'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/datamap.yaml'), join(dir, 'datamap.yaml'));
  cpSync(join(ROOT, 'fixtures/profiles/full-consent.json'), join(dir, 'profile.json'));
  const handlebarsFooter = FOOTER.replace('PREFS', 'preferences_url').replace('UNSUB', 'unsubscribe_url');
  const liquidFooter = FOOTER.replace('{{PREFS}}', '{{ preferences_url }}').replace('{{UNSUB}}', '{{ unsubscribe_url }}');
  const files: Record<string, string> = {
    // Handlebars: `{{#if}}` hides "" and 0; a Liquid filter here would be a parse error.
    'emails/welcome.hbs': `---\npurpose: marketing\n---\n<p>Hi {{#if first_name}}{{first_name}}{{else}}there{{/if}}</p>${handlebarsFooter}`,
    'emails/news.mjml': `---\npurpose: marketing\n---\n<mjml><mj-body><mj-section><mj-column><mj-text>News for {{first_name}}</mj-text><mj-text>${handlebarsFooter}</mj-text></mj-column></mj-section></mj-body></mjml>`,
    // Liquid: a filter, a loop with forloop, a render partial; as Handlebars each would fail.
    'emails/offer.liquid': `---\npurpose: [marketing, personalisation]\n---\n<p>Hi {{ first_name | default: "there" }}</p>{% for product in recommended_products %}<p>{{ forloop.index }}. {{ product.name }}</p>{% endfor %}{% render 'footer', preferences_url: preferences_url, unsubscribe_url: unsubscribe_url %}`,
    'emails/partials/footer.liquid': liquidFooter,
    // Liquid over MJML by its double extension.
    'emails/birthday.mjml.liquid': `---\npurpose: marketing\n---\n<mjml><mj-body><mj-section><mj-column><mj-text>Happy birthday {{ first_name | capitalize }}</mj-text><mj-text>${liquidFooter}</mj-text></mj-column></mj-section></mj-body></mjml>`,
    // Front matter overrides the extension.
    'emails/plain.html': `---\npurpose: marketing\nlanguage: liquid\n---\n<p>Hi {{ first_name | upcase }}</p>${liquidFooter}`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

interface Report {
  results: {
    template: string;
    score: number;
    findings: { ruleId: string; severity: string; field?: string; placement?: string; line: number; column: number; message: string }[];
  }[];
}

describe('creeplint check on a folder of Handlebars, MJML and Liquid emails', () => {
  it('judges each in its own language, and exits 0 when all are clean', async () => {
    const dir = mixedFolder();
    const run = await cliIn(dir, 'check', 'emails', '--datamap', 'datamap.yaml', '--profile', 'profile.json', '--format', 'json');
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(
      report.results.map(
        (result) => `${result.template} ${result.score} ${result.findings.map((finding) => `${finding.ruleId}:${finding.field ?? ''}:${finding.placement ?? ''}`).join(' ')}`,
      ),
    ).toEqual([
      'emails/birthday.mjml.liquid 0 ',
      'emails/news.mjml 0 ',
      'emails/offer.liquid 14 require-explanation:: no-undeclared-source:recommended_products:condition no-undeclared-source:recommended_products[].name:body',
      'emails/plain.html 0 ',
      'emails/welcome.hbs 0 ',
    ]);
    expect(run.code).toBe(0);
  });

  it('reports a Liquid syntax error in Liquid’s words, at its line and column, and exits 1', async () => {
    const dir = mixedFolder();
    writeFileSync(join(dir, 'emails/broken.liquid'), '---\npurpose: marketing\n---\n<p>Hi</p>\n{% for item in order.items %}\n<p>{{ item.name }}</p>\n');
    const run = await cliIn(dir, 'check', 'emails', '--datamap', 'datamap.yaml', '--format', 'json');
    const report = JSON.parse(run.stdout) as Report;
    const broken = report.results.find((result) => result.template === 'emails/broken.liquid');
    expect(broken?.findings.map((finding) => `${finding.ruleId} ${finding.line}:${finding.column} ${finding.message}`)).toContain(
      'parse-error 5:1 tag {% for item in order.items %} not closed',
    );
    expect(report.results.filter((result) => result.findings.some((finding) => finding.ruleId === 'parse-error')).map((result) => result.template)).toEqual([
      'emails/broken.liquid',
    ]);
    expect(run.code).toBe(1);
  });

  it('lists the fields a Liquid email reads, and renders it with its values highlighted', async () => {
    const dir = mixedFolder();
    const fields = await cliIn(dir, 'fields', 'emails/offer.liquid', '--datamap', 'datamap.yaml');
    expect(fields.code).toBe(0);
    for (const field of ['first_name', 'recommended_products[].name', 'preferences_url', 'unsubscribe_url']) expect(fields.stdout).toContain(field);
    const rendered = await cliIn(dir, 'render', 'emails/offer.liquid', '--profile', 'profile.json', '--highlight');
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('Layla');
    expect(rendered.stdout).toContain('1. ');
  });
});
