import { describe, expect, it } from 'vitest';
import { analyseTemplate } from '../../src/template/handlebars/analyse.js';
import { splitTemplateSource } from '../../src/template/source.js';
import { DATA_MAP, partialsFrom } from '../support.js';
import { isKnownPath } from '../../src/engine/field-lookup.js';

/** The fields a template reads, with how, in source order: `field kind`. */
function reads(text: string, partials: Record<string, string> = {}): string[] {
  const analysis = analyseTemplate(splitTemplateSource('t.hbs', text, 'html'), {
    partials: partialsFrom(partials),
    known: (segments) => isKnownPath(segments, DATA_MAP),
  });
  return analysis.uses.map((use) => `${use.field} ${use.kind}${use.helper ? `:${use.helper}` : ''}`);
}

describe('scope resolution', () => {
  it('reads plain, nested and raw paths', () => {
    expect(reads('{{first_name}} {{shipping_address.city}} {{{last_name}}}')).toEqual(['first_name print', 'shipping_address.city print', 'last_name print-raw']);
  });

  it('#each: items, this, @index, @key, ../ and block params', () => {
    expect(reads('{{#each order.items}}{{name}} {{this.price}} {{@index}} {{@key}} {{../first_name}}{{/each}}')).toEqual([
      'order.items iteration',
      'order.items[].name print',
      'order.items[].price print',
      'first_name print',
    ]);
    expect(reads('{{#each order.items as |item i|}}{{item.name}} {{i}}{{/each}}')).toEqual(['order.items iteration', 'order.items[].name print']);
    expect(reads('{{#each order.items}}{{this}}{{/each}}')).toEqual(['order.items iteration', 'order.items[] print']);
  });

  it('#with changes the context; ../ and @root leave it', () => {
    expect(reads('{{#with shipping_address}}{{city}} {{../first_name}} {{@root.last_name}}{{/with}}')).toEqual([
      'shipping_address.city print',
      'first_name print',
      'last_name print',
    ]);
    expect(reads('{{#with shipping_address as |a|}}{{a.street}}{{/with}}')).toEqual(['shipping_address.street print']);
  });

  it('#if / #unless / else if chains keep the context', () => {
    expect(reads('{{#if first_name}}{{first_name}}{{else if last_name}}{{last_name}}{{else}}there{{/if}}{{#unless email}}x{{/unless}}')).toEqual([
      'first_name condition',
      'first_name print',
      'last_name condition',
      'last_name print',
      'email condition',
    ]);
  });

  it('../ skips blocks that do not change the context', () => {
    expect(reads('{{#each order.items}}{{#if name}}{{../first_name}}{{/if}}{{/each}}')).toEqual(['order.items iteration', 'order.items[].name condition', 'first_name print']);
  });

  it('sections follow the data map: list, object or flag', () => {
    expect(reads('{{#order.items}}{{name}}{{/order.items}}')).toEqual(['order.items iteration', 'order.items[].name print']);
    expect(reads('{{#shipping_address}}{{city}}{{/shipping_address}}')).toEqual(['shipping_address condition', 'shipping_address.city print']);
    expect(reads('{{#predicted_pregnancy}}{{first_name}}{{/predicted_pregnancy}}{{^email}}none{{/email}}')).toEqual([
      'predicted_pregnancy condition',
      'first_name print',
      'email condition',
    ]);
  });

  it('helpers: arguments, hash arguments and sub-expressions', () => {
    expect(reads('{{formatDate date_of_birth format=email}}')).toEqual(['date_of_birth helper-arg:formatDate', 'email helper-arg:formatDate']);
    expect(reads('{{upper (truncate last_viewed_product 10)}}')).toEqual(['last_viewed_product helper-arg:truncate']);
    expect(reads('{{#if (eq first_name "x")}}y{{/if}}')).toEqual(['first_name condition:eq']);
  });

  it('lookup reads the member it names', () => {
    expect(reads('{{lookup shipping_address "city"}}')).toEqual(['shipping_address.city print']);
    expect(reads('{{#each order.items}}{{lookup this "name"}}{{/each}}')).toEqual(['order.items iteration', 'order.items[].name print']);
  });

  it('partials: context parameter, hash parameters and nesting', () => {
    const partials = { card: '{{city}} {{label}}', greet: 'Hi {{name}}{{> sign}}', sign: ' — {{store_name}}' };
    expect(reads('{{> card shipping_address label=last_name}}', partials)).toEqual(['shipping_address.city print', 'last_name print']);
    expect(reads('{{> greet name=first_name}}', partials)).toEqual(['first_name print', 'store_name print']);
    expect(reads('{{#each order.items}}{{> card}}{{/each}}', { card: '{{name}}' })).toEqual(['order.items iteration', 'order.items[].name print']);
  });

  it('inline partials and partial blocks', () => {
    expect(reads('{{#*inline "row"}}{{name}}{{/inline}}{{#each order.items}}{{> row}}{{/each}}')).toEqual(['order.items iteration', 'order.items[].name print']);
    expect(reads('{{#> missing}}{{first_name}}{{/missing}}')).toEqual(['first_name print']);
    expect(reads('{{#> layout}}{{first_name}}{{/layout}}', { layout: '<div>{{> @partial-block}}</div>' })).toEqual(['first_name print']);
  });

  it('numeric segments read any item', () => {
    expect(reads('{{order.items.0.name}} {{order.items.[1].price}}')).toEqual(['order.items[].name print', 'order.items[].price print']);
  });

  it('subject and preheader are read like the body', () => {
    const analysis = analyseTemplate(splitTemplateSource('t.hbs', '---\nsubject: "Hi {{first_name}}"\npreheader: "{{email}}"\n---\n{{last_name}}', 'html'), {
      partials: partialsFrom({}),
    });
    expect(analysis.uses.map((use) => `${use.field} ${use.section} ${use.range.start.line}:${use.range.start.column}`)).toEqual([
      'first_name subject 2:14',
      'email preheader 3:13',
      'last_name body 5:1',
    ]);
  });
});
