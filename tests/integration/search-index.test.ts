// The in-memory catalogue index against PostgreSQL on the same catalogue: every page
// (rows, order, cursors) and facet count must be the same, for searches, filters,
// sorts and viewers; and writes, whichever transaction commits them and whenever,
// show in the next search, rows cached by earlier pages included. A database of its own: other files' writes would land
// between the two readings.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";
import type { Actor } from "../../lib/auth/actor";
import type { ListOptions, RepoSort } from "../../lib/repos/list-query";

let lib: {
  db: typeof import("../../lib/db/client");
  list: typeof import("../../lib/repos/list-repos");
  query: typeof import("../../lib/repos/list-query");
  facets: typeof import("../../lib/search/facets");
  indexed: typeof import("../../lib/search/index/indexed-catalogue");
  store: typeof import("../../lib/search/index/index-store");
  manage: typeof import("../../lib/repos/manage-repo");
  models: typeof import("../../lib/hub-api/list-models");
  json: typeof import("../../lib/hub-api/model-json");
};

beforeAll(async () => {
  await useIsolatedDatabase("searchindex");
  lib = {
    db: await import("../../lib/db/client"),
    list: await import("../../lib/repos/list-repos"),
    query: await import("../../lib/repos/list-query"),
    facets: await import("../../lib/search/facets"),
    indexed: await import("../../lib/search/index/indexed-catalogue"),
    store: await import("../../lib/search/index/index-store"),
    manage: await import("../../lib/repos/manage-repo"),
    models: await import("../../lib/hub-api/list-models"),
    json: await import("../../lib/hub-api/model-json"),
  };
  const { seedSyntheticRepos } = await import("../../lib/demo/seed-synthetic");
  await seedSyntheticRepos(3000, { owners: 15 });
  // some private, some hidden by moderation, some with a parameter count
  await lib.db.db().$executeRawUnsafe(`
    UPDATE "Repo" SET private = abs(hashtext(id)) % 13 = 0,
      "hiddenAt" = CASE WHEN abs(hashtext(id)) % 29 = 0 THEN now() END,
      parameters = CASE WHEN abs(hashtext(id)) % 3 = 0 THEN (abs(hashtext(id)) % 5000)::bigint * 1000000 END,
      "weightBytes" = CASE WHEN abs(hashtext(id)) % 3 = 0 THEN (abs(hashtext(id)) % 5000)::bigint * 4000000 END,
      weights = CASE WHEN abs(hashtext(id)) % 3 = 0 THEN jsonb_build_object('source', 'model.safetensors', 'parameters', jsonb_build_object('F32', abs(hashtext(id)) % 5000)) END`);
  await lib.store.catalogueIndexStore()!.start();
}, 180_000);

afterAll(async () => {
  await dropIsolatedDatabase();
});

const actor = (userId: string, username: string, isAdmin = false): Actor => ({ userId, username, email: `${username}@x.invalid`, isAdmin, via: "session", orgs: [] });
const VIEWERS: [string, Actor | null][] = [
  ["anonymous", null],
  ["an owner", actor("synu3", "synthetic-3")],
  ["an admin", actor("synu4", "synthetic-4", true)],
];
const SORTS: RepoSort[] = ["trending", "downloads", "likes", "updatedAt", "createdAt"];
const QUERIES: Partial<ListOptions>[] = [
  {},
  { search: "bert" },
  { search: "whisper small" },
  { search: "mistr" },
  { search: "llama", filters: { tags: ["lora"], library: "peft" } },
  { filters: { language: "fr", license: "mit" } },
  { filters: { task: "text-classification" } },
  { search: "speech recognition" }, // English stems of the card text
  { search: "trained -imdb" }, // a negation
  { search: "the of" }, // stop words only: the prefixes still match
  { search: "whisper-small" }, // a hyphenated word: a phrase in PostgreSQL, confirmed there
  { search: '"whisper small"' }, // a quoted phrase
  { search: '"trained classification"' }, // a phrase no card holds, though every word is common
  { params: { min: 1e9, max: 3e9 } },
  { filters: { baseModel: "openai/whisper-small" } },
  { owner: "synthetic-3", search: "vit" },
];

const opts = (o: Partial<ListOptions>): ListOptions => ({ actor: null, sort: "downloads", ...o });

describe("catalogue index against PostgreSQL", () => {
  it("gives the same pages: rows, order and cursors, for searches, filters, sorts and viewers", async () => {
    let pages = 0;
    for (const query of QUERIES)
      for (const [who, viewer] of VIEWERS)
        for (const sort of SORTS) {
          let cursor: string | null = null;
          for (let page = 0; page < 3; page++) {
            const opts: ListOptions = { ...query, actor: viewer, sort, limit: 7, cursor };
            const fromIndex = await lib.indexed.indexedPage(opts);
            const fromSql = await lib.list.postgresPage({ ...opts, recentDownloads: true });
            const label = `${JSON.stringify(query)} for ${who} by ${sort}, page ${page}`;
            expect(fromIndex, label).not.toBeNull();
            expect(fromIndex!.repos.map((r) => r.id), label).toEqual(fromSql.repos.map((r) => r.id));
            expect(fromIndex!.repos, label).toEqual(fromSql.repos); // whole rows, many of them from the cache by now
            expect(fromIndex!.nextCursor, label).toBe(fromSql.nextCursor);
            pages++;
            if (!fromSql.nextCursor) break;
            cursor = fromSql.nextCursor;
          }
        }
    expect(pages).toBeGreaterThan(400);
  });

  it("counts facets like PostgreSQL, with exact totals where PostgreSQL stops counting", async () => {
    const { listConditions } = lib.query;
    const { Prisma } = lib.db;
    for (const query of QUERIES)
      for (const [who, viewer] of VIEWERS) {
        const opts: ListOptions = { ...query, actor: viewer };
        const label = `${JSON.stringify(query)} for ${who}`;
        const fromIndex = await lib.facets.catalogueFacets(opts);
        const fromSql = await lib.facets.postgresFacets(opts);
        const [{ n }] = (await lib.db.db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Repo" r WHERE ${Prisma.join(listConditions(opts), " AND ")}`) as [{ n: number }];
        expect(fromIndex.total, label).toBe(n);
        expect(fromIndex.totalExact).toBe(true);
        if (fromSql.totalExact) expect(fromIndex.counts, label).toEqual(fromSql.counts);
        else expect(fromIndex.total, label).toBeGreaterThan(fromSql.total);
      }
  });

  it("shows every committed write in the next search, even one whose transaction began before the search", async () => {
    const search = async (opts: Partial<ListOptions>) => (await lib.indexed.indexedPage({ actor: null, limit: 3, ...opts }))!.repos.map((r) => r.id);
    const [first] = (await lib.indexed.indexedPage({ actor: null, limit: 1, sort: "likes", search: "gemma" }))!.repos;
    const target = first!.id;
    const byName = { sort: "likes" as const, search: first!.name, limit: 50 };
    expect(await search(byName)).toContain(target);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      // a transaction writes, a search runs while it is open, then it commits
      await other.query("BEGIN");
      await other.query(`UPDATE "Repo" SET downloads = 2000000000 WHERE id = $1`, [target]);
      expect((await search({ sort: "downloads" }))[0]).not.toBe(target);
      await other.query("COMMIT");
      expect((await search({ sort: "downloads" }))[0]).toBe(target);
    } finally {
      await other.end();
    }
    await lib.manage.setRepoVisibility(target, true);
    expect(await search({ sort: "downloads" })).not.toContain(target);
    expect((await lib.indexed.indexedPage({ actor: actor("x", "x", true), sort: "downloads", limit: 1 }))!.repos.map((r) => r.id)).not.toContain(target);
    await lib.manage.setRepoVisibility(target, false);
    expect((await search({ sort: "downloads" }))[0]).toBe(target);
    await lib.manage.deleteRepo(target);
    expect(await search({ sort: "downloads" })).not.toContain(target);
    expect(await search(byName)).not.toContain(target);
  });

  it("while a transaction stays open, catches up with a change once, not at every listing, and then sees the open one's change", async () => {
    const store = lib.store.catalogueIndexStore()!;
    const byLikes = opts({ sort: "likes", limit: 5 });
    const [top] = (await lib.indexed.indexedPage(byLikes))!.repos;
    const [a, b] = (await lib.indexed.indexedPage(opts({ sort: "createdAt", limit: 2 })))!.repos;
    const open = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await open.connect();
    try {
      // an open transaction with an id (a write in progress) holds the probes' horizon below it
      await open.query("BEGIN");
      await open.query(`UPDATE "Repo" SET likes = $2 WHERE id = $1`, [a!.id, top!.likes + 2]);
      await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = ${top!.likes + 1} WHERE id = '${b!.id}'`);
      const before = { ...store.probes };
      expect((await lib.indexed.indexedPage(byLikes))!.repos[0]!.id).toBe(b!.id);
      expect(store.probes.changed - before.changed).toBe(1);
      for (let i = 0; i < 3; i++) expect((await lib.indexed.indexedPage(byLikes))!.repos[0]!.id).toBe(b!.id);
      expect(store.probes.changed - before.changed).toBe(1); // the applied change is not found again
      expect(store.probes.current - before.current).toBe(3);
      await open.query("COMMIT");
      expect((await lib.indexed.indexedPage(byLikes))!.repos.map((r) => r.id)).toEqual((await lib.list.postgresPage(byLikes)).repos.map((r) => r.id));
      expect((await lib.indexed.indexedPage(byLikes))!.repos[0]!.id).toBe(a!.id);
      expect(store.probes.changed - before.changed).toBe(2);
      expect(await store.lagSeconds()).toBe(0);
    } finally {
      await open.end();
    }
  });

  it("leaves to PostgreSQL what it cannot answer, and the listing still finds it", async () => {
    expect(await lib.indexed.indexedFacets(opts({ search: "whisper-small" }), 100)).toBeNull(); // counts of a phrase
    expect((await lib.facets.catalogueFacets(opts({ search: "whisper-small" }))).total).toBeGreaterThan(0);
    expect(await lib.indexed.indexedPage(opts({ search: "synthetic-3/vit" }))).toBeNull(); // owner/name
    expect(await lib.indexed.indexedPage(opts({ ids: ["a"] }))).toBeNull();
    const phrase = await lib.list.listRepos(opts({ search: '"whisper small"', limit: 5 }));
    expect(phrase.repos.length).toBe(5);
    expect(phrase.repos.every((r) => r.name.startsWith("whisper-small-"))).toBe(true);
    // a fault of the index is logged and PostgreSQL answers
    const index = lib.store.catalogueIndexStore()!.index;
    const search = index.search.bind(index);
    index.search = () => {
      throw new TypeError("a broken index");
    };
    try {
      const page = await lib.list.listRepos(opts({ search: "bert", limit: 3 }));
      expect(page.repos.map((r) => r.id)).toEqual((await lib.list.postgresPage(opts({ search: "bert", limit: 3 }))).repos.map((r) => r.id));
      expect(page.repos.length).toBe(3);
    } finally {
      index.search = search;
    }
    const inside = await lib.list.listRepos(opts({ search: "isper-sma", limit: 5 })); // inside names: trigram fallback
    expect(inside.repos.every((r) => r.name.includes("isper-sma"))).toBe(true);
    expect(inside.repos.length).toBe(5);
  });

  it("serves the rows of listed repos from its cache while the change log names none of them", async () => {
    const store = lib.store.catalogueIndexStore()!;
    const byLikes = opts({ sort: "likes", limit: 4 });
    const [top] = (await lib.indexed.indexedPage(byLikes))!.repos;
    const likesOf = async () => (await lib.indexed.indexedPage(byLikes))!.repos.find((r) => r.id === top!.id)?.likes;
    expect(await likesOf()).toBe(top!.likes);
    // a marked copy in the cache is what the next page shows: the row is not read again
    store.rows.put({ ...top!, likes: -7 }, store.day);
    expect(await likesOf()).toBe(-7);
    // a row cached on another UTC day has another day's 30-day downloads: read again
    store.rows.put({ ...top!, likes: -7 }, "2000-01-01");
    expect(await likesOf()).toBe(top!.likes);
    // a change to the repo, from any connection, evicts it
    store.rows.put({ ...top!, likes: -7 }, store.day);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query(`UPDATE "Repo" SET gated = 'auto' WHERE id = $1`, [top!.id]);
    } finally {
      await other.end();
    }
    const [again] = (await lib.indexed.indexedPage(byLikes))!.repos;
    expect(again).toEqual({ ...top, gated: "auto" });
    // a row read before a change that has been applied since is not kept: nothing would evict it
    const generation = store.generation;
    await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET gated = NULL WHERE id = '${top!.id}'`);
    expect(await store.fresh()).toBe(true);
    store.keepRows([{ ...again!, likes: -7 }], store.day, generation);
    expect(await likesOf()).toBe(top!.likes);
    store.keepRows([{ ...again!, likes: -7 }], store.day, store.generation); // the control: read after it, it is kept
    expect(await likesOf()).toBe(-7);
    store.rows.delete(top!.id);
    // a phrase's matches are confirmed by PostgreSQL, so their rows are read, never taken from the cache
    const [phraseTop] = (await lib.indexed.indexedPage(opts({ search: '"whisper small"', limit: 1 })))!.repos;
    store.rows.put({ ...phraseTop!, likes: -7 }, store.day);
    expect((await lib.indexed.indexedPage(opts({ search: '"whisper small"', limit: 1 })))!.repos[0]!.likes).toBe(phraseTop!.likes);
  });

  it("sends the list items of cached rows as kept bytes: the same JSON as the items, and new after a change", async () => {
    const store = lib.store.catalogueIndexStore()!;
    const same = async (query: string) => {
      const url = new URL(`http://hub.test/api/models?${query}`);
      const sent = await lib.models.listModelsBody(null, url);
      const { items, next } = await lib.models.listModels(null, url);
      expect(sent.body.toString()).toBe(JSON.stringify(items));
      expect(sent.next).toBe(next);
      return items;
    };
    const [top] = await same("sort=likes&limit=5");
    await same("sort=likes&limit=5"); // now from the cache
    await same("sort=likes&limit=5&expand[]=downloads&expand[]=tags"); // projected items are not kept bytes
    // a cached row is frozen and its bytes are made once; a row that could still change is serialized each time
    const row = store.rows.get(String(top!._id), store.day)!;
    expect(Object.isFrozen(row)).toBe(true);
    expect(lib.json.listItemBytes(row, row.recentDownloads ?? 0)).toBe(lib.json.listItemBytes(row, row.recentDownloads ?? 0));
    const loose = { ...row };
    expect(lib.json.listItemBytes(loose, 0)).not.toBe(lib.json.listItemBytes(loose, 0));
    expect(lib.json.listItemBytes(row, 12345).toString()).toContain(`"downloads":12345`);
    // a change from another connection: the row is read again, and so are its bytes
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query(`UPDATE "Repo" SET likes = likes + 1000 WHERE id = $1`, [top!._id]);
    } finally {
      await other.end();
    }
    const [after] = await same("sort=likes&limit=5");
    expect(after).toEqual({ ...top, likes: Number(top!.likes) + 1000 });
  });

  it("after a change under a page, catches up in the page's own statement, or else reads again only the rows the changes name", async () => {
    const store = lib.store.catalogueIndexStore()!;
    const byLikes = opts({ sort: "likes", limit: 10 });
    const page = (await lib.indexed.indexedPage(byLikes))!.repos;
    const offPage = (await lib.list.postgresPage({ ...byLikes, limit: 120 })).repos.slice(30);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    const pool = (globalThis as unknown as { modelhubDb: { pool: { query: (...a: unknown[]) => unknown } } }).modelhubDb.pool;
    const statements = vi.spyOn(pool, "query");
    // the ids a statement reads rows of (its array of repo ids; a probe may also pass the transaction
    // ids it already applied, which are numbers), for every statement but the change log's pruning
    const isRepoIds = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string" && !/^\d+$/.test(x));
    const reads = () =>
      statements.mock.calls
        .map((c) => (typeof c[0] === "string" ? { text: c[0], values: c[1] as unknown[] } : (c[0] as { text: string; values: unknown[] })))
        .filter((q) => !q.text.trimStart().startsWith("DELETE"))
        .map((q) => (q.values ?? []).find(isRepoIds) ?? []);
    const fromPostgres = async () => (await lib.list.postgresPage({ ...byLikes, recentDownloads: true })).repos;
    try {
      for (const r of page) store.rows.delete(r.id); // the page's rows come from the database
      const { rows: [words] } = await other.query(`SELECT search::text FROM "Repo" WHERE id = $1`, [offPage[0]!.id]);
      await other.query(`UPDATE "Repo" SET tags = array_append(tags, 'elsewhere'), search = search || to_tsvector('simple', 'zebrafinch') WHERE id = $1`, [offPage[0]!.id]);
      statements.mockClear();
      expect((await lib.indexed.indexedPage(byLikes))!.repos).toEqual(page);
      // one statement: the page's rows with the probe, which brought the changed document along
      expect(reads()).toHaveLength(1);
      expect(reads()[0]).toEqual(expect.arrayContaining(page.map((r) => r.id)));
      expect((await lib.indexed.indexedPage(opts({ sort: "likes", filters: { tags: ["elsewhere"] } })))!.repos.map((r) => r.id)).toEqual([offPage[0]!.id]);
      expect((await lib.indexed.indexedPage(opts({ sort: "likes", search: "zebrafinch" })))!.repos.map((r) => r.id)).toEqual([offPage[0]!.id]);
      await other.query(`UPDATE "Repo" SET search = $2::tsvector WHERE id = $1`, [offPage[0]!.id, words.search]);

      // a change that moves a repo onto the page, and one to a repo of the page: still one statement
      await other.query(`UPDATE "Repo" SET gated = 'auto' WHERE id = $1`, [page[3]!.id]);
      await other.query(`UPDATE "Repo" SET likes = $2 WHERE id = $1`, [offPage[1]!.id, page[0]!.likes + 1]);
      statements.mockClear();
      const after = (await lib.indexed.indexedPage(byLikes))!.repos;
      expect(reads()).toHaveLength(1);
      expect(after).toEqual(await fromPostgres());
      expect(after[0]!.id).toBe(offPage[1]!.id);
      expect(after[4]).toEqual({ ...page[3], gated: "auto" });

      // past what a probe brings along: the probe, the change log with the changed documents, then
      // only the rows the changes name that the page shows
      for (const r of page) store.rows.delete(r.id);
      await other.query(`UPDATE "Repo" SET tags = array_append(tags, 'many') WHERE id = ANY($1)`, [offPage.slice(2, 62).map((r) => r.id)]);
      await other.query(`UPDATE "Repo" SET gated = NULL WHERE id = $1`, [page[3]!.id]);
      statements.mockClear();
      const third = (await lib.indexed.indexedPage(byLikes))!.repos;
      expect(reads().slice(1)).toEqual([[], [page[3]!.id]]);
      expect(third).toEqual(await fromPostgres());
    } finally {
      statements.mockRestore();
      await other.query(`UPDATE "Repo" SET gated = NULL, tags = array_remove(array_remove(tags, 'elsewhere'), 'many') WHERE id = ANY($1)`, [[...offPage.map((r) => r.id), page[3]!.id]]);
      await other.query(`UPDATE "Repo" SET likes = $2 WHERE id = $1`, [offPage[1]!.id, offPage[1]!.likes]);
      await other.end();
      await store.fresh();
    }
  });

  it("never applies a probe's documents over newer ones, nor while a sync is under way", async () => {
    const store = lib.store.catalogueIndexStore()!;
    const { Prisma, plainQuery } = lib.db;
    const byLikes = opts({ sort: "likes", limit: 1 });
    const [target] = (await lib.indexed.indexedPage(opts({ sort: "createdAt", limit: 1 })))!.repos;
    const most = 2_000_000_000; // more likes than any other repo
    // what a listing's probe reads: the change log and the changed documents, at one snapshot
    const probeNow = async (start: import("../../lib/search/index/index-store").ProbeStart) => {
      const [probe] = await plainQuery<import("../../lib/search/index/index-store").Probe>(lib.store.changeProbe(start));
      const docs = await plainQuery<import("../../lib/search/index/index-store").DocRow>(lib.store.docsOf(Prisma.sql`${probe!.changed}::text[]`));
      return { probe: probe!, docs };
    };
    try {
      const start = store.probeStart;
      const generation = store.generation;
      await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = ${most} WHERE id = '${target!.id}'`);
      const older = await probeNow(start);
      await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = 0 WHERE id = '${target!.id}'`);
      expect((await lib.indexed.indexedPage(byLikes))!.repos[0]!.id).not.toBe(target!.id); // applied: likes 0
      expect(store.applyProbed(older.probe, older.docs, generation)).toBe(false); // older documents stay out
      expect((await lib.indexed.indexedPage(byLikes))!.repos[0]!.id).not.toBe(target!.id);

      await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = ${most} WHERE id = '${target!.id}'`);
      const current = { start: store.probeStart, generation: store.generation };
      const probed = await probeNow(current.start);
      const syncing = store.fresh();
      expect(store.applyProbed(probed.probe, probed.docs, current.generation)).toBe(false); // a sync is under way
      await syncing;
      expect((await lib.indexed.indexedPage(byLikes))!.repos[0]!.id).toBe(target!.id);
    } finally {
      await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = ${target!.likes} WHERE id = '${target!.id}'`);
      await store.fresh();
    }
  });

  it("never keeps a stale row while listings and writes run at once", async () => {
    const byLikes = opts({ sort: "likes", limit: 20 });
    const hot = (await lib.indexed.indexedPage(byLikes))!.repos.map((r) => r.id);
    const writer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await writer.connect();
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 150; i++) await writer.query(`UPDATE "Repo" SET downloads = downloads + 1, tags = array_append(tags, $2) WHERE id = $1`, [hot[i % hot.length], `w${i}`]);
      writing = false;
    })();
    const readers = Array.from({ length: 6 }, async () => {
      while (writing) await lib.indexed.indexedPage(byLikes);
    });
    await Promise.all([writes, ...readers]);
    await writer.end();
    expect((await lib.indexed.indexedPage(byLikes))!.repos).toEqual((await lib.list.postgresPage({ ...byLikes, recentDownloads: true })).repos);
  });

  it("a listing waiting for the changes its probe found needs no sync of its own once another listing or a sync has applied them", async () => {
    const store = lib.store.catalogueIndexStore()!;
    const [target] = (await lib.indexed.indexedPage(opts({ sort: "createdAt", limit: 1 })))!.repos;
    const pool = (globalThis as unknown as { modelhubDb: { pool: { query: (...a: unknown[]) => unknown } } }).modelhubDb.pool;
    try {
      await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = likes + 1 WHERE id = '${target!.id}'`);
      const [probe] = await lib.db.plainQuery<import("../../lib/search/index/index-store").Probe>(lib.store.changeProbe(store.probeStart));
      expect(probe!.changed).toEqual([target!.id]);
      await store.fresh(); // a sync (or another listing that found it) applies it
      const statements = vi.spyOn(pool, "query");
      try {
        expect(await store.fresh(probe)).toBe(true);
        expect(statements).not.toHaveBeenCalled();
        // a change the index does not hold yet: a sync runs
        await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = likes + 1 WHERE id = '${target!.id}'`);
        const [later] = await lib.db.plainQuery<import("../../lib/search/index/index-store").Probe>(lib.store.changeProbe(store.probeStart));
        expect(await store.fresh(later)).toBe(true);
        expect(statements).toHaveBeenCalled();
        expect(store.index.keyOf(target!.id, "likes")).toBe(target!.likes + 2);
      } finally {
        statements.mockRestore();
      }
    } finally {
      await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = ${target!.likes} WHERE id = '${target!.id}'`);
      await store.fresh();
    }
  });

  it("applies a large batch of changes in the background while PostgreSQL answers, then answers again", async () => {
    const store = lib.store.catalogueIndexStore()!;
    await lib.db.db().$executeRawUnsafe(`UPDATE "Repo" SET likes = likes + 1 + abs(hashtext(id)) % 7`); // 3,000 changes at once
    const byLikes = opts({ sort: "likes", limit: 5 });
    expect(await lib.indexed.indexedPage(byLikes)).toBeNull(); // the index is behind: PostgreSQL's turn
    expect((await lib.list.listRepos(byLikes)).repos.map((r) => r.id)).toEqual((await lib.list.postgresPage(byLikes)).repos.map((r) => r.id));
    await store.settled();
    const caughtUp = await lib.indexed.indexedPage(byLikes);
    expect(caughtUp!.repos.map((r) => r.id)).toEqual((await lib.list.postgresPage(byLikes)).repos.map((r) => r.id));
  });

  it("follows an owner's rename, and reloads after the table is truncated", async () => {
    expect((await lib.indexed.indexedPage(opts({ owner: "synthetic-3", limit: 50 })))!.repos.length).toBeGreaterThan(0); // their rows cached
    await lib.db.db().$executeRawUnsafe(`UPDATE "User" SET username = 'renamed-3' WHERE id = 'synu3'`);
    const renamed = await lib.indexed.indexedPage(opts({ owner: "renamed-3", limit: 50 }));
    expect(renamed!.repos.length).toBeGreaterThan(0);
    expect(renamed!.repos.map((r) => r.id)).toEqual((await lib.list.postgresPage(opts({ owner: "renamed-3", limit: 50 }))).repos.map((r) => r.id));
    expect(renamed!.repos.every((r) => r.owner.username === "renamed-3")).toBe(true); // not the rows cached under the old name
    expect((await lib.indexed.indexedPage(opts({ owner: "synthetic-3" })))!.repos).toEqual([]); // nor under the old name

    const store = lib.store.catalogueIndexStore()!;
    // where gc is exposed (npm start), a load collects its garbage as it goes
    const gc = vi.fn();
    Object.assign(globalThis, { gc });
    await lib.db.db().$executeRawUnsafe(`TRUNCATE "Repo" CASCADE`);
    expect(await lib.indexed.indexedPage(opts({}))).toBeNull(); // reloading: PostgreSQL's turn
    await store.start();
    delete (globalThis as { gc?: unknown }).gc;
    expect(gc).toHaveBeenCalledTimes(1); // before the first batch (the table is empty)
    expect(store.state).toBe("ready");
    expect(await lib.indexed.indexedPage(opts({}))).toEqual({ repos: [], nextCursor: null });
  });
});
