import { profile } from '../support.js';
import { ruleTester } from './rule-tester.js';

const refusedPersonalisation = profile({
  consent: { marketing: { granted: true, at: '2026-01-01T00:00:00Z' }, personalisation: { granted: false, at: '2026-05-01T00:00:00Z' } },
});
const expiredMarketing = profile({
  consent: { marketing: { granted: true, at: '2024-01-01T00:00:00Z', expires: '2025-01-01T00:00:00Z' } },
});
const noConsent = profile({ consent: {} });

ruleTester('require-consent', {
  valid: [
    { name: 'consent granted', template: '---\npurpose: marketing\n---\n<p>Hi {{first_name}}</p>' },
    { name: 'contract needs no consent', template: '---\npurpose: transactional\n---\n<p>Order {{order.number}}</p>', profiles: [noConsent] },
  ],
  invalid: [
    {
      name: 'refused purpose',
      template: '---\npurpose: [marketing, personalisation]\n---\n<p>Hi {{first_name}}</p>',
      profiles: [refusedPersonalisation],
      findings: [{ severity: 'error', line: 2, column: 1 }],
    },
    {
      name: 'expired consent',
      template: '---\npurpose: marketing\n---\n<p>Hi</p>',
      profiles: [expiredMarketing],
      findings: [{ severity: 'error', line: 2, column: 1 }],
    },
    {
      name: 'two purposes without consent',
      template: '---\npurpose: [marketing, personalisation]\n---\n<p>Hi</p>',
      profiles: [noConsent],
      findings: [
        { severity: 'error', line: 2, column: 1 },
        { severity: 'error', line: 2, column: 1 },
      ],
    },
  ],
});

ruleTester('no-unconsented-field', {
  valid: [
    { name: 'first_name also serves marketing', template: '---\npurpose: [marketing, personalisation]\n---\n<p>Hi {{first_name}}</p>', profiles: [refusedPersonalisation] },
    { name: 'consent granted', template: '---\npurpose: [marketing, personalisation]\n---\n<p>{{last_viewed_product}}</p>' },
  ],
  invalid: [
    {
      name: "the judgement doc's example: personalisation refused",
      template: '---\npurpose: [marketing, personalisation]\n---\n<p>Hi {{first_name}}, about the {{last_viewed_product}}</p>',
      profiles: [refusedPersonalisation],
      findings: [{ severity: 'error', line: 4, column: 33, field: 'last_viewed_product', placement: 'body' }],
    },
  ],
});
