import { describe, expect, it } from 'vitest';
import { holdoutGroup, parseHoldoutShare } from '../../src/presend/holdout.js';

const ids = Array.from({ length: 100_000 }, (_, index) => `cust-${index}`);

describe('holdoutGroup', () => {
  it('holds out the asked share within half a percentage point for 100,000 recipients', () => {
    for (const share of [0.1, 0.02, 0.5]) {
      const control = ids.filter((id) => holdoutGroup('spring-sale', id, share) === 'control').length;
      expect(Math.abs(control / ids.length - share)).toBeLessThan(0.005);
    }
  });

  it('puts the same person in the same group on every run and whatever the order or shard', () => {
    const first = new Map(ids.map((id) => [id, holdoutGroup('spring-sale', id, 0.1)]));
    const shard = ids.filter((_, index) => index % 4 === 3).reverse();
    for (const id of shard) expect(holdoutGroup('spring-sale', id, 0.1)).toBe(first.get(id));
  });

  it('reshuffles for a new campaign name', () => {
    const same = ids.filter((id) => holdoutGroup('spring-sale', id, 0.1) === holdoutGroup('summer-sale', id, 0.1)).length / ids.length;
    // Independent draws agree with probability 0.1² + 0.9² = 0.82.
    expect(same).toBeGreaterThan(0.81);
    expect(same).toBeLessThan(0.83);
  });

  it('keeps campaign and id apart: ("ab", "c") is not ("a", "bc")', () => {
    const differ = Array.from({ length: 200 }, (_, index) => holdoutGroup(`a${index}b`, 'c', 0.5) !== holdoutGroup(`a${index}`, 'bc', 0.5)).filter(Boolean).length;
    expect(differ).toBeGreaterThan(60);
  });

  it('nests: a recipient in a 5% holdout is in the 10% holdout of the same campaign', () => {
    for (const id of ids.slice(0, 5000)) {
      if (holdoutGroup('spring-sale', id, 0.05) === 'control') expect(holdoutGroup('spring-sale', id, 0.1)).toBe('control');
    }
  });
});

describe('parseHoldoutShare', () => {
  it.each([
    ['10%', 0.1],
    ['2.5%', 0.025],
    ['0.1', 0.1],
    [' .25 ', 0.25],
  ])('reads %j as %d', (text, share) => {
    expect(parseHoldoutShare(text)).toBeCloseTo(share, 12);
  });

  it.each(['0', '0%', '100%', '1', '10', '-5%', 'ten', '', '10%%'])('refuses %j', (text) => {
    expect(() => parseHoldoutShare(text)).toThrow('expected a share above 0 and below 1, such as 10% or 0.1');
  });
});
