/** Sub-tables; a hash's low bits pick one. Each grows on its own, so growing never doubles the whole set at once. */
const PARTS = 256;
const FIRST_PART_SIZE = 256;
/** A part grows when it is this full; linear probing stays short below it. */
const MAX_LOAD = 0.8;

/**
 * Ids seen so far, as 52-bit hashes (two FNV-1a variants) in open-addressing tables of
 * doubles: about 10 to 13 bytes a recipient, so a million recipients take about 16 MB,
 * not the hundreds a set of strings would. The set is split in 256 parts that grow one
 * at a time: a single table would need its old and new copies at once (24 MB at a
 * million) every time it doubles. A collision (about one in 10^15 pairs) would report a
 * false duplicate, never hide one.
 */
export class IdSet {
  private readonly parts = Array.from({ length: PARTS }, () => ({ table: new Float64Array(FIRST_PART_SIZE), size: 0 }));

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
    const part = this.parts[b & (PARTS - 1)] as { table: Float64Array; size: number };
    if (!insert(part.table, hash)) return false;
    part.size += 1;
    if (part.size > part.table.length * MAX_LOAD) part.table = grown(part.table);
    return true;
  }
}

/** Slots are picked by the hash's high bits: its low bits already picked the part. */
function insert(table: Float64Array, hash: number): boolean {
  const mask = table.length - 1;
  for (let slot = Math.floor(hash / 0x100000) & mask; ; slot = (slot + 1) & mask) {
    const current = table[slot];
    if (current === hash) return false;
    if (current === 0) {
      table[slot] = hash;
      return true;
    }
  }
}

function grown(table: Float64Array): Float64Array {
  const bigger = new Float64Array(table.length * 2);
  for (const hash of table) if (hash !== 0) insert(bigger, hash);
  return bigger;
}
