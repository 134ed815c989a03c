import { describe, expect, it } from 'vitest';
import type { Finding, LintResult, TemplateReport } from '../../src/model/finding.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import type { ReportInput } from '../../src/report/report-input.js';
import { OPTIONS } from './fixtures.js';

/** Text a hostile template, profile or value could bring: HTML, links, autolinks, mentions, emphasis, table cells. */
const HOSTILE = '<img src=x onerror=alert(1)> [link](https://evil.example) www.evil.example *em* _em_ ~~s~~ @octocat #1 $x$ :smile: a|b &amp;';

/** Every piece of a line that is not inside a code span (CommonMark: a run of n backticks closed by a run of exactly n). */
function outsideCode(line: string): string {
  return line.replace(/(?<!`)(`+)(?!`)[^]*?(?<!`)\1(?!`)/gu, ' ');
}

/** Markup that would be live in a pull-request comment, outside code spans: none may be left unescaped. */
function liveMarkup(markdown: string): string[] {
  const live: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\|[-:|]+\|$/u.test(line)) continue;
    // Our own markup: the heading, list items, the table's pipes, the severity and a held score in bold.
    const text = outsideCode(line)
      .replace(/^(#+ |- |\| )/u, '')
      .replace(/ \| /gu, ' ')
      .replace(/ \|$/u, '')
      .replace(/\*\*(error|warning|info|\d+)\*\*/gu, '');
    for (const match of text.matchAll(/(?<!\\)([<>&[\]*_~@#$|]|:(?=\S)|www\.)/gu)) live.push(`${match[0]} in: ${line}`);
  }
  return live;
}

const BRANCH_FILE = 'partials/<i>card</i>.hbs';

const FINDING: Finding = {
  ruleId: 'no-special-category',
  severity: 'error',
  message: '`diagnosis` (user.health_and_medical) decides what is shown',
  why: 'why',
  suggestion: `Remove it. ${HOSTILE}`,
  field: 'diagnosis',
  file: BRANCH_FILE,
  line: 6,
  column: 3,
  endLine: 6,
  endColumn: 9,
  weight: 80,
  intrusion: 'no-special-category:diagnosis',
  points: 0,
  docsUrl: 'https://example.invalid/rule',
  scope: 'template',
  branch: { file: BRANCH_FILE, line: 5, column: 1, kind: 'if', arm: `else if (eq tier "${HOSTILE}")` },
};

const TEMPLATE: TemplateReport = {
  template: 'emails/a.hbs',
  findings: [FINDING],
  profiles: 2,
  branches: [
    {
      file: BRANCH_FILE,
      line: 5,
      column: 1,
      kind: 'if',
      arms: [
        { arm: 'if tier', profiles: 2 },
        { arm: `else if ${HOSTILE}`, profiles: 0 },
      ],
    },
    {
      file: 'emails/a.hbs',
      line: 2,
      column: 1,
      kind: 'each',
      arms: [
        { arm: 'each items', profiles: 1 },
        { arm: 'else', profiles: 1 },
      ],
    },
  ],
};

const RESULT: LintResult = {
  template: 'emails/a.hbs',
  profile: HOSTILE,
  purposes: ['marketing'],
  score: 80,
  band: 'creepy',
  verdict: 'hold',
  holdReasons: ['no-special-category', 'max-score'],
  fields: [],
  findings: [{ ...FINDING, scope: undefined, branch: undefined, points: 80, file: 'emails/a.hbs', message: `\`first_name\` is printed. ${HOSTILE}`, field: 'first_name' }],
};

const REPORT: ReportInput = { results: [RESULT], templates: [TEMPLATE], errorCount: 2, warningCount: 0, run: { exitCode: 1, maxScore: 74 } };

describe('markdown escapes everything it quotes (issue 13)', () => {
  it('leaves no live markup outside code spans: profile ids, messages, suggestions, paths, branch notes and coverage lines', () => {
    const markdown = formatMarkdown(REPORT, OPTIONS);
    expect(liveMarkup(markdown)).toEqual([]);
    // An arm with backticks of its own cannot end its code span early and let markup out.
    const ticked: ReportInput = {
      ...REPORT,
      templates: [{ ...TEMPLATE, findings: [{ ...FINDING, branch: { ...FINDING.branch, arm: 'else if (eq a "`<b>x</b>` [y](z)")' } as Finding['branch'] }] }],
    };
    expect(liveMarkup(formatMarkdown(ticked, OPTIONS))).toEqual([]);
    // The checker finds live markup when there is some.
    expect(liveMarkup('- see <a href="x">this</a> [x](y) @octocat').map((entry) => entry[0])).toEqual(['<', '>', '<', '>', '[', ']', '@']);
  });

  it('quotes a template finding’s branch note: the arm as code, the partial’s path as text', () => {
    const item = formatMarkdown(REPORT, OPTIONS)
      .split('\n')
      .find((line) => line.startsWith('- **error** `no-special-category` at `partials'));
    expect(item).toBe(
      '- **error** `no-special-category` at `partials/<i>card</i>.hbs:6:3` for every recipient who reaches it: `diagnosis` (user.health\\_and\\_medical) decides what is shown' +
        ' (for recipients who reach `else if (eq tier "<img src=x onerror=alert(1)> [link](https://evil.example) www.evil.example *em* _em_ ~~s~~ @octocat #1 $x$ :smile: a|b &amp;")` (partials/\\<i\\>card\\</i\\>.hbs\\:5)) (weight 80).' +
        ' Remove it. \\<img src=x onerror=alert(1)\\> \\[link\\](https\\://evil.example) www\\.evil.example \\*em\\* \\_em\\_ \\~\\~s\\~\\~ \\@octocat \\#1 \\$x\\$ \\:smile\\: a\\|b \\&amp;',
    );
  });

  it('quotes the arms the profiles did not reach, and the partial they sit in', () => {
    const coverage = formatMarkdown(REPORT, OPTIONS)
      .split('\n')
      .filter((line) => line.startsWith('- `emails/a.hbs`'));
    expect(coverage).toEqual([
      '- `emails/a.hbs`: profiles reached 1 of 2 branches of the `if` at partials/\\<i\\>card\\</i\\>.hbs\\:5 (not `else if <img src=x onerror=alert(1)> [link](https://evil.example) www.evil.example *em* _em_ ~~s~~ @octocat #1 $x$ :smile: a|b &amp;`)',
      '- `emails/a.hbs`: profiles reached every branch of the other choice',
    ]);
  });

  it('escapes a hostile profile id in the table and in the findings, and a marked row keeps its cells', () => {
    const lines = formatMarkdown(REPORT, OPTIONS).split('\n');
    const escapedId =
      '\\<img src=x onerror=alert(1)\\> \\[link\\](https\\://evil.example) www\\.evil.example \\*em\\* \\_em\\_ \\~\\~s\\~\\~ \\@octocat \\#1 \\$x\\$ \\:smile\\: a\\|b \\&amp;';
    expect(lines).toContain(`| \`emails/a.hbs\` | ${escapedId} | ⛔ **80** (above 74) | 🔴 creepy | 1 | 0 |`);
    expect(lines.find((line) => line.startsWith('- **error** `no-special-category` at `emails/a.hbs'))).toContain(` for ${escapedId}: `);
  });

  it('escapes values shown with --show-values (local use), which are customers’ own text', () => {
    const rendered = [{ values: new Map([['first_name', ['<a href="https://evil.example">Layla</a> `x` @octocat']]]) }] as unknown as ReportInput['rendered'];
    const markdown = formatMarkdown({ ...REPORT, rendered }, { ...OPTIONS, showValues: true });
    expect(markdown).toContain('Layla');
    expect(liveMarkup(markdown)).toEqual([]);
  });

  it('puts a template path with backticks and pipes in a code span that neither ends early nor splits the table', () => {
    const odd: ReportInput = { ...REPORT, templates: [{ ...TEMPLATE, template: 'emails/a`|`b.hbs' }], results: [{ ...RESULT, template: 'emails/a`|`b.hbs', profile: 'p' }] };
    const rows = formatMarkdown(odd, OPTIONS)
      .split('\n')
      .filter((line) => line.startsWith('| ``'));
    expect(rows).toEqual(['| ``emails/a`\\|`b.hbs`` | every branch | — | — | 1 | 0 |', '| ``emails/a`\\|`b.hbs`` | p | ⛔ **80** (above 74) | 🔴 creepy | 1 | 0 |']);
  });
});
