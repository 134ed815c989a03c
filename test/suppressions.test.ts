import { describe, expect, it } from 'vitest';
import { check } from './support.js';

const P = '---\npurpose: [marketing, personalisation]\n---\n';

function summary(findings: { ruleId: string; line: number; points: number; suppressed?: { justification: string } | undefined }[]) {
  return findings.map((f) => `${f.ruleId}@${f.line}${f.suppressed ? ` suppressed: ${f.suppressed.justification}` : ''} +${f.points}`);
}

describe('suppressions', () => {
  it('disable-next-line with a reason suppresses that rule on the next line only, keeping the finding with its justification', async () => {
    const result = await check(
      `${P}{{!-- creeplint-disable-next-line no-undeclared-source -- shown in the account area they opened --}}\n<p>{{last_viewed_product}}</p>\n<p>{{last_viewed_product}}</p>`,
    );
    expect(summary(result.findings.filter((f) => f.ruleId === 'no-undeclared-source'))).toEqual([
      'no-undeclared-source@5 suppressed: shown in the account area they opened +0',
      'no-undeclared-source@6 +18',
    ]);
  });

  it('a block disable runs to its enable, and to the end of the file without one', async () => {
    const result = await check(
      `${P}{{! creeplint-disable no-undeclared-source, no-sensitive-data -- store visits the member logged themselves }}\n<p>{{last_seen_store}}</p>\n{{! creeplint-enable }}\n<p>{{last_seen_store}}</p>`,
    );
    expect(summary(result.findings.filter((f) => ['no-undeclared-source', 'no-sensitive-data'].includes(f.ruleId)))).toEqual([
      'no-undeclared-source@5 suppressed: store visits the member logged themselves +0',
      'no-sensitive-data@5 suppressed: store visits the member logged themselves +0',
      'no-undeclared-source@7 +20',
      'no-sensitive-data@7 +10',
    ]);
    const open = await check(`${P}{{! creeplint-disable no-undeclared-source -- logged by the member }}\n<p>{{last_seen_store}}</p>\n<p>{{last_viewed_product}}</p>`);
    expect(open.findings.filter((f) => f.ruleId === 'no-undeclared-source' && !f.suppressed)).toEqual([]);
  });

  it('without a reason a suppression does not suppress, and is reported', async () => {
    const result = await check(`${P}{{!-- creeplint-disable-next-line no-undeclared-source --}}\n<p>{{last_viewed_product}}</p>`);
    expect(summary(result.findings.filter((f) => ['no-undeclared-source', 'no-invalid-suppression'].includes(f.ruleId)))).toEqual([
      'no-invalid-suppression@4 +0',
      'no-undeclared-source@5 +18',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'no-invalid-suppression')?.severity).toBe('error');
  });

  it('an unknown rule id is reported; a suppression that suppresses nothing is reported', async () => {
    const result = await check(
      `${P}{{!-- creeplint-disable-next-line no-undeclared-sauce -- typo --}}\n<p>{{last_viewed_product}}</p>\n{{!-- creeplint-disable-next-line no-exact-timing -- nothing here --}}\n<p>{{first_name}}</p>`,
    );
    expect(result.findings.filter((f) => f.ruleId.endsWith('-suppression')).map((f) => `${f.ruleId}@${f.line}: ${f.message}`)).toEqual([
      'no-invalid-suppression@4: creeplint-disable-next-line names unknown rule `no-undeclared-sauce`',
      'no-unused-suppression@6: creeplint-disable-next-line no-exact-timing suppresses nothing for this recipient',
    ]);
  });

  it('suppressed errors do not fail the run, and partials carry their own suppressions', async () => {
    const result = await check(`${P}{{> card}}`, {
      partials: { card: '{{!-- creeplint-disable-next-line -- the recipient asked for the reminder --}}\n<p>{{income_band}}</p>' },
    });
    expect(result.findings.filter((f) => f.field === 'income_band' && !f.suppressed)).toEqual([]);
    expect(result.findings.filter((f) => f.suppressed).map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
      'partials/card.hbs:2 no-undeclared-source',
      'partials/card.hbs:2 no-sensitive-data',
    ]);
  });
});

describe('suppressions as HTML comments, in HTML and MJML templates', () => {
  const MJML = (body: string) => `${P}<mjml><mj-body><mj-section><mj-column><mj-text>\n${body}</mj-text></mj-column></mj-section></mj-body></mjml>\n`;
  const undeclared = (findings: Parameters<typeof summary>[0]) =>
    summary(findings.filter((f) => ['no-undeclared-source', 'no-sensitive-data', 'no-invalid-suppression', 'no-unused-suppression'].includes(f.ruleId)));

  for (const file of ['email.html', 'email.htm', 'email.hbs']) {
    it(`disable-next-line in ${file} suppresses the next line only, at its line in the file (front matter counted)`, async () => {
      const result = await check(
        `${P}<!-- creeplint-disable-next-line no-undeclared-source -- shown in the account area they opened -->\n<p>{{last_viewed_product}}</p>\n<p>{{last_viewed_product}}</p>`,
        { file },
      );
      expect(undeclared(result.findings)).toEqual(['no-undeclared-source@5 suppressed: shown in the account area they opened +0', 'no-undeclared-source@6 +18']);
    });
  }

  it('a block in .mjml runs from disable to enable', async () => {
    const result = await check(
      MJML(
        '<!-- creeplint-disable no-undeclared-source, no-sensitive-data -- store visits the member logged themselves -->\n<p>{{last_seen_store}}</p>\n<!-- creeplint-enable -->\n<p>{{last_seen_store}}</p>\n',
      ),
      { file: 'email.mjml' },
    );
    expect(undeclared(result.findings)).toEqual([
      'no-undeclared-source@6 suppressed: store visits the member logged themselves +0',
      'no-sensitive-data@6 suppressed: store visits the member logged themselves +0',
      'no-undeclared-source@8 +20',
      'no-sensitive-data@8 +10',
    ]);
  });

  it('next-line in .mjml, and a block in .html', async () => {
    const mjml = await check(MJML('<!-- creeplint-disable-next-line no-undeclared-source -- they asked for it -->\n<p>{{last_viewed_product}}</p>\n'), { file: 'email.mjml' });
    expect(undeclared(mjml.findings)).toEqual(['no-undeclared-source@6 suppressed: they asked for it +0']);
    const html = await check(`${P}<!--creeplint-disable no-undeclared-source -- they asked for it-->\n<p>{{last_viewed_product}}</p>\n<p>{{last_viewed_product}}</p>`, {
      file: 'email.html',
    });
    expect(undeclared(html.findings)).toEqual(['no-undeclared-source@5 suppressed: they asked for it +0', 'no-undeclared-source@6 suppressed: they asked for it +0']);
  });

  for (const file of ['email.html', 'email.mjml']) {
    it(`in ${file}, one without a reason is reported and does not suppress; one that suppresses nothing is reported`, async () => {
      const wrap = file.endsWith('.mjml') ? MJML : (body: string) => `${P}${body}`;
      const first = file.endsWith('.mjml') ? 5 : 4;
      const result = await check(
        wrap(
          '<!-- creeplint-disable-next-line no-undeclared-source -->\n<p>{{last_viewed_product}}</p>\n<!-- creeplint-disable-next-line no-exact-timing -- nothing here -->\n<p>{{first_name}}</p>\n',
        ),
        { file },
      );
      expect(result.findings.filter((f) => f.ruleId.endsWith('-suppression')).map((f) => `${f.ruleId}@${f.line}:${f.column}: ${f.message}`)).toEqual([
        `no-invalid-suppression@${first}:1: creeplint-disable-next-line without a reason does not suppress anything`,
        `no-unused-suppression@${first + 2}:1: creeplint-disable-next-line no-exact-timing suppresses nothing for this recipient`,
      ]);
      expect(result.findings.find((f) => f.ruleId === 'no-undeclared-source')?.suppressed).toBeUndefined();
    });
  }

  it('reads HTML comments in a partial, in Liquid, and never in text templates', async () => {
    const partial = await check(`${P}{{> card}}`, {
      file: 'email.html',
      partials: { card: '<!-- creeplint-disable-next-line -- the recipient asked for the reminder -->\n<p>{{income_band}}</p>' },
    });
    expect(partial.findings.filter((f) => f.suppressed).map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([
      'partials/card.hbs:2 no-undeclared-source',
      'partials/card.hbs:2 no-sensitive-data',
    ]);
    const liquid = await check(`${P}<!-- creeplint-disable-next-line no-undeclared-source -- they asked for it -->\n<p>{{ last_viewed_product }}</p>`, {
      file: 'email.html.liquid',
    });
    expect(undeclared(liquid.findings)).toEqual(['no-undeclared-source@5 suppressed: they asked for it +0']);
    const text = await check(`${P}<!-- creeplint-disable-next-line no-undeclared-source -- they asked for it -->\n{{last_viewed_product}}`, { file: 'email.txt' });
    expect(undeclared(text.findings)).toEqual(['no-undeclared-source@5 +18']);
  });

  it('is read with an HTML tokenizer over the literal HTML: not inside template comments, attribute values, scripts or Liquid comments', async () => {
    const template = [
      '{{!-- <!-- creeplint-disable-next-line no-undeclared-source -- in a Handlebars comment --> --}}',
      '<p>{{last_viewed_product}}</p>',
      '<p title="<!-- creeplint-disable-next-line no-undeclared-source -- in an attribute -->">x</p>',
      '<p>{{last_viewed_product}}</p>',
      '<script>"<!-- creeplint-disable-next-line no-undeclared-source -- in a script -->"</script>',
      '<p>{{last_viewed_product}}</p>',
      '<!-- creeplint-disable-next-line no-undeclared-source -- {{first_name}} wrote this -->',
      '<p>{{last_viewed_product}}</p>',
    ].join('\n');
    const result = await check(`${P}${template}`, { file: 'email.html' });
    expect(result.findings.filter((f) => f.ruleId.endsWith('-suppression') || f.suppressed)).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'no-undeclared-source').map((f) => f.line)).toEqual([5, 7, 9, 11]);
    const liquid = await check(
      `${P}{% comment %}<!-- creeplint-disable-next-line no-undeclared-source -- in a Liquid comment -->{% endcomment %}\n<p>{{ last_viewed_product }}</p>`,
      { file: 'email.liquid' },
    );
    expect(liquid.findings.filter((f) => f.ruleId === 'no-undeclared-source' && !f.suppressed).map((f) => f.line)).toEqual([5]);
  });
});
