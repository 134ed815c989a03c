import { describe, expect, it } from 'vitest';
import { parseDataMap } from '../../src/load/datamap.js';
import type { LintResult } from '../../src/model/finding.js';
import { checkAll, profile } from '../support.js';

const dataMap = (roles: boolean) =>
  parseDataMap(
    [
      'version: 1',
      'purposes:',
      '  marketing: { basis: consent }',
      'fields:',
      '  first_name: { category: user.name.first, source: declared, purposes: [marketing] }',
      '  email: { category: user.contact.email, source: declared, purposes: [marketing] }',
      `  leave_url: { category: system.operations, source: system${roles ? ', role: unsubscribe' : ''} }`,
      `  settings_url: { category: system.operations, source: system${roles ? ', role: preferences' : ''} }`,
      '  list_id: { category: system.operations, source: system }',
    ].join('\n'),
    'datamap.yaml',
  );

const recipient = (data: Record<string, unknown> = {}) =>
  profile({
    data: { first_name: 'Ana', email: 'ana@example.com', leave_url: 'https://x.example/leave/1', settings_url: 'https://x.example/settings/1', list_id: 'news', ...data },
    consent: { marketing: { granted: true } },
  });

const links = (result: LintResult | undefined) =>
  result?.findings
    .filter((finding) => finding.ruleId === 'require-unsubscribe-link' || finding.ruleId === 'require-preferences-link')
    .map((finding) => `${finding.ruleId}: ${finding.message}`);

async function judged(text: string, options: { roles?: boolean; data?: Record<string, unknown>; file?: string; profiles?: boolean } = {}) {
  return checkAll(text, { file: options.file ?? 'email.hbs', dataMap: dataMap(options.roles ?? true), profiles: options.profiles === false ? [] : [recipient(options.data)] });
}

const HTML = '---\npurpose: marketing\n---\n<p>Hi {{first_name}}</p>\n<p><a href="{{leave_url}}">Stop these</a> · <a href="{{settings_url}}">Your settings</a></p>\n';

describe('a link to a field with a role is that link, whatever its words', () => {
  it('finds the unsubscribe and preferences links by the fields they point at', async () => {
    expect(links((await judged(HTML))[0])).toEqual([]);
    expect(links((await judged(HTML, { profiles: false }))[0])).toEqual([]);
  });

  it('without roles, words that are not the lexicon’s leave the email without them', async () => {
    expect(links((await judged(HTML.replace('Stop these', 'Leave'), { roles: false }))[0])).toEqual([
      'require-unsubscribe-link: The email has no unsubscribe link',
      'require-preferences-link: The email has no preferences link',
    ]);
  });

  it('a role link that goes nowhere for this recipient is said to', async () => {
    expect(links((await judged(HTML, { data: { leave_url: '' } }))[0])).toEqual(['require-unsubscribe-link: The unsubscribe link goes nowhere (empty, "#" or a script)']);
  });
});

describe('headers in the front matter', () => {
  const withHeaders = (headers: string) => `---\npurpose: marketing\nheaders:\n${headers}---\n<p>Hi {{first_name}}</p>\n<p><a href="{{settings_url}}">Email preferences</a></p>\n`;
  const ONE_CLICK = '  List-Unsubscribe: "<{{leave_url}}>, <mailto:leave+{{email}}@x.example>"\n  List-Unsubscribe-Post: List-Unsubscribe=One-Click\n';

  it('a one-click List-Unsubscribe header (RFC 8058) is the unsubscribe link', async () => {
    const [result] = await judged(withHeaders(ONE_CLICK), { roles: false });
    expect(links(result)).toEqual([]);
  });

  it('without List-Unsubscribe-Post, or with an address that is not HTTPS, it is not one-click', async () => {
    expect(links((await judged(withHeaders('  List-Unsubscribe: "<{{leave_url}}>"\n'), { roles: false }))[0])).toEqual([
      'require-unsubscribe-link: The email has no unsubscribe link',
    ]);
    expect(links((await judged(withHeaders(ONE_CLICK), { roles: false, data: { leave_url: 'http://x.example/leave' } }))[0])).toEqual([
      'require-unsubscribe-link: The email has no unsubscribe link',
    ]);
  });

  it('traces tokens in headers like any other: an email address in a header URL is personal data in a URL', async () => {
    const [result] = await judged(withHeaders(ONE_CLICK), { roles: false });
    const inUrl = result?.findings
      .filter((finding) => finding.ruleId === 'no-personal-data-in-url')
      .map((finding) => [finding.field, finding.placement, finding.line, finding.column]);
    expect(inUrl).toEqual([['email', 'link-url', 4, 53]]);
    expect(result?.fields.find((field) => field.field === 'leave_url')?.placements).toEqual(['link-url']);
  });

  it('a value outside angle brackets is sent but not shown: hidden', async () => {
    const [result] = await judged(withHeaders('  X-Campaign: "{{list_id}} for {{first_name}}"\n'), { roles: false });
    expect(result?.fields.find((field) => field.field === 'first_name')?.placements).toEqual(['body', 'hidden']);
  });

  it('reports a headers entry that is not a mapping of names to text, at its place', async () => {
    const [result] = await judged('---\npurpose: marketing\nheaders: [a, b]\n---\n<p>x</p>\n', { roles: false });
    expect(result?.findings.filter((finding) => finding.ruleId === 'parse-error').map((finding) => [finding.message, finding.line])).toEqual([
      ['front matter `headers` must be a mapping of header names to values', 3],
    ]);
  });
});

describe('text emails', () => {
  const TEXT = (footer: string) => `---\npurpose: marketing\n---\nHi {{first_name}},\n\nNews from us.\n\n${footer}\n`;

  it('a URL printed from a field with the role counts', async () => {
    expect(links((await judged(TEXT('Leave: {{leave_url}}\nSettings: {{settings_url}}'), { file: 'email.txt' }))[0])).toEqual([]);
  });

  it('the role’s words with a URL after them count; words with no URL near them do not', async () => {
    expect(links((await judged(TEXT('Unsubscribe:\nhttps://x.example/u\nEmail preferences: https://x.example/p'), { file: 'email.txt', roles: false }))[0])).toEqual([]);
    expect(links((await judged(TEXT('To unsubscribe, reply STOP.\n\nThanks!\n\nEmail preferences: https://x.example/p'), { file: 'email.txt', roles: false }))[0])).toEqual([
      'require-unsubscribe-link: The unsubscribe link goes nowhere (empty, "#" or a script)',
    ]);
  });
});

describe('the privacy notice', () => {
  const map = parseDataMap(
    [
      'version: 1',
      'purposes:',
      '  marketing: { basis: consent }',
      'fields:',
      '  income_band: { category: user.financial, source: third_party, purposes: [marketing] }',
      '  notice_url: { category: system.operations, source: system, role: privacy-notice }',
      '  unsubscribe_url: { category: system.operations, source: system, role: unsubscribe }',
      '  preferences_url: { category: system.operations, source: system, role: preferences }',
    ].join('\n'),
    'datamap.yaml',
  );
  const person = profile({
    data: { income_band: 'B', notice_url: 'https://x.example/privacy', unsubscribe_url: 'https://x.example/u', preferences_url: 'https://x.example/p' },
    consent: { marketing: { granted: true } },
  });
  const email = (footer: string) =>
    `---\npurpose: marketing\n---\n<p>Offers for band {{income_band}}</p>\n<p><a href="{{unsubscribe_url}}">x</a> <a href="{{preferences_url}}">y</a>${footer}</p>\n`;
  const suggestion = async (footer: string) =>
    (await checkAll(email(footer), { dataMap: map, profiles: [person] }))[0]?.findings.find((finding) => finding.ruleId === 'no-undeclared-source')?.suggestion;

  it('a link to the field with the privacy-notice role is the privacy notice: third-party data is to be explained there (GDPR Art. 14)', async () => {
    expect(await suggestion(' <a href="{{notice_url}}">How we use data</a>')).toBe(
      'Use data the person gave you. If you keep it, they must be told where it came from (GDPR Art. 14): say so in the privacy notice this email links to.',
    );
    expect(await suggestion('')).toBe(
      'Use data the person gave you. If you keep it, they must be told where it came from (GDPR Art. 14): link to your privacy notice (a data-map field with `role: privacy-notice`) and say so there.',
    );
  });
});
