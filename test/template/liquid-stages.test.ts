import { describe, expect, it } from 'vitest';
import { analyseLiquid } from '../../src/template/liquid/analyse.js';
import { instrumentLiquid } from '../../src/template/liquid/instrument.js';
import { prepareLiquid } from '../../src/template/liquid/prepare.js';
import { ArmMark, TextPiece, TracedOutput } from '../../src/template/liquid/trace-nodes.js';
import { splitTemplateSource } from '../../src/template/source.js';
import type { PartialSource } from '../../src/template/partial-source.js';

function partialsFrom(files: Record<string, string>): PartialSource {
  const find = (name: string) => {
    const text = files[name];
    return text === undefined ? undefined : { file: `partials/${name}`, source: { text, origin: { line: 1, column: 1 } } };
  };
  return { byName: find, byInclude: (_from, path) => find(path) };
}

/** Every construct the instrumentation rewrites, in one template. */
const TEMPLATE = [
  '{% assign n = customer.name %}{% capture hi %}Hello {{ n }}{% endcapture %}{{ hi }}',
  '{% if a %}{{ b }}{% elsif c %}{{ c }}{% endif %} {% case tier %}{% when "gold" %}{{ points }}{% endcase %}',
  '{% for item in order.items %}{{ item.name }} {% render "card.liquid", p: item %}{% else %}none{% endfor %}',
  '{% cycle x, y %} {% mytag f %} {% myblock g %}{{ h }}{% endmyblock %}',
].join('\n');

const PARTIALS = { 'card.liquid': 'Card {{ p.name }}' };

/** Every template a list of liquidjs templates holds, nested ones too. */
function allTemplates(templates: readonly object[]): object[] {
  return templates.flatMap((template) => {
    const block = template as { templates?: object[]; elseTemplates?: object[]; branches?: { templates: object[] }[] };
    return [
      template,
      ...allTemplates(block.templates ?? []),
      ...allTemplates(block.elseTemplates ?? []),
      ...(block.branches ?? []).flatMap((branch) => allTemplates(branch.templates)),
    ];
  });
}

const isTraceNode = (template: object): boolean => template instanceof TextPiece || template instanceof TracedOutput || template instanceof ArmMark;

describe('Liquid: analysis, partial expansion and instrumentation are separate passes', () => {
  it('the analysis reads liquidjs templates and the partial copies without changing them', () => {
    const source = splitTemplateSource('t.liquid', TEMPLATE, 'html');
    const reading = analyseLiquid(source, { partials: partialsFrom(PARTIALS) });
    expect(reading.uses.length).toBeGreaterThan(8);
    const parsed = reading.sections.flatMap((section) => (section.parsed.ok ? section.parsed.templates : []));
    const copies = [...reading.expansion.calls.values()].flatMap((call) => (call.kind === 'resolved' && call.copy ? call.copy.parsed.templates : []));
    expect(copies.length).toBeGreaterThan(0);
    expect(allTemplates([...parsed, ...copies]).filter(isTraceNode)).toEqual([]);
  });

  it('the instrumentation puts in the trace nodes the analysis planned, and prepare gives the same analysis', () => {
    const source = splitTemplateSource('t.liquid', TEMPLATE, 'html');
    const reading = analyseLiquid(source, { partials: partialsFrom(PARTIALS) });
    const { sections } = instrumentLiquid(reading.liquid, reading.sections, reading.expansion, reading.plan, reading.uses.length + 1);
    const nodes = allTemplates(sections.body ?? []);
    expect(nodes.some((node) => node instanceof TracedOutput)).toBe(true);
    expect(nodes.some((node) => node instanceof ArmMark)).toBe(true);
    expect(nodes.some((node) => node instanceof TextPiece)).toBe(true);
    const prepared = prepareLiquid(source, { partials: partialsFrom(PARTIALS) });
    expect(prepared.uses).toEqual(reading.uses);
    expect(prepared.problems).toEqual(reading.problems);
    expect(prepared.paths).toEqual(reading.paths);
  });
});
