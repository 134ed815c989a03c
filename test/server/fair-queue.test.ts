import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/server/fair-queue.js';

const drain = <T>(queue: FairQueue<T>): T[] => {
  const taken: T[] = [];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) taken.push(item);
  return taken;
};

describe('FairQueue: flows take turns', () => {
  it('hands out one item per flow in each round, oldest first within a flow', () => {
    const queue = new FairQueue<string>();
    for (let index = 1; index <= 4; index += 1) queue.push('slow', `slow-${index}`);
    queue.push('quick', 'quick-1');
    queue.push('other', 'other-1');
    queue.push('quick', 'quick-2');
    expect(queue.size).toBe(7);
    expect(drain(queue)).toEqual(['slow-1', 'quick-1', 'other-1', 'slow-2', 'quick-2', 'slow-3', 'slow-4']);
    expect(queue.size).toBe(0);
  });

  it('lets a flow that arrives behind three hundred items of another wait for one of them, not all', () => {
    const queue = new FairQueue<string>();
    for (let index = 0; index < 300; index += 1) queue.push('slow', 'slow');
    queue.shift();
    queue.push('quick', 'quick');
    expect([queue.shift(), queue.shift(), queue.shift()]).toEqual(['slow', 'quick', 'slow']);
  });

  it('a flow that empties leaves the line and joins at the back when it has work again', () => {
    const queue = new FairQueue<string>();
    queue.push('a', 'a-1');
    queue.push('b', 'b-1');
    queue.push('b', 'b-2');
    expect(queue.shift()).toBe('a-1');
    queue.push('a', 'a-2');
    expect(drain(queue)).toEqual(['b-1', 'a-2', 'b-2']);
  });

  it('takes an item out before its turn, and clears', () => {
    const queue = new FairQueue<{ id: number }>();
    const items = [{ id: 1 }, { id: 2 }, { id: 3 }];
    for (const item of items) queue.push('x', item);
    expect(queue.remove('x', items[1] as { id: number })).toBe(true);
    expect(queue.remove('x', items[1] as { id: number })).toBe(false);
    expect(queue.remove('nope', items[0] as { id: number })).toBe(false);
    expect(queue.size).toBe(2);
    expect(queue.clear().map((item) => item.id)).toEqual([1, 3]);
    expect(queue.size).toBe(0);
    expect(queue.shift()).toBeUndefined();
  });
});
