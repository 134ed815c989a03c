import { problemRule } from './problem-rule.js';

export const noMissingPartial = problemRule({
  id: 'no-missing-partial',
  description: 'Require every partial and MJML include to be found',
  defaultSeverity: 'error',
  category: 'correctness',
  why: 'A missing partial fails at send time, and its tokens cannot be checked.',
  suggestion: (problem) => `Put \`${problem.subject ?? 'the partial'}\` in a partials/ folder beside the template, or pass --partials DIR.`,
});
