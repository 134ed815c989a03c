import { problemRule } from './problem-rule.js';

export const parseError = problemRule({
  id: 'parse-error',
  description: 'Require templates (and their front matter and partials) that their language can parse',
  defaultSeverity: 'error',
  category: 'correctness',
  why: 'A template that does not parse cannot be sent, and cannot be checked.',
  suggestion: (problem) =>
    problem.inFrontMatter
      ? 'Fix the front matter: it is YAML between the --- lines at the top, one `key: value` a line (purpose, subject, preheader, language, headers); quote a value that holds a colon or braces, as in subject: "{{first_name}}, something new".'
      : problem.language === 'liquid'
        ? 'Fix the syntax at this position; every {% if %}, {% unless %}, {% for %}, {% case %}, {% capture %} and {% comment %} needs its {% end… %}.'
        : 'Fix the syntax at this position; every {{#block}} needs its {{/block}}.',
});
