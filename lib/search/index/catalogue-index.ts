// The catalogue's search index, in memory: every repo's full-text lexemes (read from
// its tsvector, so matches are PostgreSQL's), facet values, visibility and sort keys.
// A query costs about its rarest term plus the page it returns, whatever the size
// of the hub: conjunctions probe from the smallest set, and the top of a large
// match set is read off a kept sort order (lib/search/index/sort-order). PostgreSQL
// stays the source of truth: index-store feeds this from it and pages are read back
// from it.
import { BitSpace, type DocSet, EMPTY, bitsToList, forEach, intersect, popcount32, prober, sizeOf, subtract, union } from "./doc-set";
import { DIRTY_MAX, SortOrder, before } from "./sort-order";
import { TermPostings, type PostingsOptions } from "./term-postings";
import type { TsQuery } from "./tsquery";

// Queries whose matches and facet counts are kept (a bitset of a million documents is 125 KB).
const KEPT_MAX = 32;

export const INDEX_SORTS = ["createdAt", "updatedAt", "downloads", "likes", "trending"] as const;
export type IndexSort = (typeof INDEX_SORTS)[number];

/** A repo as the index holds it (times in ms since the epoch). */
export type IndexDoc = {
  id: string;
  ownerId: string;
  ownerName: string;
  private: boolean;
  hidden: boolean;
  createdAt: number;
  updatedAt: number;
  downloads: number;
  likes: number;
  trending: number;
  parameters: number | null;
  pipelineTag: string | null;
  libraryName: string | null;
  license: string | null;
  languages: string[];
  tags: string[];
  baseModels: string[];
  /** Whether the repo has a full-text document at all (a NULL one matches nothing, not even a negation). */
  hasText: boolean;
  lexemes: string[];
};

/** `n` rounded up to whole 32-bit words of a bitset. */
const roundWords = (n: number) => Math.ceil(n / 32) * 32;

export const FACET_FIELDS = { task: "t", library: "l", license: "c", language: "g", tag: "a", baseModel: "b" } as const;
export type FacetField = keyof typeof FACET_FIELDS;
const FIELD_OF = Object.fromEntries(Object.entries(FACET_FIELDS).map(([k, v]) => [v, k])) as Record<string, FacetField>;

/** The key of a non-lexeme term: a facet value ("t" task, "a" tag, ...), an owner ("o") or a visibility class ("v"). */
export const fieldTerm = (field: string, value: string) => `\u0001${field}\u0001${value}`;
const OPEN = fieldTerm("v", "open"); // public and not hidden: what anyone sees
const PUBLIC = fieldTerm("v", "public"); // public, hidden or not: what admins see
const ALL = fieldTerm("v", "all");
const TEXT = fieldTerm("v", "text");

export type IndexQuery = {
  /** null: anonymous. Otherwise the owner ids whose private repos the viewer sees. */
  viewer: { admin: boolean; ownerIds: string[] } | null;
  text: TsQuery | null;
  owner?: string;
  /** Facet terms (fieldTerm keys) a match must all hold. */
  terms: string[];
  params?: { min?: number; max?: number };
};

function diff(table: TermPostings, ord: number, before: number[], after: number[]): void {
  if (before.length === 0) {
    for (const t of after) table.add(t, ord);
    return;
  }
  const was = new Set(before);
  const now = new Set(after);
  for (const t of before) if (!now.has(t)) table.remove(t, ord);
  for (const t of after) if (!was.has(t)) table.add(t, ord);
}

export type FacetCount = { field: FacetField; value: string; count: number };
/** Facet counts of a query's matches: `total` is exact, the counts are over `sampled` of them (kept for later queries: read only). */
export type FacetResult = { total: number; sampled: number; counts: readonly Readonly<FacetCount>[] };

export class CatalogueIndex {
  // Lexemes, and apart from them the few thousand facet, owner and visibility terms:
  // counting facets then touches a small, dense table.
  private readonly terms: TermPostings;
  private readonly meta: TermPostings;
  private ids: string[] = [];
  private readonly ordOf = new Map<string, number>();
  private readonly ownerByName = new Map<string, string>();
  private readonly ownerNames = new Map<string, string>();
  private ownersVersion = 0;
  private live = new Uint8Array(0);
  private readonly keys = Object.fromEntries(INDEX_SORTS.map((s) => [s, new Float64Array(0)])) as Record<IndexSort, Float64Array>;
  private rank = new Float64Array(0);
  private params = new Float64Array(0);
  // each document's term ids: its facet terms (facetLen), its other meta terms (to metaLen), then its lexemes (to termLen)
  private pool = new Int32Array(1 << 16);
  private poolUsed = 0;
  private poolLive = 0;
  private termStart = new Int32Array(0);
  private termLen = new Uint16Array(0);
  private facetLen = new Uint16Array(0);
  private metaLen = new Uint16Array(0);
  // ids in sorted order and their ranks (spaced, so later ids fit between)
  private ranked: string[] = [];
  private rankedVal: number[] = [];
  private bulk = false;
  private expected = 0;
  private orders = new Map<IndexSort, SortOrder>();
  private scratch = new Int32Array(0);

  /** dirtyMax: how many changed documents a sort order carries aside before folding them in. */
  constructor(private readonly opts: { dirtyMax?: number; postings?: PostingsOptions } = {}) {
    this.terms = new TermPostings(opts.postings);
    this.meta = new TermPostings(opts.postings);
  }

  /**
   * Loads many documents; ranks and sort orders are computed once at the end. `expected`:
   * about how many there will be, so the per-document arrays are sized once (growing them
   * by doubling would hold the old and the new copy at once, near a million documents a few
   * hundred MB).
   */
  bulkLoad(load: (add: (d: IndexDoc) => void) => Promise<void>, expected = 0): Promise<void> {
    this.bulk = true;
    this.expected = expected;
    if (expected > this.live.length) this.growDocs(roundWords(expected + (expected >>> 4)));
    return load((d) => this.upsert(d)).finally(() => this.finishBulk());
  }

  private finishBulk(): void {
    this.bulk = false;
    // the term pool grew in steps: keep what is used and a little room for edits
    if (this.pool.length > this.poolUsed + (this.poolUsed >>> 3) + 1024) this.pool = this.pool.slice(0, this.poolUsed + (this.poolUsed >>> 4) + 1024);
    // the default sort compares UTF-16 code units, as `<` does (rankFor): no wrapper object per id
    this.ranked.sort();
    this.rerank();
    this.terms.sortLexemes();
    this.orders.clear();
  }

  private rerank(): void {
    this.rankedVal = this.ranked.map((_, i) => i * 1024);
    this.ranked.forEach((id, i) => {
      const o = this.ordOf.get(id);
      if (o !== undefined) this.rank[o] = i * 1024;
    });
  }

  /** Position of an id among all ids ever indexed (found or not): the rank it has or would have. */
  private rankFor(id: string): { at: number; found: boolean; value: number } {
    let lo = 0;
    let hi = this.ranked.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ranked[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    if (this.ranked[lo] === id) return { at: lo, found: true, value: this.rankedVal[lo]! };
    const below = lo > 0 ? this.rankedVal[lo - 1]! : -1024;
    const above = lo < this.ranked.length ? this.rankedVal[lo]! : (this.rankedVal[this.ranked.length - 1] ?? 0) + 1024 * 2;
    return { at: lo, found: false, value: (below + above) / 2 };
  }

  private allocate(id: string): number {
    const ord = this.ids.length;
    this.ids.push(id);
    this.ordOf.set(id, ord);
    // a quarter more each time: a little more copying, far less room held empty at a million documents
    if (ord >= this.live.length) this.growDocs(Math.max(1024, roundWords(ord + (ord >>> 2))));
    if (this.bulk) {
      this.ranked.push(id);
      return ord;
    }
    const r = this.rankFor(id);
    if (r.found) this.rank[ord] = r.value;
    else {
      this.ranked.splice(r.at, 0, id);
      this.rankedVal.splice(r.at, 0, r.value);
      this.rank[ord] = r.value;
      const below = r.at > 0 ? this.rankedVal[r.at - 1]! : -Infinity;
      const above = r.at + 1 < this.rankedVal.length ? this.rankedVal[r.at + 1]! : Infinity;
      if (!(r.value > below && r.value < above)) this.rerank(); // no room left between neighbours
    }
    return ord;
  }

  private growDocs(size: number): void {
    const g = <T extends Float64Array | Uint8Array | Uint16Array | Int32Array>(a: T, ctor: new (n: number) => T): T => {
      const out = new ctor(size);
      out.set(a);
      return out;
    };
    this.live = g(this.live, Uint8Array);
    for (const s of INDEX_SORTS) this.keys[s] = g(this.keys[s], Float64Array);
    this.rank = g(this.rank, Float64Array);
    this.params = g(this.params, Float64Array);
    this.termStart = g(this.termStart, Int32Array);
    this.termLen = g(this.termLen, Uint16Array);
    this.facetLen = g(this.facetLen, Uint16Array);
    this.metaLen = g(this.metaLen, Uint16Array);
    this.terms.setCapacity(size >>> 5);
    this.meta.setCapacity(size >>> 5);
    // the sort orders hold the old arrays: rebuild on next use
    this.orders.clear();
  }

  private get words(): number {
    return this.live.length >>> 5;
  }

  // Matches and facet counts of recent queries, kept while no posting and no owner's name
  // changes: a download or a new trending score moves only sort keys, so popular searches
  // skip their set work, and their counts (which no sort key enters) their sampling.
  private matched = new Map<string, DocSet>();
  private counted = new Map<string, FacetResult>();
  private keptAt = "";

  /** What was kept for `key`, or what `make` makes (kept in turn); the least recent go past KEPT_MAX. */
  private recall<T>(kept: Map<string, T>, key: string, make: () => T): T {
    const at = `${this.terms.version}/${this.meta.version}/${this.ownersVersion}/${this.words}`;
    if (at !== this.keptAt) {
      this.matched.clear();
      this.counted.clear();
      this.keptAt = at;
    }
    let value = kept.get(key);
    if (value !== undefined) kept.delete(key);
    else value = make();
    kept.set(key, value);
    if (kept.size > KEPT_MAX) kept.delete(kept.keys().next().value!);
    return value;
  }

  // the members of kept matches as a list, made once for all the searches that rank them
  private lists = new WeakMap<DocSet, Int32Array>();

  private listOf(m: DocSet & { kind: "bits" }): Int32Array {
    let ords = this.lists.get(m);
    if (!ords) this.lists.set(m, (ords = bitsToList(m.bits, m.size)));
    return ords;
  }

  private static keyOf(q: IndexQuery): string {
    return JSON.stringify([q.viewer && [q.viewer.admin, [...q.viewer.ownerIds].sort()], q.text, q.owner, [...q.terms].sort()]);
  }

  private spaceOf: BitSpace | null = null;
  // memo of one query's set operations by their operands (a search's prefix and English readings often name the same sets)
  private memo = new Map<string, DocSet>();
  private setIds = new WeakMap<DocSet, number>();
  private nextSetId = 0;

  private get space(): BitSpace {
    if (this.spaceOf?.words !== this.words) this.spaceOf = new BitSpace(this.words);
    return this.spaceOf;
  }

  /** Runs one query's set work, then lends its bitsets to the next. */
  private query<T>(fn: () => T): T {
    try {
      return fn();
    } finally {
      this.space.release();
      this.memo.clear();
    }
  }

  private memoized(op: string, sets: DocSet[], run: () => DocSet): DocSet {
    const key = op + sets.map((x) => {
      let id = this.setIds.get(x);
      if (id === undefined) this.setIds.set(x, (id = this.nextSetId++));
      return id;
    }).join(",");
    let out = this.memo.get(key);
    if (!out) this.memo.set(key, (out = run()));
    return out;
  }

  private docTerms(d: IndexDoc): { facets: number[]; meta: number[]; lexemes: number[] } {
    const m = this.meta;
    const facets = new Set<number>();
    if (d.pipelineTag) facets.add(m.intern(fieldTerm("t", d.pipelineTag)));
    if (d.libraryName) facets.add(m.intern(fieldTerm("l", d.libraryName)));
    if (d.license) facets.add(m.intern(fieldTerm("c", d.license)));
    for (const v of d.languages) facets.add(m.intern(fieldTerm("g", v)));
    for (const v of d.tags) facets.add(m.intern(fieldTerm("a", v)));
    for (const v of d.baseModels) facets.add(m.intern(fieldTerm("b", v)));
    const meta = new Set<number>([m.intern(ALL), m.intern(fieldTerm("o", d.ownerId))]);
    if (!d.private) meta.add(m.intern(PUBLIC));
    if (!d.private && !d.hidden) meta.add(m.intern(OPEN));
    const lexemes = new Set<number>();
    if (d.hasText) {
      meta.add(m.intern(TEXT));
      for (const l of d.lexemes) lexemes.add(this.terms.intern(l));
    }
    return { facets: [...facets], meta: [...meta], lexemes: [...lexemes] };
  }

  upsert(d: IndexDoc): void {
    let ord = this.ordOf.get(d.id);
    const isNew = ord === undefined || !this.live[ord];
    ord ??= this.allocate(d.id);
    const { facets, meta, lexemes } = this.docTerms(d);
    const nextMeta = [...facets, ...meta];
    const start = this.termStart[ord]!;
    const split = start + this.metaLen[ord]!;
    const oldMeta = isNew ? [] : Array.from(this.pool.subarray(start, split));
    const oldLexemes = isNew ? [] : Array.from(this.pool.subarray(split, start + this.termLen[ord]!));
    diff(this.meta, ord, oldMeta, nextMeta);
    diff(this.terms, ord, oldLexemes, lexemes);
    this.store(ord, nextMeta.concat(lexemes), facets.length, nextMeta.length);
    this.nameOwner(d.ownerId, d.ownerName);
    const values: Record<IndexSort, number> = { createdAt: d.createdAt, updatedAt: d.updatedAt, downloads: d.downloads, likes: d.likes, trending: d.trending };
    for (const s of INDEX_SORTS) {
      if (!isNew && this.keys[s][ord] === values[s]) continue;
      this.keys[s][ord] = values[s];
      this.orders.get(s)?.touch(ord);
    }
    if (isNew) for (const s of INDEX_SORTS) this.orders.get(s)?.touch(ord);
    this.params[ord] = d.parameters ?? NaN;
    this.live[ord] = 1;
  }

  /** An owner's current name: a renamed owner is found under the new name only. */
  private nameOwner(ownerId: string, name: string): void {
    const old = this.ownerNames.get(ownerId);
    if (old === name) return;
    if (old !== undefined && this.ownerByName.get(old) === ownerId) this.ownerByName.delete(old);
    this.ownerNames.set(ownerId, name);
    this.ownerByName.set(name, ownerId);
    this.ownersVersion++;
  }

  remove(id: string): void {
    const ord = this.ordOf.get(id);
    if (ord === undefined || !this.live[ord]) return;
    const start = this.termStart[ord]!;
    const split = start + this.metaLen[ord]!;
    for (const t of this.pool.subarray(start, split)) this.meta.remove(t, ord);
    for (const t of this.pool.subarray(split, start + this.termLen[ord]!)) this.terms.remove(t, ord);
    this.poolLive -= this.termLen[ord]!;
    this.termLen[ord] = 0;
    this.metaLen[ord] = 0;
    this.live[ord] = 0;
    for (const o of this.orders.values()) o.touch(ord);
  }

  private store(ord: number, termIds: number[], facets: number, meta: number): void {
    if (!this.live[ord] && this.termLen[ord]) this.termLen[ord] = 0;
    this.poolLive += termIds.length - this.termLen[ord]!;
    if (this.poolUsed + termIds.length > this.pool.length) {
      if (this.poolLive * 2 < this.poolUsed) this.compactPool();
      if (this.poolUsed + termIds.length > this.pool.length) {
        // while loading, sized for all the documents expected at the average so far, once
        const room = this.bulk && this.expected > this.ids.length && this.ids.length >= 1000 ? Math.ceil((this.poolUsed / this.ids.length) * this.expected * 1.05) : 0;
        const bigger = new Int32Array(Math.max(room, this.pool.length + (this.pool.length >>> 1), this.poolUsed + termIds.length));
        bigger.set(this.pool.subarray(0, this.poolUsed));
        this.pool = bigger;
      }
    }
    this.pool.set(termIds, this.poolUsed);
    this.termStart[ord] = this.poolUsed;
    this.termLen[ord] = termIds.length;
    this.facetLen[ord] = facets;
    this.metaLen[ord] = meta;
    this.poolUsed += termIds.length;
  }

  private compactPool(): void {
    const out = new Int32Array(this.pool.length);
    let n = 0;
    for (let o = 0; o < this.ids.length; o++) {
      if (!this.live[o]) continue;
      const s = this.termStart[o]!;
      out.set(this.pool.subarray(s, s + this.termLen[o]!), n);
      this.termStart[o] = n;
      n += this.termLen[o]!;
    }
    this.pool = out;
    this.poolUsed = n;
  }

  private order(sort: IndexSort): SortOrder {
    let o = this.orders.get(sort);
    if (!o) {
      o = new SortOrder({ key: this.keys[sort], rank: this.rank }, this.opts.dirtyMax ?? DIRTY_MAX);
      const all = this.meta.set(this.meta.id(ALL));
      o.build(all.kind === "list" ? all.ords : bitsToList(all.bits, all.size));
      this.orders.set(sort, o);
    }
    o.settle((ord) => this.live[ord] === 1);
    return o;
  }

  /** Builds the sort orders ahead of the first queries. */
  warm(): void {
    for (const s of INDEX_SORTS) this.order(s);
  }

  private textSet(q: TsQuery): DocSet {
    const space = this.space;
    const op = (name: string, sets: DocSet[], run: (sets: DocSet[]) => DocSet) => this.memoized(name, sets, () => run(sets));
    switch (q.t) {
      case "none":
        return EMPTY;
      case "term":
        if (!q.prefix) return this.terms.set(this.terms.id(q.lexeme));
        return op("|", this.terms.withPrefix(q.lexeme).map((id) => this.terms.set(id)), (s) => union(s, space));
      case "or":
        return op("|", [this.textSet(q.a), this.textSet(q.b)], (s) => union(s, space));
      case "not":
        return op("-", [this.meta.set(this.meta.id(TEXT)), this.textSet(q.a)], ([a, b]) => subtract(a!, b!, space));
      case "and":
        if (q.b.t === "not") return op("-", [this.textSet(q.a), this.textSet(q.b.a)], ([a, b]) => subtract(a!, b!, space));
        if (q.a.t === "not") return op("-", [this.textSet(q.b), this.textSet(q.a.a)], ([a, b]) => subtract(a!, b!, space));
        return op("&", [this.textSet(q.a), this.textSet(q.b)], (s) => intersect(s, space));
    }
  }

  /** Everything a query matches (before the parameter-count range), from recent queries' when no posting has changed since. */
  private matches(q: IndexQuery): DocSet {
    return this.recall(this.matched, CatalogueIndex.keyOf(q), () => {
      const m = this.matchesNow(q);
      // the query's bitsets are lent to the next query, and postings change in place: keep a copy
      return m.kind === "bits" ? { kind: "bits", bits: m.bits.slice(), size: m.size } : { kind: "list", ords: m.ords.slice() };
    });
  }

  private matchesNow(q: IndexQuery): DocSet {
    const t = this.meta;
    const space = this.space;
    const sets: DocSet[] = [];
    if (!q.viewer) sets.push(t.set(t.id(OPEN)));
    else {
      const own = q.viewer.ownerIds.map((o) => t.set(t.id(fieldTerm("o", o))));
      sets.push(union([t.set(t.id(q.viewer.admin ? PUBLIC : OPEN)), ...own], space));
    }
    if (q.owner !== undefined) {
      const ownerId = this.ownerByName.get(q.owner);
      sets.push(ownerId === undefined ? EMPTY : t.set(t.id(fieldTerm("o", ownerId))));
    }
    for (const term of q.terms) sets.push(t.set(t.id(term)));
    if (q.text) sets.push(this.textSet(q.text));
    return intersect(sets, space);
  }

  private paramFilter(q: IndexQuery): ((ord: number) => boolean) | null {
    const { min, max } = q.params ?? {};
    if (min === undefined && max === undefined) return null;
    return (o) => {
      const p = this.params[o]!;
      return !Number.isNaN(p) && (min === undefined || p >= min) && (max === undefined || p < max);
    };
  }

  /**
   * Ids of the first `limit` matches in the sort's order (key, then id, both
   * descending), after the cursor's position when one is given.
   */
  search(q: IndexQuery, sort: IndexSort, limit: number, cursor: { key: number; id: string } | null): string[] {
    return this.query(() => this.searchNow(q, sort, limit, cursor));
  }

  private searchNow(q: IndexQuery, sort: IndexSort, limit: number, cursor: { key: number; id: string } | null): string[] {
    let m = this.matches(q);
    const size = sizeOf(m);
    if (size === 0) return [];
    const few = size * size <= 4 * (limit + 1) * this.ids.length;
    if (few && m.kind === "bits") m = { kind: "list", ords: this.listOf(m) };
    const keyed = { key: this.keys[sort], rank: this.rank };
    const after = cursor ? { key: cursor.key, rank: this.cursorRank(cursor.id) } : null;
    const params = this.paramFilter(q);
    let ords: number[];
    // Ranking every match costs its size; reading the sort order until enough matches
    // are found costs about limit x documents / size. Pick the cheaper.
    if (few && m.kind === "list") {
      const top: number[] = [];
      for (let i = 0; i < m.ords.length; i++) {
        const o = m.ords[i]!;
        if (after && !(keyed.key[o]! < after.key || (keyed.key[o] === after.key && keyed.rank[o]! < after.rank))) continue;
        if (params && !params(o)) continue;
        if (top.length === limit && !before(keyed, o, top[limit - 1]!)) continue;
        let at = top.length;
        while (at > 0 && before(keyed, o, top[at - 1]!)) at--;
        top.splice(at, 0, o);
        if (top.length > limit) top.pop();
      }
      ords = top;
    } else {
      const has = prober(m, this.space);
      const live = this.live;
      ords = this.order(sort).walk((o) => live[o] === 1 && has(o) && (!params || params(o)), limit, after);
    }
    return ords.map((o) => this.ids[o]!);
  }

  /** A document's sort key (for continuing a search after it), or undefined when not held. */
  keyOf(id: string, sort: IndexSort): number | undefined {
    const ord = this.ordOf.get(id);
    return ord !== undefined && this.live[ord] ? this.keys[sort][ord] : undefined;
  }

  private cursorRank(id: string): number {
    const ord = this.ordOf.get(id);
    return ord !== undefined ? this.rank[ord]! : this.rankFor(id).value;
  }

  /**
   * Facet counts over the matches: exact up to `sampleMax` matches, otherwise over
   * an even sample of that many. `total` is always exact.
   */
  facets(q: IndexQuery, sampleMax: number): FacetResult {
    const key = JSON.stringify([CatalogueIndex.keyOf(q), q.params ?? null, sampleMax]);
    return this.recall(this.counted, key, () => this.query(() => this.facetsNow(q, sampleMax)));
  }

  private facetsNow(q: IndexQuery, sampleMax: number): FacetResult {
    let m = this.matches(q);
    const params = this.paramFilter(q);
    if (params) {
      const kept: number[] = [];
      forEach(m, (o) => void (params(o) && kept.push(o)));
      m = { kind: "list", ords: Int32Array.from(kept) };
    }
    const total = sizeOf(m);
    if (this.scratch.length < this.meta.count) this.scratch = new Int32Array(this.meta.count * 2);
    const counts = this.scratch;
    const touched: number[] = [];
    let sampled = 0;
    const take = (o: number) => {
      sampled++;
      const s = this.termStart[o]!;
      for (let i = s, end = s + this.facetLen[o]!; i < end; i++) {
        const t = this.pool[i]!;
        if (counts[t] === 0) touched.push(t);
        counts[t]!++;
      }
    };
    // every stride-th match: whole words of the bitset are skipped by their popcount
    const stride = total > sampleMax ? total / sampleMax : 1;
    if (m.kind === "list") for (let x = 0; x < total; x += stride) take(m.ords[Math.floor(x)]!);
    else {
      let next = 0;
      let seen = 0;
      for (let w = 0; w < m.bits.length; w++) {
        let v = m.bits[w]!;
        if (v === 0) continue;
        const pc = popcount32(v);
        if (seen + pc <= next) {
          seen += pc;
          continue;
        }
        while (v !== 0) {
          const low = v & -v;
          if (seen >= next) {
            take((w << 5) + (31 - Math.clz32(low)));
            next += stride;
          }
          seen++;
          v ^= low;
        }
      }
    }
    const out: FacetCount[] = [];
    for (const t of touched) {
      const key = this.meta.strs[t]!;
      out.push({ field: FIELD_OF[key[1]!]!, value: key.slice(3), count: counts[t]! });
      counts[t] = 0;
    }
    return { total, sampled, counts: Object.freeze(out) };
  }
}
