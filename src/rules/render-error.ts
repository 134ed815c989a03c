import { problemRule } from './problem-rule.js';

export const renderError = problemRule({
  id: 'render-error',
  description: 'Require templates that render for the recipient without a Handlebars error',
  defaultSeverity: 'error',
  category: 'correctness',
  why: 'An email that fails to render for this recipient is not sent, or is sent broken.',
  suggestion: (problem) =>
    problem.stopped
      ? 'Look for an {{#each}} inside another over the same large list, or a partial that includes itself; bound them so the email renders in time.'
      : 'Check the helper call at this position; built-in helpers such as #if take exactly one argument.',
});
