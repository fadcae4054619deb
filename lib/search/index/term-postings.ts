// The index's dictionary and postings: each term (a card lexeme, or a facet value
// such as a tag, a task or an owner) has the sorted list of documents that hold it.
// Most terms occur once (a model's own name), so a single posting is kept inline;
// bitsets of the large lists are cached and kept current as documents change.
import { type DocSet, EMPTY } from "./doc-set";

const BITSET_MIN = 4096;
// Bitsets of large lists kept for reuse, least recently used out first (each is an eighth
// of a byte per document: 125 KB at a million). Others are rebuilt from their lists on demand.
const BITSETS_MAX_BYTES = 48 << 20;
// Lexemes added since the last sort are scanned on each prefix lookup; past this many
// they are merged into the sorted list (a search pays a linear merge, not a full sort).
const NEW_LEXEMES_MAX = 5_000;

/** `bitsetMin`: lists this long get a bitset; `bitsetsMaxBytes`: how much the kept bitsets may hold (tests make both small). */
export type PostingsOptions = { bitsetMin?: number; bitsetsMaxBytes?: number };

export class TermPostings {
  constructor(private readonly opts: PostingsOptions = {}) {}

  private readonly idOf = new Map<string, number>();
  readonly strs: string[] = [];
  private lens: Int32Array = new Int32Array(1024);
  private single: Int32Array = new Int32Array(1024);
  private lists: (Int32Array | undefined)[] = [];
  private bitsets = new Map<number, Uint32Array>();
  private setObjects = new Map<number, { kind: "bits"; bits: Uint32Array; size: number }>();
  // Lexemes in sorted order for prefix lookups, plus those added since the last sort.
  private sortedLexemes: string[] = [];
  private newLexemes: string[] = [];
  private words = 0;
  /** Moves whenever a posting is added or removed: a set read before is then out of date. */
  version = 0;

  /** Sizes bitsets for documents numbered below words * 32. */
  setCapacity(words: number): void {
    if (words === this.words) return;
    this.words = words;
    this.bitsets.clear();
    this.setObjects.clear();
  }

  id(term: string): number | undefined {
    return this.idOf.get(term);
  }

  intern(term: string): number {
    let id = this.idOf.get(term);
    if (id === undefined) {
      id = this.strs.length;
      this.idOf.set(term, id);
      this.strs.push(term);
      if (id >= this.lens.length) {
        this.lens = grow(this.lens, id * 2);
        this.single = grow(this.single, id * 2);
      }
      if (!term.startsWith("\u0001")) this.newLexemes.push(term);
    }
    return id;
  }

  get count(): number {
    return this.strs.length;
  }

  add(id: number, ord: number): void {
    const len = this.lens[id]!;
    if (len === 0) this.single[id] = ord;
    else if (len === 1) {
      const other = this.single[id]!;
      if (other === ord) return;
      this.lists[id] = other < ord ? Int32Array.of(other, ord, 0, 0) : Int32Array.of(ord, other, 0, 0);
    } else {
      let list = this.lists[id]!;
      // documents mostly arrive in order, so this is usually an append
      const at = lowerBound(list, len, ord);
      if (at < len && list[at] === ord) return;
      // by half again: less room left empty at the end of a load than doubling, and no trimming copy after it
      if (len === list.length) list = this.lists[id] = grow(list, len + (len >>> 1) + 2);
      list.copyWithin(at + 1, at, len);
      list[at] = ord;
    }
    this.lens[id] = len + 1;
    this.version++;
    const bits = this.bitsets.get(id);
    if (bits) bits[ord >>> 5]! |= 1 << (ord & 31);
  }

  remove(id: number, ord: number): void {
    const len = this.lens[id]!;
    if (len === 0) return;
    if (len === 1) {
      if (this.single[id] !== ord) return;
    } else {
      const list = this.lists[id]!;
      const at = lowerBound(list, len, ord);
      if (at === len || list[at] !== ord) return;
      list.copyWithin(at, at + 1, len);
      if (len === 2) {
        this.single[id] = list[0]!;
        this.lists[id] = undefined;
      }
    }
    this.lens[id] = len - 1;
    this.version++;
    const bits = this.bitsets.get(id);
    if (bits) bits[ord >>> 5]! &= ~(1 << (ord & 31));
  }

  /** The documents holding a term: its list, or its bitset when large. */
  set(id: number | undefined): DocSet {
    if (id === undefined) return EMPTY;
    const len = this.lens[id]!;
    if (len === 0) return EMPTY;
    if (len === 1) return { kind: "list", ords: Int32Array.of(this.single[id]!) };
    const list = this.lists[id]!.subarray(0, len);
    if (len < (this.opts.bitsetMin ?? BITSET_MIN) || this.words === 0) return { kind: "list", ords: list };
    let bits = this.bitsets.get(id);
    if (bits) {
      this.bitsets.delete(id); // to the young end of the order
      this.bitsets.set(id, bits);
    } else {
      bits = new Uint32Array(this.words);
      for (let i = 0; i < len; i++) bits[list[i]! >>> 5]! |= 1 << (list[i]! & 31);
      this.bitsets.set(id, bits);
      for (const [old] of this.bitsets) {
        if (this.bitsets.size * this.words * 4 <= (this.opts.bitsetsMaxBytes ?? BITSETS_MAX_BYTES)) break;
        this.bitsets.delete(old);
        this.setObjects.delete(old);
      }
    }
    // one object per term while it is unchanged, so a query naming a term twice can tell
    const cached = this.setObjects.get(id);
    if (cached && cached.bits === bits && cached.size === len) return cached;
    const set = { kind: "bits" as const, bits, size: len };
    this.setObjects.set(id, set);
    return set;
  }

  /** Ids of the lexemes that start with `prefix`. */
  withPrefix(prefix: string): number[] {
    if (this.newLexemes.length > NEW_LEXEMES_MAX) this.sortLexemes();
    const out: number[] = [];
    const sorted = this.sortedLexemes;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) out.push(this.idOf.get(sorted[i]!)!);
    for (const t of this.newLexemes) if (t.startsWith(prefix)) out.push(this.idOf.get(t)!);
    return out;
  }

  /** Folds the lexemes added since into the sorted list: sorts only those, then one linear merge. */
  sortLexemes(): void {
    if (this.newLexemes.length === 0) return;
    const added = this.newLexemes.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const old = this.sortedLexemes;
    const out = new Array<string>(old.length + added.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < old.length && j < added.length) out[n++] = old[i]! <= added[j]! ? old[i++]! : added[j++]!;
    while (i < old.length) out[n++] = old[i++]!;
    while (j < added.length) out[n++] = added[j++]!;
    this.sortedLexemes = out;
    this.newLexemes = [];
  }

}

/** The first position in list[0..len) whose value is not below `ord` (checks the end first: appends are common). */
function lowerBound(list: Int32Array, len: number, ord: number): number {
  if (len === 0 || list[len - 1]! < ord) return len;
  let lo = 0;
  let hi = len - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < ord) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function grow(a: Int32Array, size: number): Int32Array {
  const out = new Int32Array(Math.max(size, 4));
  out.set(a);
  return out;
}
