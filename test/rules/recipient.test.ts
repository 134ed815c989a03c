import { ruleTester } from './rule-tester.js';

const M = '---\npurpose: marketing\n---\n<p>Hi {{first_name}}</p>';

ruleTester('invalid-recipient', {
  valid: [{ template: M, recipient: { id: 'r1', data: { first_name: 'Ana' }, consent: { marketing: { granted: true } } } }],
  invalid: [
    { name: 'not an object', template: M, recipient: 'Ana', findings: [{ severity: 'error', line: 4, column: 1 }] },
    { name: 'consent of the wrong type', template: M, recipient: { id: 'r2', data: {}, consent: { marketing: 'yes' } }, findings: [{ severity: 'error', line: 4, column: 1 }] },
    { name: 'no id', template: M, recipient: { data: { first_name: 'Ana' } }, findings: [{ severity: 'error', line: 4, column: 1 }] },
  ],
});
