import { describe, expect, it } from 'vitest';
import { prepareTemplate, type PreparedTemplate } from '../../src/engine/prepare.js';
import { markedUseIds } from '../../src/template/markers.js';
import { RenderBudget } from '../../src/template/render-budget.js';
import type { PartialSource } from '../../src/template/partial-source.js';

function prepared(text: string, partials: Record<string, string> = {}): PreparedTemplate {
  const source: PartialSource = {
    byName: (name) => {
      const text = partials[name];
      return text === undefined ? undefined : { file: `${name}.hbs`, source: { text, origin: { line: 1, column: 1 } } };
    },
    byInclude: () => undefined,
  };
  return prepareTemplate({ file: 'branches.hbs', text, dataMap: undefined, partials: source });
}

function armsFor(template: PreparedTemplate, data: unknown, consent: Record<string, boolean> = {}): string[] {
  const outcome = template.renderer.render(data, consent, { hollow: false, budget: RenderBudget.unlimited(), arms: true });
  if (!outcome.ok) throw new Error(outcome.message);
  return [...outcome.render.arms].sort();
}

function fieldsIn(text: string | undefined, template: PreparedTemplate): string[] {
  return markedUseIds(text ?? '').map((ids) => ids.map((id) => template.analysis.uses.find((use) => use.id === id)?.field).join('+'));
}

describe('branch points', () => {
  it('names each arm of an if / else if / else chain once, with the implicit else', () => {
    const template = prepared('{{#if vip}}A{{else if diagnosis}}B{{else}}C{{/if}} {{#if tier}}D{{/if}}');
    expect(template.analysis.branches.map(({ id, kind, arms, range }) => ({ id, kind, arms, line: range.start.line, column: range.start.column }))).toEqual([
      { id: 1, kind: 'if', arms: ['if vip', 'else if diagnosis', 'else'], line: 1, column: 1 },
      { id: 2, kind: 'if', arms: ['if tier', 'else'], line: 1, column: 52 },
    ]);
  });

  it('records the arm a recipient takes, and only when asked', () => {
    const template = prepared('{{#if vip}}A{{else if diagnosis}}B{{else}}C{{/if}}{{#unless tier}}D{{/unless}}{{#each items}}{{this}}{{else}}none{{/each}}');
    expect(armsFor(template, { vip: true, items: [1] })).toEqual(['1:0', '2:0', '3:0']);
    expect(armsFor(template, { diagnosis: 'x', tier: 'gold' })).toEqual(['1:1', '2:1', '3:1']);
    expect(armsFor(template, {})).toEqual(['1:2', '2:0', '3:1']);
    const quiet = template.renderer.render({ vip: true }, {}, { hollow: false, budget: RenderBudget.unlimited() });
    expect(quiet.ok && quiet.render.arms.size).toBe(0);
  });

  it('renders the same email whether it records arms or not', () => {
    const template = prepared(
      '{{#if vip}}A{{else if diagnosis}}B{{else}}C{{/if}}|{{#with address}}{{city}}{{/with}}|{{#each items}}{{@index}}{{/each}}|{{#ifConsent "marketing"}}M{{else}}N{{/ifConsent}}',
    );
    const data = { diagnosis: 'x', address: { city: 'Leeds' }, items: ['a', 'b'] };
    const render = (arms: boolean) => template.renderer.render(data, { marketing: true }, { hollow: false, budget: RenderBudget.unlimited(), arms });
    const recorded = render(true);
    const quiet = render(false);
    expect(recorded.ok && recorded.render.sections).toEqual(quiet.ok && quiet.render.sections);
    expect(recorded.ok && [...recorded.render.arms].sort()).toEqual(['1:1', '2:0', '3:0', '4:0']);
  });

  it('lays every arm out in the outline, partials included where they are called', () => {
    const template = prepared('{{#if vip}}{{firstName}}{{else}}{{> footer}}{{/if}}', { footer: 'Bye {{lastName}}' });
    expect(fieldsIn(template.analysis.outline.body, template)).toEqual(['firstName', 'lastName']);
  });

  it('lays a partial that calls itself out once', () => {
    const template = prepared('{{> loop}}', { loop: '{{firstName}}{{> loop}}' });
    expect(fieldsIn(template.analysis.outline.body, template)).toEqual(['firstName']);
  });
});
