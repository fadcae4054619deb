// Sets of documents (catalogue ordinals) for the in-memory search index: a sorted
// list while small, a bitset once large. Intersections drive from the smallest set
// and probe the others, so a conjunction costs about the size of its rarest term,
// not the sum of all its terms (what a GIN bitmap scan pays).
export type DocSet = { kind: "list"; ords: Int32Array } | { kind: "bits"; bits: Uint32Array; size: number };

export const EMPTY: DocSet = { kind: "list", ords: new Int32Array(0) };

/**
 * Where one query's bitsets come from: buffers of `words` words, lent for the query
 * and reused by the next (a bitset of a million documents is 125 KB; allocating a few
 * per query kept the collector busy).
 */
export class BitSpace {
  private free: Uint32Array[] = [];
  private lent: Uint32Array[] = [];

  constructor(readonly words: number) {}

  /** A buffer whose every word the caller writes. */
  take(): Uint32Array {
    const b = this.free.pop() ?? new Uint32Array(this.words);
    this.lent.push(b);
    return b;
  }

  zeroed(): Uint32Array {
    return this.take().fill(0);
  }

  /** Makes every lent buffer reusable: no set of the finished query may be kept. */
  release(): void {
    for (const b of this.lent) this.free.push(b);
    this.lent = [];
  }
}

export const sizeOf = (s: DocSet) => (s.kind === "list" ? s.ords.length : s.size);

export function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

export function popcount(bits: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += popcount32(bits[i]!);
  return n;
}

export const hasBit = (bits: Uint32Array, ord: number) => (bits[ord >>> 5]! & (1 << (ord & 31))) !== 0;

/** Whether `ord` is in a sorted list (binary search). */
export function listHas(ords: Int32Array, ord: number): boolean {
  let lo = 0;
  let hi = ords.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ords[mid]!;
    if (v === ord) return true;
    if (v < ord) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function toBits(s: DocSet, space: BitSpace): Uint32Array {
  if (s.kind === "bits") return s.bits.length === space.words ? s.bits : grow(s.bits, space);
  const bits = space.zeroed();
  for (let i = 0; i < s.ords.length; i++) {
    const o = s.ords[i]!;
    bits[o >>> 5]! |= 1 << (o & 31);
  }
  return bits;
}

function grow(bits: Uint32Array, space: BitSpace): Uint32Array {
  const out = space.zeroed();
  out.set(bits.subarray(0, Math.min(space.words, bits.length)));
  return out;
}

export function bitsToList(bits: Uint32Array, size: number): Int32Array {
  const out = new Int32Array(size);
  let n = 0;
  for (let w = 0; w < bits.length && n < size; w++) {
    let v = bits[w]!;
    while (v !== 0) {
      const low = v & -v;
      out[n++] = (w << 5) + (31 - Math.clz32(low));
      v ^= low;
    }
  }
  return n === size ? out : out.subarray(0, n);
}

/** A membership test for probing: bit lookups for bitsets and for large lists, binary search for small ones. */
export function prober(s: DocSet, space: BitSpace): (ord: number) => boolean {
  if (s.kind === "bits") return (o) => hasBit(s.bits, o);
  if (s.ords.length > 64) {
    const bits = toBits(s, space);
    return (o) => hasBit(bits, o);
  }
  return (o) => listHas(s.ords, o);
}

export function union(sets: DocSet[], space: BitSpace): DocSet {
  const words = space.words;
  // the same set twice ('llama':* | 'llama' reads one term's postings twice) counts once
  const live = [...new Set(sets)].filter((s) => sizeOf(s) > 0);
  if (live.length === 0) return EMPTY;
  if (live.length === 1) return live[0]!;
  const total = live.reduce((n, s) => n + sizeOf(s), 0);
  if (total * 32 < words * 4 && live.every((s) => s.kind === "list")) {
    // small: concatenate, sort, drop repeats
    const all = new Int32Array(total);
    let at = 0;
    for (const s of live) {
      all.set((s as { ords: Int32Array }).ords, at);
      at += sizeOf(s);
    }
    all.sort();
    let n = 0;
    for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
    return { kind: "list", ords: all.subarray(0, n) };
  }
  const bits = space.zeroed();
  for (const s of live) {
    if (s.kind === "bits") for (let i = 0; i < Math.min(words, s.bits.length); i++) bits[i]! |= s.bits[i]!;
    else for (let i = 0; i < s.ords.length; i++) bits[s.ords[i]! >>> 5]! |= 1 << (s.ords[i]! & 31);
  }
  return { kind: "bits", bits, size: popcount(bits) };
}

export function intersect(all: DocSet[], space: BitSpace): DocSet {
  const words = space.words;
  const sets = [...new Set(all)];
  if (sets.length === 0) throw new Error("intersect of nothing");
  if (sets.length === 1) return sets[0]!;
  const sorted = [...sets].sort((a, b) => sizeOf(a) - sizeOf(b));
  const first = sorted[0]!;
  if (sizeOf(first) === 0) return EMPTY;
  if (first.kind === "list" || sizeOf(first) * 32 < words) {
    const ords = first.kind === "list" ? first.ords : bitsToList(first.bits, first.size);
    const probes = sorted.slice(1).map((s) => prober(s, space));
    const out = new Int32Array(ords.length);
    let n = 0;
    outer: for (let i = 0; i < ords.length; i++) {
      const o = ords[i]!;
      for (const has of probes) if (!has(o)) continue outer;
      out[n++] = o;
    }
    return { kind: "list", ords: out.subarray(0, n) };
  }
  // every set is large: AND the words
  const bits = space.take();
  bits.set(toBits(first, space));
  for (const s of sorted.slice(1)) {
    const b = toBits(s, space);
    for (let i = 0; i < words; i++) bits[i]! &= b[i]!;
  }
  return { kind: "bits", bits, size: popcount(bits) };
}

/** `a` without `b`. */
export function subtract(a: DocSet, b: DocSet, space: BitSpace): DocSet {
  if (sizeOf(a) === 0 || sizeOf(b) === 0) return a;
  const has = prober(b, space);
  if (a.kind === "list") return { kind: "list", ords: a.ords.filter((o) => !has(o)) };
  const bb = toBits(b, space);
  const bits = space.take();
  for (let i = 0; i < space.words; i++) bits[i] = a.bits[i]! & ~bb[i]!;
  return { kind: "bits", bits, size: popcount(bits) };
}

/** Calls `fn` for each member in ascending order. */
export function forEach(s: DocSet, fn: (ord: number) => void): void {
  if (s.kind === "list") {
    for (let i = 0; i < s.ords.length; i++) fn(s.ords[i]!);
    return;
  }
  for (let w = 0; w < s.bits.length; w++) {
    let v = s.bits[w]!;
    while (v !== 0) {
      const low = v & -v;
      fn((w << 5) + (31 - Math.clz32(low)));
      v ^= low;
    }
  }
}
