import { describe, expect, it } from 'vitest';
import { check } from './support.js';

const P = '---\npurpose: [marketing, personalisation]\n---\n';

function summary(findings: { ruleId: string; line: number; points: number; suppressed?: { justification: string } | undefined }[]) {
  return findings.map((f) => `${f.ruleId}@${f.line}${f.suppressed ? ` suppressed: ${f.suppressed.justification}` : ''} +${f.points}`);
}

describe('suppressions', () => {
  it('disable-next-line with a reason suppresses that rule on the next line only, keeping the finding with its justification', async () => {
    const result = await check(`${P}{{!-- creeplint-disable-next-line no-undeclared-source -- shown in the account area they opened --}}\n<p>{{last_viewed_product}}</p>\n<p>{{last_viewed_product}}</p>`);
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
    const result = await check(`${P}{{!-- creeplint-disable-next-line no-undeclared-sauce -- typo --}}\n<p>{{last_viewed_product}}</p>\n{{!-- creeplint-disable-next-line no-exact-timing -- nothing here --}}\n<p>{{first_name}}</p>`);
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
