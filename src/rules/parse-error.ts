import { problemRule } from './problem-rule.js';

export const parseError = problemRule({
  id: 'parse-error',
  description: 'Require templates (and their front matter and partials) that their language can parse',
  defaultSeverity: 'error',
  why: 'A template that does not parse cannot be sent, and cannot be checked.',
  suggestion: (problem) =>
    problem.language === 'liquid'
      ? 'Fix the syntax at this position; every {% if %}, {% unless %}, {% for %}, {% case %}, {% capture %} and {% comment %} needs its {% end… %}.'
      : 'Fix the syntax at this position; every {{#block}} needs its {{/block}}.',
});
