// The in-memory catalogue index against a brute-force reading of the same documents:
// random catalogues, random queries (words, prefixes, negations, facets, viewers,
// parameter ranges, every sort, keyset cursors) and random edits in between, which
// exercise the dirty-document paths of the kept sort orders.
import { describe, expect, it } from "vitest";
import { CatalogueIndex, INDEX_SORTS, fieldTerm, type IndexDoc, type IndexQuery, type IndexSort } from "../../lib/search/index/catalogue-index";
import { parseTsQuery, type TsQuery } from "../../lib/search/index/tsquery";
import { TermPostings, type PostingsOptions } from "../../lib/search/index/term-postings";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const WORDS = ["bert", "berta", "whisper", "small", "llama", "lora", "vision", "classif", "text", "tiny"];
const TAGS = ["lora", "peft", "chat", "vision", "license:mit", "en", "fr"];
const OWNERS = ["u1", "u2", "u3", "u4"];

function randomDoc(r: () => number, id: string): IndexDoc {
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const some = <T,>(xs: T[], p: number) => xs.filter(() => r() < p);
  const ownerId = pick(OWNERS);
  return {
    id,
    ownerId,
    ownerName: `name-${ownerId}`,
    private: r() < 0.1,
    hidden: r() < 0.05,
    createdAt: 1_700_000_000_000 + Math.floor(r() * 50) * 1000,
    updatedAt: 1_700_000_000_000 + Math.floor(r() * 50) * 1000,
    downloads: r() < 0.5 ? 0 : Math.floor(r() * 20),
    likes: Math.floor(r() * 3),
    trending: r() < 0.7 ? 0 : r() * 5,
    parameters: r() < 0.3 ? null : Math.floor(r() * 1000),
    pipelineTag: r() < 0.2 ? null : pick(["text-classification", "text-generation"]),
    libraryName: r() < 0.2 ? null : pick(["peft", "transformers"]),
    license: pick(["mit", "apache-2.0", null]),
    languages: some(["en", "fr"], 0.4),
    tags: some(TAGS, 0.3),
    baseModels: some(["base/a", "base/b"], 0.2),
    hasText: r() < 0.95,
    lexemes: some(WORDS, 0.3).concat(r() < 0.5 ? [`${id}-own`] : []),
  };
}

// What `search @@ query` and the listing's conditions mean, read directly.
function matchesText(d: IndexDoc, q: TsQuery): boolean {
  switch (q.t) {
    case "none":
      return false;
    case "term":
      return d.hasText && d.lexemes.some((l) => (q.prefix ? l.startsWith(q.lexeme) : l === q.lexeme));
    case "and":
      return matchesText(d, q.a) && matchesText(d, q.b);
    case "or":
      return matchesText(d, q.a) || matchesText(d, q.b);
    case "not":
      return d.hasText && !matchesText(d, q.a);
  }
}

function reference(docs: Map<string, IndexDoc>, q: IndexQuery, sort: IndexSort, limit: number, cursor: { key: number; id: string } | null): string[] {
  const termsOf = (d: IndexDoc) =>
    new Set([
      ...(d.pipelineTag ? [fieldTerm("t", d.pipelineTag)] : []),
      ...(d.libraryName ? [fieldTerm("l", d.libraryName)] : []),
      ...d.tags.map((t) => fieldTerm("a", t)),
      ...d.baseModels.map((b) => fieldTerm("b", b)),
    ]);
  return [...docs.values()]
    .filter((d) => {
      const open = !d.private && (q.viewer?.admin || !d.hidden);
      if (!open && !(q.viewer && q.viewer.ownerIds.includes(d.ownerId))) return false;
      if (q.owner !== undefined && d.ownerName !== q.owner) return false;
      const held = termsOf(d);
      if (!q.terms.every((t) => held.has(t))) return false;
      if (q.text && !matchesText(d, q.text)) return false;
      const { min, max } = q.params ?? {};
      if ((min !== undefined || max !== undefined) && (d.parameters === null || (min !== undefined && d.parameters < min) || (max !== undefined && d.parameters >= max))) return false;
      if (cursor && !(d[sort] < cursor.key || (d[sort] === cursor.key && d.id < cursor.id))) return false;
      return true;
    })
    .sort((a, b) => b[sort] - a[sort] || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, limit)
    .map((d) => d.id);
}

const QUERIES: (Omit<IndexQuery, "text"> & { text?: string })[] = [
  { viewer: null, terms: [] },
  { viewer: null, terms: [], text: "'bert':*" },
  { viewer: null, terms: [], text: "'bert'" },
  { viewer: null, terms: [], text: "'whisper':* & 'small':*" },
  { viewer: null, terms: [fieldTerm("a", "lora"), fieldTerm("a", "peft"), fieldTerm("l", "peft")], text: "'llama':*" },
  { viewer: null, terms: [fieldTerm("a", "fr"), fieldTerm("a", "license:mit")] },
  { viewer: null, terms: [fieldTerm("t", "text-classification")] },
  { viewer: null, terms: [], text: "'text' & !'classif'" },
  { viewer: null, terms: [], text: "!'bert'" },
  { viewer: null, terms: [], text: "( 'lora' | 'tiny' ) & 'vision'" },
  { viewer: null, terms: [], text: "'d1':*" },
  { viewer: null, terms: [], params: { min: 100, max: 600 } },
  { viewer: { admin: false, ownerIds: ["u2"] }, terms: [], text: "'bert':* | 'llama'" },
  { viewer: { admin: true, ownerIds: [] }, terms: [fieldTerm("b", "base/a")] },
  { viewer: { admin: false, ownerIds: ["u1", "u3"] }, terms: [], owner: "name-u1" },
  { viewer: null, terms: [], owner: "nobody" },
];

function run(seed: number, count: number, dirtyMax?: number, postings?: PostingsOptions) {
  const r = rng(seed);
  const index = new CatalogueIndex({ dirtyMax, postings });
  const docs = new Map<string, IndexDoc>();
  const ids = Array.from({ length: count }, (_, i) => `d${(i * 7919) % count}`.padEnd(6, "x"));
  return { r, index, docs, ids };
}

/** A run whose index has loaded `count` random documents at once. */
async function loaded(seed: number, count: number) {
  const { r, index, docs, ids } = run(seed, count);
  await index.bulkLoad(async (add) => {
    for (const id of ids) {
      const d = randomDoc(r, id);
      docs.set(id, d);
      add(d);
    }
  });
  return { r, index, docs, ids };
}

function check(index: CatalogueIndex, docs: Map<string, IndexDoc>, r: () => number) {
  for (const spec of QUERIES) {
    const q: IndexQuery = { ...spec, text: spec.text ? parseTsQuery(spec.text)!.q : null };
    for (const sort of INDEX_SORTS) {
      const limit = 1 + Math.floor(r() * 12);
      let cursor: { key: number; id: string } | null = null;
      for (let page = 0; page < 4; page++) {
        const got = index.search(q, sort, limit, cursor);
        expect(got, `${spec.text ?? ""} ${JSON.stringify(spec.terms)} by ${sort}, page ${page}`).toEqual(reference(docs, q, sort, limit, cursor));
        if (got.length < limit) break;
        const last = docs.get(got[got.length - 1]!)!;
        cursor = { key: last[sort], id: last.id };
      }
    }
    const f = index.facets(q, 1_000_000);
    expect(f.total).toBe(reference(docs, q, "createdAt", 1e9, null).length);
  }
}

describe("catalogue index", () => {
  it.each([
    ["changes carried aside", undefined, undefined, 0],
    ["changes folded back into the sort orders", 40, undefined, 0],
    // large lists as bitsets, only three kept at a time (the rest rebuilt on demand, edits applied to those kept), and a load sized for fewer than came
    ["bitsets kept and dropped, a load larger than expected", undefined, { bitsetMin: 20, bitsetsMaxBytes: 3 * 4 * 64 }, 300],
    ["a load smaller than expected", 40, { bitsetMin: 20 }, 5000],
  ])("answers like a brute-force reading, through loads, edits, removals and re-adds (%s)", async (_, dirtyMax, postings, expected) => {
    const { r, index, docs, ids } = run(7, 1500, dirtyMax, postings);
    await index.bulkLoad(async (add) => {
      for (const id of ids.slice(0, 1000)) {
        const d = randomDoc(r, id);
        docs.set(id, d);
        add(d);
      }
    }, expected);
    check(index, docs, r);
    // later arrivals (ranked between loaded ids), edits of sort keys and terms, removals
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 800; i++) {
        const id = ids[Math.floor(r() * ids.length)]!;
        if (r() < 0.15) {
          index.remove(id);
          docs.delete(id);
        } else {
          const d = randomDoc(r, id);
          index.upsert(d);
          docs.set(id, d);
        }
      }
      check(index, docs, r);
    }
  });

  it("counts facets exactly, or over an even sample when asked for fewer", async () => {
    const { index, docs } = await loaded(11, 800);
    const q: IndexQuery = { viewer: null, terms: [], text: null };
    const matches = reference(docs, q, "createdAt", 1e9, null).map((id) => docs.get(id)!);
    const exact = index.facets(q, 1e9);
    expect(exact.sampled).toBe(matches.length);
    const count = (field: string, value: string) => exact.counts.find((c) => c.field === field && c.value === value)?.count ?? 0;
    expect(count("tag", "lora")).toBe(matches.filter((d) => d.tags.includes("lora")).length);
    expect(count("language", "fr")).toBe(matches.filter((d) => d.languages.includes("fr")).length);
    expect(count("task", "text-generation")).toBe(matches.filter((d) => d.pipelineTag === "text-generation").length);
    expect(count("license", "mit")).toBe(matches.filter((d) => d.license === "mit").length);
    const sample = index.facets(q, 100);
    expect(sample.total).toBe(matches.length);
    expect(sample.sampled).toBe(100);
    const sampledTasks = sample.counts.filter((c) => c.field === "task").reduce((n, c) => n + c.count, 0);
    expect(sampledTasks).toBeLessThanOrEqual(100);
    expect(sampledTasks).toBeGreaterThan(50);
  });

  it("keeps a query's facet counts while only sort keys change, and counts again once a tag does", async () => {
    const { index, docs, ids } = await loaded(12, 300);
    const q: IndexQuery = { viewer: null, terms: [], text: null };
    const first = index.facets(q, 1e9);
    const d = docs.get(ids[0]!)!;
    index.upsert({ ...d, downloads: d.downloads + 100, trending: d.trending + 1 }); // a download
    expect(index.facets(q, 1e9)).toBe(first); // the same counts, not counted again
    const open = !d.private && !d.hidden;
    index.upsert({ ...d, tags: [...d.tags, "brand-new-tag"] });
    const after = index.facets(q, 1e9);
    expect(after).not.toBe(first);
    expect(after.counts.find((c) => c.field === "tag" && c.value === "brand-new-tag")?.count ?? 0).toBe(open ? 1 : 0);
  });

  it("finds lexemes by prefix among sorted ones and those added since, merged in once there are many", () => {
    const r = rng(3);
    const t = new TermPostings();
    const all: string[] = [];
    const add = (n: number) => {
      for (let i = 0; i < n; i++) {
        const word = `${String.fromCharCode(97 + Math.floor(r() * 4))}${Math.floor(r() * 1e6).toString(36)}`;
        t.intern(word);
        all.push(word);
      }
    };
    add(3000);
    t.sortLexemes();
    for (const round of [100, 6000, 9000]) {
      add(round); // 6000 and 9000 pass the merge threshold on the next lookup
      for (const prefix of ["a", "b1", "c", "dz", "x"]) {
        const got = t.withPrefix(prefix).map((id) => t.strs[id]!).sort();
        expect(got, `${prefix} after ${round}`).toEqual([...new Set(all.filter((w) => w.startsWith(prefix)))].sort());
      }
    }
  });

  it("reads PostgreSQL's tsquery text: phrases as a superset, weights refused", () => {
    const a = { t: "term", lexeme: "a", prefix: false };
    const b = { t: "term", lexeme: "b", prefix: false };
    expect(parseTsQuery("'a' <-> 'b'")).toEqual({ q: { t: "and", a, b }, exact: false });
    expect(parseTsQuery("'a' <2> 'b' | 'a'")).toEqual({ q: { t: "or", a: { t: "and", a, b }, b: a }, exact: false });
    expect(parseTsQuery("'a':A")).toBeNull();
    expect(parseTsQuery("'a' &")).toBeNull();
    expect(parseTsQuery("")).toEqual({ q: { t: "none" }, exact: true });
    expect(parseTsQuery("'it''s':* & !( 'a' | 'b' )")).toEqual({
      q: { t: "and", a: { t: "term", lexeme: "it's", prefix: true }, b: { t: "not", a: { t: "or", a, b } } },
      exact: true,
    });
  });
});
