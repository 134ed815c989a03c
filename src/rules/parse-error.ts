import { problemRule } from './problem-rule.js';

export const parseError = problemRule({
  id: 'parse-error',
  description: 'Require templates (and their front matter and partials) that Handlebars can parse',
  defaultSeverity: 'error',
  why: 'A template that does not parse cannot be sent, and cannot be checked.',
  suggestion: () => 'Fix the syntax at this position; every {{#block}} needs its {{/block}}.',
});
