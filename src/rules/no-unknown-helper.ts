import { problemRule } from './problem-rule.js';

export const noUnknownHelper = problemRule({
  id: 'no-unknown-helper',
  description: 'Disallow helpers creeplint does not know, whose effect on data it cannot judge',
  defaultSeverity: 'warning',
  category: 'correctness',
  why: 'creeplint cannot see what a custom helper does with personal data, so it assumes the helper prints its arguments.',
  suggestion: (problem) =>
    `Check what \`${problem.subject ?? 'this helper'}\` does with its arguments; declare it in the configuration once that exists, or use a built-in helper.`,
});
