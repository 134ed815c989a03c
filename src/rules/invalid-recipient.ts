import { problemRule } from './problem-rule.js';

export const invalidRecipient = problemRule({
  id: 'invalid-recipient',
  description: 'Require recipient data the pre-send checker can read',
  defaultSeverity: 'error',
  category: 'correctness',
  why: 'An email built from data that cannot be read may go out wrong, or to the wrong person.',
  suggestion: () => 'Fix the recipient record: an object with `id`, `data` and `consent` (purpose → { granted, at }).',
});
