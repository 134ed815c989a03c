import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../src/presend/checker.js';
import { checkTemplate } from '../src/engine/check-template.js';
import { fileSystemPartials } from '../src/load/partials.js';
import { DATA_MAP, FIXED_NOW, profile } from './support.js';

const read = (file: string) => readFileSync(file, 'utf8');
const recipients = ['full-consent', 'withdrawn-consent', 'missing-values', 'source-override'].map((name) => JSON.parse(read(`fixtures/profiles/${name}.json`)) as unknown);

function checkerFor(file: string) {
  return createChecker({
    template: read(file),
    file,
    dataMap: DATA_MAP,
    partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: process.cwd() }),
    now: () => FIXED_NOW,
  });
}

describe('createChecker', () => {
  it('answers send or hold per recipient', async () => {
    const newsletter = checkerFor('templates/newsletter.mjml');
    const browse = checkerFor('templates/browse-abandon.hbs');
    expect((await newsletter.check(recipients[0])).verdict).toBe('send');
    const withdrawn = await browse.check(recipients[1]);
    expect(withdrawn.verdict).toBe('hold');
    expect(withdrawn.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId)).toContain('no-unconsented-field');
    const missing = await browse.check(recipients[2]);
    expect(missing.findings.some((f) => f.ruleId === 'require-fallback' && f.placement === 'subject' && f.severity === 'error')).toBe(true);
  });

  it('gives the same findings and score as lint() for every bundled template and profile, with shapes reused', async () => {
    for (const file of [
      'templates/back-in-stock.liquid',
      'templates/birthday-offer.mjml',
      'templates/browse-abandon.hbs',
      'templates/creepy.hbs',
      'templates/newsletter.mjml',
      'templates/order-confirmation.hbs',
      'templates/recommendation.hbs',
    ]) {
      const checker = checkerFor(file);
      const linted = await checkTemplate({
        file,
        text: read(file),
        dataMap: DATA_MAP,
        profiles: recipients.map((raw) => {
          const r = raw as { id: string; data: Record<string, unknown>; consent: Record<string, unknown>; sources?: Record<string, string> };
          return { ...profile({ data: r.data, consent: r.consent, sources: r.sources ?? {} }), id: r.id };
        }),
        partials: fileSystemPartials({ templateFile: file, partialDirs: [], cwd: process.cwd() }),
        now: FIXED_NOW,
      });
      // Twice through: the second pass comes from the shape cache.
      for (let pass = 0; pass < 2; pass += 1) {
        for (const [index, recipient] of recipients.entries()) {
          const checked = await checker.check(recipient);
          expect(checked.findings, `${file} × ${index}`).toEqual(linted.results[index]?.findings);
          expect(checked.score).toBe(linted.results[index]?.score);
        }
      }
    }
  });

  it('shares one frozen findings list between recipients the rules cannot tell apart, and no caller can change it for the others', async () => {
    const browse = checkerFor('templates/browse-abandon.hbs');
    const first = await browse.check({ ...(recipients[1] as object), id: 'a' });
    const second = await browse.check({ ...(recipients[1] as object), id: 'b' });
    expect(second).not.toBe(first);
    expect(second.findings).toBe(first.findings);
    expect(Object.isFrozen(first.findings) && first.findings.every((finding) => Object.isFrozen(finding))).toBe(true);
    expect(() => (first.findings as unknown[]).push({})).toThrow(TypeError);
    first.verdict = 'send';
    expect((await browse.check({ ...(recipients[1] as object), id: 'c' })).verdict).toBe('hold');
  });

  it('never throws on odd data: it holds, saying why', async () => {
    const checker = checkerFor('templates/browse-abandon.hbs');
    const odd: unknown[] = [
      null,
      undefined,
      42,
      'Layla',
      [],
      { id: 'x' },
      { id: 'x', data: null, consent: null },
      { id: 'x', data: { first_name: { toString: 'no' } }, consent: { marketing: { granted: true } } },
      JSON.parse('{"id":"p","data":{"__proto__":{"polluted":1},"constructor":{"prototype":{}}},"consent":{"__proto__":{"granted":true}}}'),
      { id: 'y', data: { first_name: 'x'.repeat(2_000_000), last_viewed_product: ['a', ['b']] }, consent: { personalisation: { granted: true, expires: 'never' } } },
    ];
    for (const recipient of odd) {
      const result = await checker.check(recipient);
      expect(['send', 'hold']).toContain(result.verdict);
    }
    const broken = await checker.check({ id: 'x', data: {}, consent: { marketing: 'yes' } });
    expect(broken.verdict).toBe('hold');
    expect(broken.findings.find((f) => f.ruleId === 'invalid-recipient')?.message).toBe('consent `marketing`: expected { "granted": true|false, "at": date }');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (anything) => {
        const result = await checker.check(anything);
        expect(['send', 'hold']).toContain(result.verdict);
      }),
      { numRuns: 100 },
    );
  });

  it('returns the rendered email when asked', async () => {
    const checker = createChecker({
      template: read('templates/order-confirmation.hbs'),
      file: 'templates/order-confirmation.hbs',
      dataMap: DATA_MAP,
      render: true,
      now: () => FIXED_NOW,
    });
    const result = await checker.check(recipients[0]);
    expect(result.rendered?.subject).toBe('Your order A-20931 is confirmed');
    expect(result.rendered?.body).toContain('<p>Hi Layla,</p>');
  });
});
