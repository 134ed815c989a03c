/**
 * Waiting work in flows that take turns: each flow (in the server, one template from one
 * address) hands out its oldest item, then goes to the back of the line. A flow with three
 * hundred slow checks waiting gets one turn in each round, like any other, so a check of
 * another template waits for at most one item of each flow ahead of it, not for all of
 * them. A flow leaves the line when it is empty and joins at the back when it has work again.
 */
export class FairQueue<T> {
  /** Flows in turn order (a Map keeps insertion order), each with its items oldest first. */
  private readonly flows = new Map<string, T[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(flow: string, item: T): void {
    const items = this.flows.get(flow);
    if (items) items.push(item);
    else this.flows.set(flow, [item]);
    this.count += 1;
  }

  /** The next item: the oldest of the flow whose turn it is. */
  shift(): T | undefined {
    const first = this.flows.entries().next();
    if (first.done) return undefined;
    const [flow, items] = first.value;
    const item = items.shift() as T;
    this.flows.delete(flow);
    if (items.length > 0) this.flows.set(flow, items);
    this.count -= 1;
    return item;
  }

  /** Take an item out before its turn (its client went away); false when it is not waiting. */
  remove(flow: string, item: T): boolean {
    const items = this.flows.get(flow);
    const index = items?.indexOf(item) ?? -1;
    if (!items || index === -1) return false;
    items.splice(index, 1);
    if (items.length === 0) this.flows.delete(flow);
    this.count -= 1;
    return true;
  }

  /** Every waiting item, oldest flow first; the queue is left empty. */
  clear(): T[] {
    const all = [...this.flows.values()].flat();
    this.flows.clear();
    this.count = 0;
    return all;
  }
}
