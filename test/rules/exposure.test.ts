import { profile } from '../support.js';
import { ruleTester } from './rule-tester.js';

const P = '---\npurpose: [marketing, personalisation]\n---\n';

ruleTester('no-special-category', {
  valid: [{ template: `${P}<p>{{first_name}}</p>` }],
  invalid: [
    {
      name: 'consented: still a warning',
      template: `${P}{{#if predicted_pregnancy}}<p>Baby offers</p>{{/if}}`,
      findings: [{ severity: 'warning', line: 4, column: 7, field: 'predicted_pregnancy', placement: 'condition' }],
    },
    {
      name: 'not consented: error',
      template: `${P}{{#if predicted_pregnancy}}<p>Baby offers</p>{{/if}}`,
      profiles: [profile({ consent: { marketing: { granted: true }, personalisation: { granted: false } } })],
      findings: [{ severity: 'error', line: 4, column: 7, field: 'predicted_pregnancy', placement: 'condition' }],
    },
  ],
});

ruleTester('no-undeclared-source', {
  valid: [
    { name: 'declared', template: `${P}<p>{{first_name}}</p>` },
    { name: 'observed but missing for this recipient', template: `${P}<p>{{#if last_viewed_product}}{{last_viewed_product}}{{/if}}</p>`, profiles: [profile({ data: {} })] },
  ],
  invalid: [
    {
      name: 'severity grows with source and sensitivity',
      template: `${P}<p>{{recommended_products.0.name}}</p>\n<p>{{last_viewed_product}}</p>\n<p>{{income_band}}</p>`,
      findings: [
        { severity: 'info', line: 4, column: 4, field: 'recommended_products[].name', placement: 'body' },
        { severity: 'warning', line: 5, column: 4, field: 'last_viewed_product', placement: 'body' },
        { severity: 'error', line: 6, column: 4, field: 'income_band', placement: 'body' },
      ],
    },
    {
      // Bought from another company: at least a warning whatever the category (GDPR Art. 14).
      name: 'per-person source override: a first name from a third party',
      template: `${P}<p>{{first_name}}</p>`,
      profiles: [profile({ sources: { first_name: 'third_party' } })],
      findings: [{ severity: 'warning', line: 4, column: 4, field: 'first_name', placement: 'body' }],
    },
  ],
});

ruleTester('no-personal-data-in-url', {
  valid: [{ template: `${P}<a href="{{unsubscribe_url}}">Unsubscribe</a>` }],
  invalid: [
    {
      template: `${P}<a href="https://x.example/?e={{email}}">x</a>\n<img src="https://t.example/p.gif?l={{last_seen_store}}">`,
      findings: [
        { severity: 'warning', line: 4, column: 31, field: 'email', placement: 'link-url' },
        { severity: 'error', line: 5, column: 37, field: 'last_seen_store', placement: 'image-url' },
      ],
    },
  ],
});

ruleTester('no-personal-data-in-subject', {
  valid: [{ template: '---\npurpose: marketing\nsubject: "Hi {{first_name}}"\n---\n<p>x</p>' }],
  invalid: [
    {
      template: '---\npurpose: [marketing, personalisation]\nsubject: "Still thinking about the {{last_viewed_product}}?"\npreheader: "{{date_of_birth}}"\n---\n<p>x</p>',
      findings: [
        { severity: 'warning', line: 3, column: 36, field: 'last_viewed_product', placement: 'subject' },
        { severity: 'warning', line: 4, column: 13, field: 'date_of_birth', placement: 'preheader' },
      ],
    },
  ],
});

ruleTester('no-sensitive-data', {
  valid: [{ template: `${P}<p>{{#if first_name}}Hi{{/if}}</p>` }],
  invalid: [
    {
      template: `${P}{{#if income_band}}<p>Premium</p>{{/if}}\n<p>{{last_seen_store}}</p>`,
      findings: [
        { severity: 'warning', line: 4, column: 7, field: 'income_band', placement: 'condition' },
        { severity: 'warning', line: 5, column: 4, field: 'last_seen_store', placement: 'body' },
      ],
    },
  ],
});

ruleTester('no-exact-timing', {
  valid: [{ template: `${P}<p>{{date_of_birth}}</p>` }],
  invalid: [
    {
      template: `${P}<p>You visited at {{last_seen_at}}</p>`,
      findings: [{ severity: 'warning', line: 4, column: 19, field: 'last_seen_at', placement: 'body' }],
    },
  ],
});

ruleTester('no-data-mosaic', {
  valid: [{ name: 'declared order details', template: '---\npurpose: transactional\n---\n{{#each order.items}}{{name}} {{quantity}} {{price}}{{/each}} {{order.total}}' }],
  invalid: [
    {
      name: 'location, time and behaviour together',
      template: `${P}<p>{{last_seen_store}} {{last_seen_at}} {{last_viewed_product}}</p>`,
      findings: [{ severity: 'warning', line: 4, column: 4 }],
    },
  ],
});

ruleTester('require-fallback', {
  valid: [
    { name: 'guarded', template: `${P}<p>Hi {{#if first_name}}{{first_name}}{{else}}there{{/if}}</p>`, profiles: [profile({ data: {} })] },
    { name: 'value present', template: `${P}<p>Hi {{first_name}}</p>` },
  ],
  invalid: [
    {
      template: '---\npurpose: marketing\nsubject: "{{first_name}}, hello"\n---\n<p>Hi {{first_name}},</p>',
      profiles: [profile({ data: {} })],
      findings: [
        { severity: 'error', line: 3, column: 11, field: 'first_name', placement: 'subject' },
        { severity: 'warning', line: 5, column: 7, field: 'first_name', placement: 'body' },
      ],
    },
  ],
});
