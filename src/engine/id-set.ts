/**
 * Ids seen so far, as 52-bit hashes (two FNV-1a variants) in an open-addressing table of
 * doubles, at most three quarters full: about 11 bytes a recipient, so a million
 * recipients take 16 MB, not the hundreds a set of strings would. A collision (about one
 * in 10^15 pairs) would report a false duplicate, never hide one.
 */
export class IdSet {
  private table = new Float64Array(1 << 16);
  private size = 0;

  /** False when the id was already there. */
  add(id: string): boolean {
    let a = 0x811c9dc5;
    let b = 0x01000193;
    for (let index = 0; index < id.length; index += 1) {
      const code = id.charCodeAt(index);
      a = Math.imul(a ^ code, 0x01000193) >>> 0;
      b = Math.imul(b ^ code, 0x5bd1e995) >>> 0;
    }
    // +1 so that 0 can mean an empty slot.
    const hash = a * 0x100000 + (b & 0xfffff) + 1;
    if (!this.insert(this.table, hash)) return false;
    this.size += 1;
    if (this.size * 4 > this.table.length * 3) this.grow();
    return true;
  }

  private insert(table: Float64Array, hash: number): boolean {
    const mask = table.length - 1;
    for (let slot = hash % table.length; ; slot = (slot + 1) & mask) {
      const current = table[slot];
      if (current === hash) return false;
      if (current === 0) {
        table[slot] = hash;
        return true;
      }
    }
  }

  private grow(): void {
    const bigger = new Float64Array(this.table.length * 2);
    for (const hash of this.table) if (hash !== 0) this.insert(bigger, hash);
    this.table = bigger;
  }
}
