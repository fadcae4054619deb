// The index reads a search box of plain words word by word (lib/search/index/search-text.ts):
// for every kind of box, the composition must mean exactly what PostgreSQL's parse of the
// whole box means, stop words, stems, numbers, mixed case and other scripts included.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { TsQuery } from "../../lib/search/index/tsquery";

let text: typeof import("../../lib/search/index/search-text");
let db: typeof import("../../lib/db/client");
let list: typeof import("../../lib/repos/list-query");
let tsquery: typeof import("../../lib/search/index/tsquery");

beforeAll(async () => {
  db = await import("../../lib/db/client");
  text = await import("../../lib/search/index/search-text");
  list = await import("../../lib/repos/list-query");
  tsquery = await import("../../lib/search/index/tsquery");
});

/** A query in a canonical form: chains of the same operator flattened and sorted, so "(a & b) & c" equals "a & (b & c)", and an OR's empty side dropped. */
function canonical(q: TsQuery): string {
  if (q.t === "term") return `${q.lexeme}${q.prefix ? ":*" : ""}`;
  if (q.t === "none") return "∅";
  if (q.t === "not") return `!(${canonical(q.a)})`;
  const parts: string[] = [];
  const collect = (x: TsQuery): void => {
    if (x.t === q.t) {
      collect(x.a);
      collect(x.b);
    } else parts.push(canonical(x));
  };
  collect(q);
  // "x | nothing" matches what x matches (PostgreSQL's `tsq || ''` is tsq): the empty side is dropped
  const kept = q.t === "or" ? parts.filter((p) => p !== "∅") : parts;
  if (kept.length === 0) return "∅";
  return kept.length === 1 ? kept[0]! : `${q.t}(${kept.sort().join(",")})`;
}

/** PostgreSQL's parse of the whole box, as the SQL search path runs it. */
async function wholeParse(search: string) {
  const rows = await db.plainQuery<{ prefixes: string; english: string }>(db.Prisma.sql`
    SELECT to_tsquery('simple', ${list.prefixQueryText(search) ?? ""})::text AS prefixes, websearch_to_tsquery('english', ${search})::text AS english`);
  const a = tsquery.parseTsQuery(rows[0]!.prefixes)!;
  const b = tsquery.parseTsQuery(rows[0]!.english)!;
  return { q: canonical({ t: "or", a: a.q, b: b.q }), exact: a.exact && b.exact };
}

const WORDS = [
  "the", "a", "of", "and", "is", "not", "Bert", "bert", "BERT", "models", "modeling", "running", "ran", "runs",
  "whisper", "small", "7b", "gpt2", "v1", "2024", "x86", "3", "llama", "Llama3", "instruct", "fine", "tuned",
  "café", "Über", "naïve", "日本語", "モデル", "русский", "İstanbul", "ǅemal", "ﬁne", "x²", "①", "Or", "OR", "or", "ok",
  "abc123def", "123abc", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "s", "it's",
];

describe("a search box read word by word", () => {
  it("means what PostgreSQL's parse of the whole box means, for every kind of word", async () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const boxes = [...WORDS, ...WORDS.map((w) => `  ${w}  `)];
    for (let i = 0; i < 400; i++) {
      const n = 1 + rand(10);
      boxes.push(Array.from({ length: n }, () => WORDS[rand(WORDS.length)]).join(rand(3) ? " " : "\t "));
    }
    let compared = 0;
    for (const box of boxes) {
      if (!list.prefixQueryText(box)) continue;
      const mine = await text.parseSearch(box);
      const theirs = await wholeParse(box);
      expect(mine, box).not.toBeNull();
      expect({ q: canonical(mine!.q), exact: mine!.exact }, box).toEqual(theirs);
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
  });

  it("parses new words in one round trip and known words in none", async () => {
    await db.plainQuery(db.Prisma.sql`SELECT 1`); // the pool exists
    const pool = (globalThis as unknown as { modelhubDb: { pool: { query: (...a: unknown[]) => unknown } } }).modelhubDb.pool;
    const queries = vi.spyOn(pool, "query");
    try {
      await text.parseSearch("zebrafish quokka okapi");
      expect(queries).toHaveBeenCalledTimes(1);
      await text.parseSearch("okapi zebrafish");
      await text.parseSearch("Quokka okapi");
      expect(queries).toHaveBeenCalledTimes(2); // "Quokka" is a new word for the English reading
    } finally {
      queries.mockRestore();
    }
  });

  it("keeps a bounded number of words, whatever visitors type", async () => {
    await db.plainQuery(db.Prisma.sql`SELECT 1`);
    const pool = (globalThis as unknown as { modelhubDb: { pool: { query: (...a: unknown[]) => unknown } } }).modelhubDb.pool;
    const queries = vi.spyOn(pool, "query");
    try {
      await text.parseSearch("firstword");
      await text.parseSearch("firstword");
      expect(queries).toHaveBeenCalledTimes(1);
      // 25,000 new words in one box push the first out of the English words kept: it is parsed again
      await text.parseSearch(Array.from({ length: 25_000 }, (_, i) => `junk${i}`).join(" "));
      queries.mockClear();
      await text.parseSearch("firstword");
      expect(queries).toHaveBeenCalledTimes(1);
      // a word too long to keep is parsed with each query, and still read right
      const long = "a".repeat(80);
      await text.parseSearch(long);
      queries.mockClear();
      const mine = await text.parseSearch(`${long} bert`);
      expect(queries).toHaveBeenCalledTimes(1);
      expect({ q: canonical(mine!.q), exact: mine!.exact }).toEqual(await wholeParse(`${long} bert`));
    } finally {
      queries.mockRestore();
    }
  });

  it("leaves boxes that are not plain words to PostgreSQL's parse of the whole box", async () => {
    const odd = ["😀 bert", "cafe\u0301 model", "a\u200db", "\u202ebert", "bert\u0000x".replace("\u0000", ""), "‐dash", "x".repeat(100)];
    for (const box of ['"small whisper"', "whisper -small", "whisper or small", "gpt-2", "a/b c", "it's", "x & y", "(a | b)", "!a", "'; DROP TABLE \"Repo\"; --", ...odd]) {
      const mine = await text.parseSearch(box);
      const theirs = await wholeParse(box);
      expect(mine && { q: canonical(mine.q), exact: mine.exact }, box).toEqual(theirs);
    }
  });
});
