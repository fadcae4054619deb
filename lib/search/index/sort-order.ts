// One sort of the catalogue held as a permutation of documents (key descending,
// then id descending, like the SQL's ORDER BY ... DESC, id DESC), so the top of a
// large match set is read from its start instead of ranking every match. Documents
// whose key changed since the permutation was built are "dirty": walks skip them in
// place and merge them back from a small side list, and the permutation is
// re-merged in linear time once that list grows.
export type Keyed = { key: Float64Array; rank: Float64Array };

export const DIRTY_MAX = 4096;

/** Whether document a comes before b: larger key first, then larger id rank. */
export const before = (k: Keyed, a: number, b: number) => k.key[a]! > k.key[b]! || (k.key[a] === k.key[b] && k.rank[a]! > k.rank[b]!);

export class SortOrder {
  private ords: Int32Array = new Int32Array(0);
  private keysAtBuild = new Float64Array(0);
  private dirtyFlag = new Uint8Array(0);
  private dirty: number[] = [];

  constructor(
    private readonly k: Keyed,
    private readonly dirtyMax = DIRTY_MAX,
  ) {}

  build(live: Int32Array): void {
    const k = this.k;
    const ords = live.slice().sort((a, b) => (before(k, a, b) ? -1 : before(k, b, a) ? 1 : 0));
    this.install(ords);
  }

  private install(ords: Int32Array): void {
    this.ords = ords;
    this.keysAtBuild = new Float64Array(ords.length);
    for (let i = 0; i < ords.length; i++) this.keysAtBuild[i] = this.k.key[ords[i]!]!;
    for (const d of this.dirty) this.dirtyFlag[d] = 0;
    this.dirty = [];
  }

  /** A document's key changed, or it was added or removed. */
  touch(ord: number): void {
    if (ord >= this.dirtyFlag.length) {
      const flags = new Uint8Array(Math.max(1024, ord * 2));
      flags.set(this.dirtyFlag);
      this.dirtyFlag = flags;
    }
    if (this.dirtyFlag[ord]) return;
    this.dirtyFlag[ord] = 1;
    this.dirty.push(ord);
  }

  /** Folds the dirty documents back in when there are many: O(documents), no full sort. */
  settle(isLive: (ord: number) => boolean): void {
    if (this.dirty.length <= this.dirtyMax) return;
    const k = this.k;
    const moved = this.dirty.filter(isLive).sort((a, b) => (before(k, a, b) ? -1 : 1));
    const out = new Int32Array(this.ords.length - countFlagged(this.ords, this.dirtyFlag) + moved.length);
    let n = 0;
    let m = 0;
    for (let i = 0; i < this.ords.length; i++) {
      const o = this.ords[i]!;
      if (this.dirtyFlag[o]) continue;
      while (m < moved.length && before(k, moved[m]!, o)) out[n++] = moved[m++]!;
      out[n++] = o;
    }
    while (m < moved.length) out[n++] = moved[m++]!;
    this.install(out);
  }

  /**
   * Up to `limit` documents that pass `accept`, in order, strictly after the
   * position (key, rank) when one is given.
   */
  walk(accept: (ord: number) => boolean, limit: number, after: { key: number; rank: number } | null): number[] {
    const k = this.k;
    const isAfter = (o: number) => !after || k.key[o]! < after.key || (k.key[o] === after.key && k.rank[o]! < after.rank);
    let i = 0;
    if (after) {
      // keys as they were at build time are monotonic, so binary search on them
      let lo = 0;
      let hi = this.ords.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const key = this.keysAtBuild[mid]!;
        const o = this.ords[mid]!;
        const past = key < after.key || (key === after.key && k.rank[o]! < after.rank);
        if (past) hi = mid;
        else lo = mid + 1;
      }
      i = lo;
    }
    const found: number[] = [];
    for (; i < this.ords.length && found.length < limit; i++) {
      const o = this.ords[i]!;
      if (this.dirtyFlag[o] || !accept(o)) continue;
      found.push(o);
    }
    if (this.dirty.length === 0) return found;
    const extra = this.dirty.filter((o) => isAfter(o) && accept(o));
    if (extra.length === 0) return found;
    return found.concat(extra).sort((a, b) => (before(k, a, b) ? -1 : 1)).slice(0, limit);
  }
}

function countFlagged(ords: Int32Array, flags: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < ords.length; i++) if (flags[ords[i]!]) n++;
  return n;
}
