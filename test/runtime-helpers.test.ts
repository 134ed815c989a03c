import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { registerCreeplintHelpers, renderOptionsFor } from '../src/runtime-helpers.js';
import { check, profile } from './support.js';

const refused = profile({ consent: { marketing: { granted: true }, personalisation: { granted: false } } });
const granted = profile();
const SAFE = `---\npurpose: [marketing, personalisation]\n---\n<p>Hi {{fallback first_name "there"}},</p>\n{{#ifConsent "personalisation"}}<p>Back in stock: {{last_viewed_product}}</p>{{else}}<p>New this week</p>{{/ifConsent}}\n<p><a href="{{preferences_url}}">Email preferences</a> <a href="{{unsubscribe_url}}">Unsubscribe</a></p>`;

describe('runtime helpers for senders', () => {
  it('ifConsent renders its block only with the recipient’s consent; fallback fills a missing value', () => {
    const handlebars = Handlebars.create();
    registerCreeplintHelpers(handlebars);
    const template = handlebars.compile('Hi {{fallback first_name "there"}}. {{#ifConsent "personalisation"}}Picked: {{last_viewed_product}}{{else}}New this week{{/ifConsent}}');
    expect(template(granted.data, renderOptionsFor(granted))).toBe('Hi Layla. Picked: Trail shoes');
    expect(template({ last_viewed_product: 'Trail shoes' }, renderOptionsFor(refused))).toBe('Hi there. New this week');
    expect(template({}, {})).toBe('Hi there. New this week');
  });

  it('expired consent does not hold', () => {
    const expired = profile({ consent: { personalisation: { granted: true, at: '2024-01-01T00:00:00Z', expires: '2025-01-01T00:00:00Z' } } });
    expect(renderOptionsFor(expired, new Date('2026-11-28T00:00:00Z')).data.consent).toEqual({ personalisation: false });
  });
});

describe('the linter understands them: safe by construction', () => {
  it('a recipient who refused personalisation gets no consent error: the guarded token is not in their email', async () => {
    const result = await check(SAFE, { profiles: [refused] });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.findings.map((f) => f.ruleId)).not.toContain('no-unknown-helper');
    expect(result.fields.map((f) => f.field)).not.toContain('last_viewed_product');
  });

  it('a recipient who consented gets the personalised block, judged as usual', async () => {
    const result = await check(SAFE, { profiles: [granted] });
    expect(result.findings.filter((f) => f.field === 'last_viewed_product').map((f) => f.ruleId)).toEqual(['no-undeclared-source']);
  });

  it('a token outside the guard that relies on the refused purpose is still an error', async () => {
    const result = await check(`${SAFE}\n<p>{{last_seen_at}}</p>`, { profiles: [refused] });
    expect(result.findings.filter((f) => f.ruleId === 'no-unconsented-field').map((f) => f.field)).toEqual(['last_seen_at']);
  });

  it('fallback counts as a fallback for a missing value', async () => {
    const result = await check(SAFE, { profiles: [profile({ data: { unsubscribe_url: 'u', preferences_url: 'p' } })] });
    expect(result.findings.filter((f) => f.ruleId === 'require-fallback').map((f) => f.field)).toEqual(['last_viewed_product']);
    expect(result.fields.find((f) => f.field === 'first_name')?.uses).toEqual(['print']);
  });
});
