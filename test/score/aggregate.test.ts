import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDataMap } from '../../src/load/datamap.js';
import type { Finding } from '../../src/model/finding.js';
import { scoreFindings } from '../../src/score/aggregate.js';
import { DETAIL_SHARE, EXPLANATION_SHARE } from '../../src/score/weights.js';
import { check, profile } from '../support.js';

function finding(weight: number, intrusion: string, field?: string, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: intrusion.split(':')[0] ?? 'rule',
    severity: 'warning',
    message: 'm',
    why: 'w',
    suggestion: 's',
    field,
    file: 'email.hbs',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 2,
    weight,
    intrusion,
    points: 0,
    docsUrl: 'https://example.invalid',
    ...extra,
  };
}

const weighted = fc.record({
  weight: fc.integer({ min: 0, max: 100 }),
  intrusion: fc.constantFrom('a', 'b', 'c', 'd'),
  field: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: undefined }),
});
const findingsOf = (items: readonly { weight: number; intrusion: string; field: string | undefined }[]) => items.map((item) => finding(item.weight, item.intrusion, item.field));

describe('the score of a set of findings', () => {
  it('is the sum of the points, bounded 0–100, and 100 only when one finding is extreme on its own', () => {
    fc.assert(
      fc.property(fc.array(weighted, { maxLength: 12 }), (items) => {
        const { findings, score } = scoreFindings(findingsOf(items));
        expect(findings.reduce((sum, item) => sum + item.points, 0)).toBe(score);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(score === 100).toBe(items.some((item) => item.weight === 100));
        for (const item of findings) expect(item.points).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('never goes down when a finding is added or gets heavier', () => {
    fc.assert(
      fc.property(fc.array(weighted, { maxLength: 10 }), weighted, fc.integer({ min: 0, max: 100 }), (items, extra, more) => {
        const before = scoreFindings(findingsOf(items)).score;
        expect(scoreFindings(findingsOf([...items, extra])).score).toBeGreaterThanOrEqual(before);
        if (items.length === 0) return;
        const heavier = items.map((item, index) => (index === 0 ? { ...item, weight: Math.max(item.weight, more) } : item));
        expect(scoreFindings(findingsOf(heavier)).score).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('does not depend on the order the findings come in', () => {
    fc.assert(
      fc.property(
        fc.array(weighted, { maxLength: 10 }).chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length }))),
        ([items, shuffled]) => {
          expect(scoreFindings(findingsOf(shuffled)).score).toBe(scoreFindings(findingsOf(items)).score);
        },
      ),
    );
  });

  it('counts one intrusion once: the heaviest field in full, each further field a share, repeats nothing', () => {
    const { findings, score } = scoreFindings([finding(30, 'r:list', 'list'), finding(30, 'r:list', 'list[].name'), finding(30, 'r:list', 'list[].name')]);
    expect(findings.map((item) => item.points)).toEqual([30, Math.round(100 * (1 - 0.7 * (1 - (30 * DETAIL_SHARE) / 100))) - 30, 0]);
    expect(score).toBeLessThan(scoreFindings([finding(30, 'r:a', 'a'), finding(30, 'r:b', 'b')]).score);
  });

  it('keeps distinct intrusions apart near the top', () => {
    const scores = [[75], [75, 45], [75, 45, 30], [75, 45, 30, 20]].map((weights) => scoreFindings(weights.map((weight, index) => finding(weight, `r${index}`))).score);
    expect(scores).toEqual([75, 86, 90, 92]);
  });

  it('gives a credit the difference it makes, taking its share off the findings it covers', () => {
    const credit = finding(0, 'require-explanation', undefined, {
      ruleId: 'require-explanation',
      credit: { share: EXPLANATION_SHARE, rules: ['no-undeclared-source'], fields: ['a'] },
    });
    const { findings, score } = scoreFindings([finding(40, 'no-undeclared-source:a', 'a'), finding(20, 'other:b', 'b'), credit]);
    expect(score).toBe(Math.round(100 * (1 - (1 - 0.3) * (1 - 0.2))));
    expect(findings.map((item) => item.points)).toEqual([40, 12, score - 52]);
  });

  it('gives a finding suppressed in the template no points', () => {
    const { findings, score } = scoreFindings([finding(40, 'a', 'a', { suppressed: { kind: 'inSource', justification: 'asked for it' } }), finding(20, 'b', 'b')]);
    expect(findings.map((item) => item.points)).toEqual([0, 20]);
    expect(score).toBe(20);
  });
});

const HEAD = '---\npurpose: [marketing, personalisation]\n---\n';
const FOOT = '\n<p><a href="{{unsubscribe_url}}">Unsubscribe</a> <a href="{{preferences_url}}">Email preferences</a></p>';

describe('one intrusion counts once, in real emails', () => {
  const dataMap = parseDataMap(
    [
      'version: 1',
      'purposes:',
      '  marketing: { basis: consent }',
      '  personalisation: { basis: consent }',
      '  care: { basis: consent }',
      'fields:',
      '  recently_viewed[].name: { category: user.behavior.browsing_history, source: observed, purposes: [personalisation] }',
      '  prescription.name: { category: user.health_and_medical, source: declared, purposes: [care] }',
      '  prescription.refill_date: { category: user.health_and_medical, source: declared, purposes: [care] }',
      '  allergy: { category: user.health_and_medical, source: declared, purposes: [care] }',
      '  unsubscribe_url: { category: system.operations, source: system }',
      '  preferences_url: { category: system.operations, source: system }',
    ].join('\n'),
    'datamap.yaml',
  );
  const recipient = profile({
    data: {
      recently_viewed: [{ name: 'Boots' }, { name: 'Hat' }],
      prescription: { name: 'Tablet A', refill_date: '3 March' },
      allergy: 'penicillin',
      unsubscribe_url: 'https://x.example/u',
      preferences_url: 'https://x.example/p',
    },
    consent: { marketing: { granted: true }, personalisation: { granted: true }, care: { granted: true } },
  });

  it('a list and its items are one intrusion', async () => {
    const result = await check(`${HEAD}<ul>{{#each recently_viewed}}<li>{{name}}</li>{{/each}}</ul>${FOOT}`, { dataMap, profiles: [recipient] });
    const undeclared = result.findings.filter((item) => item.ruleId === 'no-undeclared-source');
    expect(undeclared.map((item) => [item.field, item.placement, item.intrusion])).toEqual([
      ['recently_viewed', 'condition', 'no-undeclared-source:recently_viewed:user.behavior'],
      ['recently_viewed[].name', 'body', 'no-undeclared-source:recently_viewed:user.behavior'],
    ]);
    const [list, item] = undeclared;
    // The item (in the body) is the heavier; the list that decides it is a further detail.
    expect(item?.points).toBe(item?.weight);
    expect(list?.points).toBeLessThan(list?.weight ?? 0);
  });

  it("a prescription's name and refill date are one health disclosure, not two", async () => {
    const together = await check(`---\npurpose: care\n---\n<p>{{prescription.name}} is due on {{prescription.refill_date}}</p>${FOOT}`, { dataMap, profiles: [recipient] });
    const apart = await check(`---\npurpose: care\n---\n<p>{{prescription.name}} and your {{allergy}}</p>${FOOT}`, { dataMap, profiles: [recipient] });
    const special = (result: typeof together) => result.findings.filter((item) => item.ruleId === 'no-special-category').map((item) => [item.field, item.weight, item.points]);
    expect(special(together)).toEqual([
      ['prescription.name', 30, 30],
      ['prescription.refill_date', 30, 4],
    ]);
    expect(special(apart)).toEqual([
      ['prescription.name', 30, 30],
      ['allergy', 30, 21],
    ]);
    expect(together.score).toBeLessThan(apart.score);
  });
});

describe('points never depend on the level a configuration sets', () => {
  const explained = `${HEAD}<p>{{last_viewed_product}}</p><p>You are receiving this because you turned on recommendations.</p>${FOOT}`;

  it('an explanation is a credit whatever level require-explanation is set to', async () => {
    const plain = await check(explained);
    const strict = await check(explained, { settings: { rules: new Map([['require-explanation', { level: 'error', options: {} }]]) } });
    const credit = (result: typeof plain) => result.findings.find((item) => item.ruleId === 'require-explanation');
    expect(credit(plain)?.points).toBeLessThan(0);
    expect(credit(strict)).toMatchObject({ severity: 'info', points: credit(plain)?.points });
    expect(strict.score).toBe(plain.score);
  });

  it('a special category weighs the same at any level', async () => {
    const email = `${HEAD}{{#if predicted_pregnancy}}<p>Offers</p>{{/if}}${FOOT}`;
    const plain = await check(email);
    const relaxed = await check(email, { settings: { rules: new Map([['no-special-category', { level: 'warning', options: {} }]]) } });
    const weightOf = (result: typeof plain) => result.findings.find((item) => item.ruleId === 'no-special-category')?.weight;
    expect(weightOf(relaxed)).toBe(weightOf(plain));
    expect(relaxed.score).toBe(plain.score);
  });
});
