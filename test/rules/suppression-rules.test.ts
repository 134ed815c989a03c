import { ruleTester } from './rule-tester.js';

const P = '---\npurpose: [marketing, personalisation]\n---\n';

ruleTester('no-invalid-suppression', {
  valid: [{ template: `${P}{{!-- creeplint-disable-next-line no-undeclared-source -- the reader opened this area --}}\n<p>{{last_viewed_product}}</p>` }],
  invalid: [
    {
      name: 'no reason, and an unknown rule',
      template: `${P}{{!-- creeplint-disable-next-line no-undeclared-source --}}\n<p>{{last_viewed_product}}</p>\n{{! creeplint-disable no-such-rule -- typo }}`,
      findings: [
        { severity: 'error', line: 4, column: 1 },
        { severity: 'error', line: 6, column: 1 },
      ],
    },
  ],
});

ruleTester('no-unused-suppression', {
  valid: [{ template: `${P}{{!-- creeplint-disable-next-line no-undeclared-source -- the reader opened this area --}}\n<p>{{last_viewed_product}}</p>` }],
  invalid: [{ template: `${P}{{!-- creeplint-disable-next-line no-undeclared-source -- stale --}}\n<p>Hello</p>`, findings: [{ severity: 'warning', line: 4, column: 1 }] }],
});
