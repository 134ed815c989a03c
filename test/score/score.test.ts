import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataMap } from '../../src/load/datamap.js';
import { bandOf } from '../../src/score/score.js';
import { check, profile } from '../support.js';

const FIELDS = [
  'first_name',
  'last_name',
  'email',
  'date_of_birth',
  'last_viewed_product',
  'last_seen_at',
  'last_seen_store',
  'predicted_pregnancy',
  'income_band',
  'shipping_address.city',
] as const;
/** From least to most visible; each step must never lower the score. */
const VISIBILITY_CHAIN = ['hidden', 'attribute', 'body', 'preheader', 'subject'] as const;
type Spot = (typeof VISIBILITY_CHAIN)[number] | 'condition';
type Token = { field: (typeof FIELDS)[number]; spot: Spot };

function template(tokens: readonly Token[]): string {
  const inSpot = (spot: Spot) => tokens.filter((token) => token.spot === spot).map((token) => token.field);
  const header = (name: string, fields: string[]) => (fields.length ? `${name}: "${fields.map((f) => `{{${f}}}`).join(' ')}"\n` : '');
  const body = tokens
    .map(({ field, spot }) => {
      switch (spot) {
        case 'body':
          return `<p>{{${field}}}</p>`;
        case 'attribute':
          return `<span title="{{${field}}}">x</span>`;
        case 'hidden':
          return `<div style="display:none">{{${field}}}</div>`;
        case 'condition':
          return `{{#if ${field}}}<p>x</p>{{/if}}`;
        default:
          return '';
      }
    })
    .join('\n');
  return `---\npurpose: [marketing, personalisation, transactional]\n${header('subject', inSpot('subject'))}${header('preheader', inSpot('preheader'))}---\n${body}\n`;
}

const token = fc.record({ field: fc.constantFrom(...FIELDS), spot: fc.constantFrom<Spot>(...VISIBILITY_CHAIN, 'condition') });
// CREEPLINT_PROPERTY_RUNS=1000 for a longer search before a release.
const RUNS = { numRuns: Number(process.env['CREEPLINT_PROPERTY_RUNS'] ?? 40) };

async function score(tokens: readonly Token[], sources: Record<string, string> = {}, consent?: Record<string, unknown>): Promise<number> {
  const result = await check(template(tokens), { profiles: [profile(consent ? { sources, consent } : { sources })] });
  return result.score;
}

describe('score', () => {
  it('is an integer from 0 to 100, the sum of the findings’ points, in the band its value says', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 8 }), async (tokens) => {
        const result = await check(template(tokens));
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.score).toBe(result.findings.reduce((sum, finding) => sum + finding.points, 0));
        expect(result.band).toBe(bandOf(result.score));
        for (const finding of result.findings) expect(finding.points).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('never goes down when a personal token is added', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 6 }), token, async (tokens, extra) => {
        expect(await score([...tokens, extra])).toBeGreaterThanOrEqual(await score(tokens));
      }),
      RUNS,
    );
  });

  it('never goes down when a value moves to a more visible placement', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 5 }), fc.constantFrom(...FIELDS), fc.integer({ min: 0, max: VISIBILITY_CHAIN.length - 2 }), async (others, field, step) => {
        const lower = await score([...others, { field, spot: VISIBILITY_CHAIN[step] ?? 'hidden' }]);
        const higher = await score([...others, { field, spot: VISIBILITY_CHAIN[step + 1] ?? 'subject' }]);
        expect(higher).toBeGreaterThanOrEqual(lower);
      }),
      RUNS,
    );
  });

  it('never goes down when a source gets worse (declared → observed → inferred → third party)', async () => {
    const chain = ['declared', 'observed', 'inferred', 'third_party'] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(token, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 2 }), async (tokens, step) => {
        const field = tokens[0]?.field ?? 'first_name';
        const before = await score(tokens, { [field]: chain[step] ?? 'declared' });
        const after = await score(tokens, { [field]: chain[step + 1] ?? 'third_party' });
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it('never goes down when consent is withdrawn', async () => {
    const granted = { marketing: { granted: true }, personalisation: { granted: true } };
    const withdrawn = { marketing: { granted: true }, personalisation: { granted: false } };
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 6 }), async (tokens) => {
        expect(await score(tokens, {}, withdrawn)).toBeGreaterThanOrEqual(await score(tokens, {}, granted));
      }),
      RUNS,
    );
  });

  it('scores a combination above any one of its parts', async () => {
    const parts: Token[] = [
      { field: 'last_seen_store', spot: 'body' },
      { field: 'last_seen_at', spot: 'body' },
      { field: 'last_viewed_product', spot: 'body' },
    ];
    const together = await score(parts);
    for (const part of parts) expect(together).toBeGreaterThan(await score([part]));
  });

  it('is calibrated on the anchors docs/scoring.md names', async () => {
    const newsletter = await check('---\npurpose: marketing\n---\n<p>Hi {{first_name}}, here is our news.</p>');
    expect(newsletter.band).toBe('helpful');
    const birthday = await check('---\npurpose: marketing\nsubject: "Happy birthday {{first_name}}"\n---\n<p>Your birthday is {{date_of_birth}}: 15% off.</p>');
    expect(birthday.score).toBeLessThan(50);
    const browsing = await check('---\npurpose: [marketing, personalisation]\nsubject: "Still thinking about the {{last_viewed_product}}?"\n---\n<p>Hi</p>');
    expect(browsing.score).toBeGreaterThanOrEqual(25);
    const health = await check('---\npurpose: [marketing, personalisation]\n---\n{{#if predicted_pregnancy}}<p>Baby offers</p>{{/if}}');
    expect(health.band).toBe('creepy');
  });
});

describe('calibration between practices and categories', () => {
  const dataMap = parseDataMap(
    [
      'version: 1',
      'purposes:',
      '  marketing: { basis: consent }',
      'fields:',
      '  first_name: { category: user.name.first, source: declared, purposes: [marketing] }',
      '  date_of_birth: { category: user.demographic.date_of_birth, source: declared, purposes: [marketing] }',
      '  last_order.name: { category: user.behavior.purchase_history, source: declared, purposes: [marketing] }',
      '  cart[].name: { category: user.behavior.browsing_history, source: observed, purposes: [marketing] }',
      '  last_store_visit.store: { category: user.location.precise, source: observed, purposes: [marketing] }',
      '  last_store_visit.at: { category: user.location.precise, source: observed, purposes: [marketing] }',
      '  detail: { category: user, source: observed, purposes: [marketing] }',
      '  unsubscribe_url: { category: system.operations, source: system }',
      '  preferences_url: { category: system.operations, source: system }',
    ].join('\n'),
    'datamap.yaml',
  );
  const recipient = profile({
    data: {
      first_name: 'Sam',
      date_of_birth: '1990-03-02',
      last_order: { name: 'Tent' },
      cart: [{ name: 'Stove' }],
      last_store_visit: { store: 'Leeds Briggate', at: '2026-11-27T18:12:00Z' },
      detail: 'x',
      unsubscribe_url: 'https://x.example/u',
      preferences_url: 'https://x.example/p',
    },
    consent: { marketing: { granted: true } },
  });
  const email = (subject: string, body: string) =>
    `---\npurpose: marketing\nsubject: "${subject}"\n---\n<p>${body}</p><p><a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="{{preferences_url}}">Email preferences</a></p>`;
  const scoreOf = async (text: string, map = dataMap) => (await check(text, { dataMap: map, profiles: [recipient] })).score;

  it('orders practices as readers do: birthday < purchase < cart < store visit', async () => {
    const birthday = await scoreOf(email('Happy birthday, {{first_name}}', 'Your birthday is {{date_of_birth}}: 15% off.'));
    const purchase = await scoreOf(email('Pair it with your {{last_order.name}}', 'Customers who bought a {{last_order.name}} also liked these.'));
    const cart = await scoreOf(email('Your basket is waiting', '{{#each cart}}{{name}}{{/each}} is still in your basket.'));
    const visit = await scoreOf(email('Thanks for visiting {{last_store_visit.store}}', 'You were in {{last_store_visit.store}} at {{last_store_visit.at}}.'));
    expect([birthday, purchase, cart, visit]).toEqual([...[birthday, purchase, cart, visit]].sort((a, b) => a - b));
    expect(new Set([birthday, purchase, cart, visit]).size).toBe(4);
    expect(birthday).toBeLessThan(50);
  });

  // Special categories (health) are judged by their own rule, above all of these.
  it('orders categories as the Pew survey does, for the same observed detail in the body', async () => {
    const categories = ['user.behavior.purchase_history', 'user.behavior.browsing_history', 'user.location.precise', 'user.financial', 'user.government_id'];
    const scores: number[] = [];
    for (const category of categories) {
      const map = parseDataMap(
        `version: 1\npurposes:\n  marketing: { basis: consent }\nfields:\n  detail: { category: ${category}, source: observed, purposes: [marketing] }\n  unsubscribe_url: { category: system.operations, source: system }\n  preferences_url: { category: system.operations, source: system }\n`,
        'datamap.yaml',
      );
      scores.push(await scoreOf(email('News', '{{detail}}'), map));
    }
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(scores).size).toBe(categories.length);
  });
});
