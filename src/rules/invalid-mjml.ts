import { problemRule } from './problem-rule.js';

export const invalidMjml = problemRule({
  id: 'invalid-mjml',
  description: 'Require MJML that mjml can compile and validate',
  defaultSeverity: 'error',
  category: 'correctness',
  why: 'mjml drops or mangles invalid markup, so the email sent differs from the one written.',
  suggestion: () => 'Fix the MJML element at this line (see the mjml documentation for allowed children and attributes).',
});
