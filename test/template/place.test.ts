import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../src/engine/check-template.js';
import { splitTemplateSource } from '../../src/template/source.js';
import { DATA_MAP, FIXED_NOW, check, partialsFrom, profile } from '../support.js';

async function placements(text: string, file = 'email.hbs'): Promise<Record<string, string[]>> {
  const result = await check(text, { file });
  return Object.fromEntries(result.fields.map((field) => [field.field, field.placements]));
}

describe('placement of each value in the finished email', () => {
  it('subject and preheader from front matter', async () => {
    expect(await placements('---\nsubject: "Hi {{first_name}}"\npreheader: "About {{last_viewed_product}}"\n---\n<p>x</p>')).toEqual({
      first_name: ['subject'],
      last_viewed_product: ['preheader'],
    });
  });

  it('body text, link and image URLs, alt and title attributes', async () => {
    expect(
      await placements(
        '<p>{{first_name}}</p><a href="https://x.example/{{email}}">go</a><img src="https://i.example/{{last_seen_store}}.png" alt="{{last_viewed_product}}" title="{{date_of_birth}}">',
      ),
    ).toEqual({
      date_of_birth: ['attribute'],
      email: ['link-url'],
      first_name: ['body'],
      last_seen_store: ['image-url'],
      last_viewed_product: ['attribute'],
    });
  });

  it('hidden: display:none, the max-height:0 preheader trick, comments, <head>', async () => {
    expect(
      await placements(
        '<html><head><meta name="x" content="{{email}}"></head><body><div style="display:none">{{first_name}}</div><div style="max-height:0;overflow:hidden">{{last_name}}</div><!-- {{date_of_birth}} --><p>ok</p></body></html>',
      ),
    ).toEqual({ date_of_birth: ['hidden'], email: ['hidden'], first_name: ['hidden'], last_name: ['hidden'] });
  });

  it('condition: values that only decide what is shown', async () => {
    expect(await placements('{{#if predicted_pregnancy}}<p>Offers</p>{{/if}}{{#each order.items}}<p>·</p>{{/each}}')).toEqual({
      'order.items': ['condition'],
      predicted_pregnancy: ['condition'],
    });
  });

  it('a value in several places keeps each placement, most visible first', async () => {
    expect(await placements('---\nsubject: "{{last_viewed_product}}"\n---\n<p>{{last_viewed_product}}</p><a href="/p/{{last_viewed_product}}">x</a>')).toEqual({
      last_viewed_product: ['subject', 'body', 'link-url'],
    });
  });

  it('MJML: <mj-title> is the subject, <mj-preview> the preheader', async () => {
    const mjml = `<mjml><mj-head><mj-title>Hi {{first_name}}</mj-title><mj-preview>{{last_viewed_product}}</mj-preview></mj-head>
<mj-body><mj-section><mj-column><mj-text>{{last_name}}</mj-text><mj-image src="https://i.example/{{email}}.png" /><mj-button href="https://x.example/{{date_of_birth}}">go</mj-button></mj-column></mj-section></mj-body></mjml>`;
    expect(await placements(mjml, 'email.mjml')).toEqual({
      date_of_birth: ['link-url'],
      email: ['image-url'],
      first_name: ['subject'],
      last_name: ['body'],
      last_viewed_product: ['preheader'],
    });
  });

  it('MJML: front matter subject and preheader win over <mj-title> and <mj-preview>', async () => {
    const mjml = `---\nsubject: "Hello {{email}}"\npreheader: "{{store_name}}"\n---\n<mjml><mj-head><mj-title>{{first_name}}</mj-title><mj-preview>{{last_name}}</mj-preview></mj-head><mj-body><mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section></mj-body></mjml>`;
    expect(await placements(mjml, 'email.mjml')).toEqual({ email: ['subject'], first_name: ['hidden'], last_name: ['hidden'], store_name: ['preheader'] });
  });

  it('text templates place everything in the body', async () => {
    expect(await placements('Hi {{first_name}}, see {{unsubscribe_url}}', 'email.txt')).toEqual({ first_name: ['body'], unsubscribe_url: ['body'] });
  });

  it('branches not taken for this recipient place nothing', async () => {
    const result = await check('{{#if predicted_pregnancy}}{{first_name}}{{else}}{{last_name}}{{/if}}', {
      profiles: [profile({ data: { predicted_pregnancy: false, first_name: 'A', last_name: 'B' } })],
    });
    expect(result.fields.map((field) => field.field)).toEqual(['last_name', 'predicted_pregnancy']);
  });
});

describe('the rendered email', () => {
  const data = profile().data;

  async function rendered(text: string, file: string) {
    const outcome = await checkTemplate({ file, text, dataMap: DATA_MAP, profiles: [profile()], partials: partialsFrom({ f: '<i>{{store_name}}</i>' }), now: FIXED_NOW });
    return outcome.rendered[0];
  }

  it('is free of markers and identical to a plain Handlebars render', async () => {
    const template =
      '<p>Hi {{first_name}} &amp; {{{last_viewed_product}}}</p>{{#each order.items}}<li>{{name}} {{@index}}</li>{{/each}}{{> f}}\n  {{#if email}}\n  <a href="{{unsubscribe_url}}">u</a>\n  {{/if}}\n';
    const plain = Handlebars.create();
    plain.registerPartial('f', '<i>{{store_name}}</i>');
    const email = await rendered(template, 'email.hbs');
    expect(email?.body).toBe(plain.compile(template)(data));
    expect(email?.body).not.toMatch(/[\uF8E0-\uF8F2]/u);
  });

  it('with front matter, a body that starts with a standalone block renders as Handlebars renders it alone', async () => {
    const body = '{{#if first_name}}\n  Hi {{first_name}}\n{{/if}}\n{{#each order.items}}\n  {{name}}\n{{/each}}\n';
    const email = await rendered(`---\nsubject: "Hi {{first_name}}"\npreheader: "p"\n---\n${body}`, 'email.hbs');
    expect(email?.body).toBe(Handlebars.create().compile(body)(data));
    expect(email?.subject).toBe('Hi Layla');
  });

  it('escapes profile values exactly as Handlebars does: a <script> stays text', async () => {
    const hostile = profile({ data: { first_name: '<script>alert(1)</script>', last_name: '<img src=x onerror=alert(1)>' } });
    const outcome = await checkTemplate({
      file: 'e.hbs',
      text: '<p>{{first_name}} {{last_name}}</p>',
      dataMap: DATA_MAP,
      profiles: [hostile],
      partials: partialsFrom({}),
      now: FIXED_NOW,
    });
    expect(outcome.rendered[0]?.body).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;</p>');
  });

  it('MJML is compiled after Handlebars, identical to compiling the plain render', async () => {
    const template = '<mjml><mj-body>{{#if first_name}}<mj-section><mj-column><mj-text>Hi {{first_name}}</mj-text></mj-column></mj-section>{{/if}}</mj-body></mjml>';
    const email = await rendered(template, 'email.mjml');
    const expected = await (mjml2html as unknown as (s: string, o: object) => Promise<{ html: string }>)(Handlebars.create().compile(template)(data), {
      validationLevel: 'soft',
      ignoreIncludes: true,
    });
    expect(email?.body).toBe(expected.html);
    expect(email?.body).toContain('Hi Layla');
  });

  it('subject and preheader are text, not HTML-escaped', async () => {
    const source = splitTemplateSource('e.hbs', '---\nsubject: "{{first_name}} & co"\n---\nx', 'html');
    expect(source.subject?.text).toBe('{{first_name}} & co');
    const outcome = await checkTemplate({
      file: 'e.hbs',
      text: '---\nsubject: "{{first_name}} & co"\n---\nx',
      dataMap: DATA_MAP,
      profiles: [profile({ data: { first_name: "O'Brien & Sons" } })],
      partials: partialsFrom({}),
      now: FIXED_NOW,
    });
    expect(outcome.rendered[0]?.subject).toBe("O'Brien & Sons & co");
  });
});
