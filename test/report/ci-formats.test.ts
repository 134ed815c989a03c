import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { LintReport } from '../../src/model/finding.js';
import { formatGithub } from '../../src/report/github.js';
import { formatJunit } from '../../src/report/junit.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { REPORTER_NAMES } from '../../src/report/index.js';
import { DISTINCTIVE_VALUES, OPTIONS } from './fixtures.js';

/** A fixed result, so each format's exact text is the contract under test. */
const REPORT: LintReport = {
  templates: [],
  errorCount: 1,
  warningCount: 1,
  results: [
    {
      template: 'emails/promo, 50%: "now".hbs',
      profile: 'cust|1',
      purposes: ['marketing'],
      score: 57,
      band: 'intrusive',
      verdict: 'hold',
      holdReasons: ['no-unconsented-field'],
      fields: [],
      findings: [
        {
          ruleId: 'no-unconsented-field',
          severity: 'error',
          message: '`last_viewed_product` may only serve `personalisation`,\nwhich 100% <refused>',
          why: 'why',
          suggestion: 'Use a | pipe & more.',
          field: 'last_viewed_product',
          file: 'emails/promo, 50%: "now".hbs',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 30,
          weight: 40,
          intrusion: 'no-unconsented-field:last_viewed_product:unknown',
          points: 40,
          docsUrl: 'https://example.invalid/rule',
        },
        {
          ruleId: 'no-undeclared-source',
          severity: 'warning',
          message: 'observed',
          why: 'why',
          suggestion: 'say it differently',
          file: 'partials/card.hbs',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 9,
          weight: 17,
          intrusion: 'no-undeclared-source',
          points: 17,
          docsUrl: 'https://example.invalid/rule',
        },
      ],
    },
    { template: 'emails/ok.hbs', profile: 'cust|1', purposes: ['marketing'], score: 0, band: 'helpful', verdict: 'send', holdReasons: [], fields: [], findings: [] },
  ],
};

describe('github', () => {
  it('writes one workflow command per finding, escaped per GitHub rules', () => {
    expect(formatGithub(REPORT, OPTIONS).split('\n')).toEqual([
      '::error file=emails/promo%2C 50%25%3A "now".hbs,line=3,col=7,endLine=3,endColumn=30,title=creeplint no-unconsented-field (cust|1)::`last_viewed_product` may only serve `personalisation`,%0Awhich 100%25 <refused>. Use a | pipe & more.',
      '::warning file=partials/card.hbs,line=1,col=1,endLine=1,endColumn=9,title=creeplint no-undeclared-source (cust|1)::observed. say it differently',
      '',
    ]);
  });
});

describe('junit', () => {
  it('writes a test case per template and profile, a failure for errors, all escaped', () => {
    expect(formatJunit(REPORT, OPTIONS)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="creeplint" tests="2" failures="1">',
        '  <testsuite name="emails/promo, 50%: &quot;now&quot;.hbs" tests="1" failures="1">',
        '    <testcase classname="emails/promo, 50%: &quot;now&quot;.hbs" name="cust|1 (score 57, intrusive)">',
        '      <failure message="`last_viewed_product` may only serve `personalisation`,\nwhich 100% &lt;refused&gt;" type="no-unconsented-field">emails/promo, 50%: &quot;now&quot;.hbs:3:7 error `last_viewed_product` may only serve `personalisation`,\nwhich 100% &lt;refused&gt; [no-unconsented-field]</failure>',
        '      <system-out>partials/card.hbs:1:1 warning observed [no-undeclared-source]</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="emails/ok.hbs" tests="1" failures="0">',
        '    <testcase classname="emails/ok.hbs" name="cust|1 (score 0, helpful)">',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});

describe('markdown', () => {
  it('writes a table of emails and the top findings, with pipes and markup escaped', () => {
    expect(formatMarkdown(REPORT, OPTIONS)).toBe(
      [
        '## creeplint',
        '',
        '2 emails checked: 1 error, 1 warning.',
        '',
        '| Template | Profile | Score | Band | Errors | Warnings |',
        '|---|---|---:|---|---:|---:|',
        '| `emails/promo, 50%: "now".hbs` | cust\\|1 | 57 | 🟠 intrusive | 1 | 1 |',
        '| `emails/ok.hbs` | cust\\|1 | 0 | 🟢 helpful | 0 | 0 |',
        '',
        '### Top findings',
        '',
        '- **error** `no-unconsented-field` at `emails/promo, 50%: "now".hbs:3:7` for cust\\|1: `last_viewed_product` may only serve `personalisation`, which 100% \\<refused\\> (+40). Use a \\| pipe \\& more.',
        '- **warning** `no-undeclared-source` at `partials/card.hbs:1:1` for cust\\|1: observed (+17). say it differently',
        '',
      ].join('\n'),
    );
  });

  it('renders a hostile profile id, file name, message and suggestion as text: no HTML, no link, no mention', () => {
    const finding = REPORT.results[0]?.findings[0] as LintReport['results'][number]['findings'][number];
    const hostile: LintReport = {
      ...REPORT,
      results: [
        {
          ...(REPORT.results[0] as LintReport['results'][number]),
          template: 'a`b|c.hbs',
          profile: '<img src=x onerror=alert(1)> [click](https://evil.example) **@octocat** #1 $x$ www.evil.example a@evil.example :smile:',
          findings: [
            {
              ...finding,
              file: 'x``y.hbs',
              message: 'see `<b>field</b>`, a ` stray, then <a href="https://evil.example">this</a>',
              suggestion: 'Add <a href="{{unsubscribe_url}}">Unsubscribe</a> & ~~that~~ _now_',
            },
          ],
        },
      ],
    };
    const lines = formatMarkdown(hostile, OPTIONS).split('\n');
    expect(lines[6]).toBe(
      '| ``a`b\\|c.hbs`` | \\<img src=x onerror=alert(1)\\> \\[click\\](https\\://evil.example) \\*\\*\\@octocat\\*\\* \\#1 \\$x\\$ www\\.evil.example a\\@evil.example \\:smile\\: | 57 | 🟠 intrusive | 1 | 0 |',
    );
    const item = lines.find((line) => line.startsWith('- **error**')) ?? '';
    expect(item).toContain('at ```x``y.hbs:3:7```');
    expect(item).toContain('see `<b>field</b>`, a \\` stray');
    expect(item).toContain('then \\<a href="https\\://evil.example"\\>this\\</a\\>');
    expect(item).toContain('Add \\<a href="{{unsubscribe\\_url}}"\\>Unsubscribe\\</a\\> \\& \\~\\~that\\~\\~ \\_now\\_');
    // Outside code spans, no `<` or `&` is left unescaped.
    const outsideCode = item.replace(/(`+)[\s\S]*?\1/gu, '');
    expect(outsideCode).not.toMatch(/(^|[^\\])[<&]/u);
  });
});

async function cli(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await run(args, { stdout: (text) => (out += text), stderr: (text) => (out += text), isTTY: false });
  return { code, out };
}

describe('masking: no customer value in any format meant for CI or logs', () => {
  const base = ['check', 'templates', '--datamap', 'fixtures/datamap.yaml', '--profile', 'test/report/distinctive-profile.json'];

  for (const format of REPORTER_NAMES.filter((name) => name !== 'html')) {
    it(`${format} names fields, never values`, async () => {
      const { out } = await cli(...base, '--format', format);
      expect(out.length).toBeGreaterThan(100);
      for (const value of DISTINCTIVE_VALUES) expect(out, `${format} leaked ${value}`).not.toContain(value);
    });
  }

  it('--show-values turns values on for local use', async () => {
    for (const format of ['stylish', 'json', 'markdown']) {
      const { out } = await cli('check', 'templates/browse-abandon.hbs', ...base.slice(2), '--format', format, '--show-values');
      expect(out, format).toContain('Ultramarine Kayak Paddle');
    }
  });

  it('the html report shows values: it is a local preview', async () => {
    const { out } = await cli(...base, '--format', 'html');
    expect(out).toContain('Ultramarine Kayak Paddle');
  });
});
