import { describe, expect, it } from 'vitest';
import { IdSet } from '../src/presend/id-set.js';

describe('the audit’s set of ids', () => {
  it('finds every duplicate across its growth, and no false ones among 300,000 ids', () => {
    const ids = new IdSet();
    for (let index = 0; index < 300_000; index += 1) expect(ids.add(`r-${index}`)).toBe(true);
    for (let index = 0; index < 300_000; index += 7919) expect(ids.add(`r-${index}`)).toBe(false);
    expect(ids.add('r-300000')).toBe(true);
    expect(ids.add('')).toBe(true);
    expect(ids.add('')).toBe(false);
  });
});
