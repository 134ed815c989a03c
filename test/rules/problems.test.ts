import { ruleTester } from './rule-tester.js';

const M = '---\npurpose: marketing\n---\n';

ruleTester('parse-error', {
  valid: [{ template: `${M}<p>{{first_name}}</p>` }],
  invalid: [
    { name: 'unclosed block, front matter counted', template: `${M}<p>\n{{#if first_name}}\nHi</p>`, findings: [{ severity: 'error', line: 6, column: 7 }] },
    { name: 'bad front matter', template: '---\npurpose: [marketing\n---\n<p>Hi</p>', findings: [{ severity: 'error', line: 2, column: 20 }] },
    { name: 'broken partial', template: `${M}{{> broken}}`, partials: { broken: 'a\n{{#each x}' }, findings: [{ severity: 'error', line: 2, column: 10 }] },
  ],
});

ruleTester('no-unknown-helper', {
  valid: [{ template: `${M}{{#each order.items}}{{lookup this "name"}}{{/each}}` }],
  invalid: [
    {
      template: `${M}<p>{{formatDate date_of_birth "long"}}</p>\n{{#shout}}x{{/shout}}{{#ifCond first_name}}y{{/ifCond}}`,
      findings: [
        { severity: 'warning', line: 4, column: 6 },
        { severity: 'warning', line: 5, column: 25 },
      ],
    },
  ],
});

ruleTester('no-missing-partial', {
  valid: [{ template: `${M}{{> footer}}`, partials: { footer: '<a href="{{unsubscribe_url}}">x</a>' } }],
  invalid: [{ template: `${M}<p>Hi</p>\n  {{> footer}}`, findings: [{ severity: 'error', line: 5, column: 3 }] }],
});

ruleTester('invalid-mjml', {
  valid: [{ file: 'email.mjml', template: `${M}<mjml><mj-body><mj-section><mj-column><mj-text>Hi {{first_name}}</mj-text></mj-column></mj-section></mj-body></mjml>` }],
  invalid: [
    {
      file: 'email.mjml',
      template: `${M}<mjml><mj-body>\n<mj-section><mj-column>\n  <mj-txt>Hi</mj-txt>\n</mj-column></mj-section></mj-body></mjml>`,
      findings: [{ severity: 'error', line: 6, column: 3 }],
    },
  ],
});

ruleTester('render-error', {
  valid: [{ template: `${M}{{#if first_name}}x{{/if}}` }],
  invalid: [{ template: `${M}{{#if first_name email}}x{{/if}}`, findings: [{ severity: 'error', line: 4, column: 1 }] }],
});
