import { ruleTester } from './rule-tester.js';

ruleTester('no-purpose-mismatch', {
  valid: [
    { template: '---\npurpose: transactional\n---\n<p>{{#each order.items}}{{name}}{{/each}}</p>' },
    { name: 'system data serves any purpose', template: '---\npurpose: marketing\n---\n<a href="{{unsubscribe_url}}">x</a>' },
  ],
  invalid: [
    {
      name: 'street address collected for delivery used in marketing',
      template: '---\npurpose: marketing\n---\n<p>{{shipping_address.street}}</p>\n<p>{{last_name}}</p>',
      findings: [
        { severity: 'error', line: 4, column: 4, field: 'shipping_address.street', placement: 'body' },
        { severity: 'error', line: 5, column: 4, field: 'last_name', placement: 'body' },
      ],
    },
  ],
});

ruleTester('no-unknown-field', {
  valid: [{ template: '---\npurpose: marketing\n---\n<p>{{first_name}} {{@index}}</p>' }],
  invalid: [
    {
      template: '---\npurpose: marketing\n---\n<p>{{loyalty_tier}}</p>',
      findings: [{ severity: 'error', line: 4, column: 4, field: 'loyalty_tier', placement: 'body' }],
    },
    {
      name: 'hostile paths are fields like any other, never executed',
      template: '---\npurpose: marketing\n---\n{{__proto__}}{{constructor.name}}',
      findings: [
        { severity: 'error', line: 4, column: 1, field: '__proto__', placement: 'body' },
        { severity: 'error', line: 4, column: 14, field: 'constructor.name', placement: 'body' },
      ],
    },
  ],
});

ruleTester('require-purpose', {
  valid: [{ template: '---\npurpose: marketing\n---\n<p>Hi</p>' }],
  invalid: [
    { template: '<p>Hi</p>', findings: [{ severity: 'warning', line: 1, column: 1 }] },
    { name: 'purpose not in the data map', template: '---\npurpose: surveys\n---\n<p>Hi</p>', findings: [{ severity: 'error', line: 2, column: 1 }] },
  ],
});
