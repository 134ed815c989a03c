import { describe, expect, it } from 'vitest';
import { analyseTemplate } from '../../src/template/handlebars/analyse.js';
import { instrumentTemplate } from '../../src/template/handlebars/instrument.js';
import { parseSections } from '../../src/template/handlebars/parse.js';
import { expandPartials } from '../../src/template/handlebars/partial-expansion.js';
import { prepareHandlebars } from '../../src/template/handlebars/prepare.js';
import { TRACE_HELPERS } from '../../src/template/handlebars/trace-nodes.js';
import { splitTemplateSource } from '../../src/template/source.js';
import { partialsFrom } from '../support.js';

/** Every construct that the instrumentation rewrites, in one template. */
const TEMPLATE = [
  '---',
  'subject: "Hi {{first_name}}"',
  '---',
  '{{#*inline "row"}}<td>{{name}}</td>{{/inline}}',
  '{{#each order.items as |item|}}{{> row item}} {{lookup ../prefs item.key}}{{else}}none{{/each}}',
  '{{#if a}}A{{else if b}}{{b}}{{else}}C{{/if}}',
  '{{#with customer}}{{name}}{{/with}} {{#items}}{{name}}{{/items}}',
  '{{#ifConsent "marketing"}}{{last_viewed}}{{/ifConsent}} {{formatDate birthday tz=timezone}}',
  '{{> card person}} {{> missing}} {{#> layout}}{{x}}{{/layout}}',
].join('\n');

const PARTIALS = { card: '{{name}} {{#if vip}}{{> card friend}}{{/if}}', layout: '<div>{{> @partial-block}}</div>' };

describe('Handlebars: analysis, partial expansion and instrumentation are separate passes', () => {
  it('the analysis reads the parsed programs and the partial copies without changing them', () => {
    const source = splitTemplateSource('t.hbs', TEMPLATE, 'html');
    const sections = parseSections(source);
    const expansion = expandPartials(source.file, sections, partialsFrom(PARTIALS));
    const before = JSON.stringify({ sections: sections.map((section) => section.parsed), copies: [...expansion.copies.values()] });
    const reading = analyseTemplate(source, { partials: partialsFrom(PARTIALS) });
    expect(reading.uses.length).toBeGreaterThan(10);
    expect(JSON.stringify(reading)).not.toContain(TRACE_HELPERS.read);
    expect(JSON.stringify(reading)).not.toContain(TRACE_HELPERS.print);
    // A second reading of the same source finds exactly the same: nothing was left behind.
    expect(JSON.stringify({ sections: reading.sections.map((section) => section.parsed), copies: [...reading.expansion.copies.values()] })).toBe(before);
    expect(analyseTemplate(source, { partials: partialsFrom(PARTIALS) }).uses).toEqual(reading.uses);
  });

  it('the instrumentation rewrites what the analysis planned, and prepare gives the same analysis', () => {
    const source = splitTemplateSource('t.hbs', TEMPLATE, 'html');
    const reading = analyseTemplate(source, { partials: partialsFrom(PARTIALS) });
    const { programs, partials } = instrumentTemplate(reading.sections, reading.expansion, reading.plan);
    const instrumented = JSON.stringify({ programs, partials: [...partials] });
    expect(instrumented).toContain(TRACE_HELPERS.read);
    expect(instrumented).toContain(TRACE_HELPERS.print);
    expect(instrumented).toContain(TRACE_HELPERS.section);
    expect([...partials.keys()]).toEqual([...reading.expansion.copies.keys()]);
    const prepared = prepareHandlebars(source, { partials: partialsFrom(PARTIALS) });
    expect(prepared.uses).toEqual(reading.uses);
    expect(prepared.problems).toEqual(reading.problems);
    expect(JSON.stringify({ programs: prepared.programs, partials: [...prepared.partials] })).toBe(instrumented);
  });

  it('each partial call gets its own copy, named in the order a reader meets the calls', () => {
    const source = splitTemplateSource('t.hbs', '{{> card a}}{{> card b}}', 'html');
    const expansion = expandPartials(source.file, parseSections(source), partialsFrom({ card: '{{name}}' }));
    expect([...expansion.copies.values()].map((copy) => [copy.traceName, copy.name])).toEqual([
      ['__creeplint_partial_1', 'card'],
      ['__creeplint_partial_2', 'card'],
    ]);
    const [first, second] = [...expansion.copies.values()];
    expect(first?.program).not.toBe(second?.program);
  });

  it('a lookup whose key calls a helper is read as the template wrote it, never as its own instrumentation', () => {
    // The analysis used to rewrite the key while binding `each`'s list, then read its own
    // tracing helper back as an unknown helper the template calls.
    const source = splitTemplateSource('t.hbs', '{{#each (lookup a (helper b))}}{{c}}{{/each}}', 'html');
    const reading = analyseTemplate(source, { partials: partialsFrom({}) });
    expect(reading.problems.map((problem) => problem.subject)).toEqual(['helper']);
    expect(reading.uses.map((use) => `${use.field} ${use.kind}:${use.helper ?? ''}`)).toEqual(['b helper-arg:helper', 'b helper-arg:helper', 'a[] iteration:', 'a[][].c print:']);
  });
});
