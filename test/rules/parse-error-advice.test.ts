import { describe, expect, it } from 'vitest';
import { check } from '../support.js';

const FRONT_MATTER_ADVICE =
  'Fix the front matter: it is YAML between the --- lines at the top, one `key: value` a line (purpose, subject, preheader, language, headers); quote a value that holds a colon or braces, as in subject: "{{first_name}}, something new".';

async function parseErrorSuggestions(text: string, file = 'email.hbs'): Promise<string[]> {
  const result = await check(text, { file });
  return result.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => finding.suggestion);
}

describe('parse-error advises in the words of the part that broke', () => {
  it('a front matter that is not YAML gets advice about YAML front matter, not Handlebars blocks', async () => {
    expect(await parseErrorSuggestions('---\npurpose: [marketing\n---\n<p>Hi</p>')).toEqual([FRONT_MATTER_ADVICE]);
  });

  it('an unquoted subject with braces (the mistake a writer makes) gets the same advice, in a Liquid template too', async () => {
    expect(await parseErrorSuggestions('---\npurpose: marketing\nsubject: {{first_name}}, hi\n---\n<p>Hi</p>', 'email.liquid')).toEqual([FRONT_MATTER_ADVICE]);
  });

  it('a front matter that is not a mapping gets it too', async () => {
    expect(await parseErrorSuggestions('---\n- marketing\n---\n<p>Hi</p>')).toEqual([FRONT_MATTER_ADVICE]);
  });

  it('a broken Handlebars block keeps the Handlebars advice', async () => {
    expect(await parseErrorSuggestions('---\npurpose: marketing\n---\n{{#if first_name}}<p>Hi</p>')).toEqual([
      'Fix the syntax at this position; every {{#block}} needs its {{/block}}.',
    ]);
  });
});
