// Feeds the in-memory catalogue index from PostgreSQL and keeps it current. The
// load reads every repo in id order; afterwards the index reads which repos changed
// (the CatalogueChange log, written by triggers on "Repo") since the oldest
// transaction that was still open at its previous read. Reading from that horizon
// (the snapshot's xmin) cannot miss a write that commits late, so a query sees
// what was committed before it began, in any process. A listing checks the log in
// the same statement that reads its rows (changeProbe/accept): when nothing changed,
// that costs no extra round trip; when a few repos did, that statement brought their
// documents too and the listing applies them (applyProbed), else a sync does; then
// the listing runs again.
import { db, plainQuery, preparedQuery, Prisma } from "../../db/client";
import { env } from "../../env";
import { OWNER_BY_ROW, type RepoRow } from "../../repos/find-repo";
import { CatalogueIndex, type IndexDoc } from "./catalogue-index";
import { RowCache } from "./row-cache";
import { errorFields, log } from "../../observability/log";

const LOAD_BATCH = 5_000;
const FETCH_BATCH = 5_000;
// The change log keeps an hour; a process that has not synced for half that reloads.
const RELOAD_AFTER_MS = 30 * 60_000;
const PRUNE_EVERY_MS = 5 * 60_000;
// Past this many changed repos (a trending refresh, a bulk import), a sync applies
// them in the background and searches use PostgreSQL until it is done, rather than
// every waiting search stalling for seconds.
const CATCH_UP_ABOVE = 2_000;
// Applied transactions remembered past the horizon (one open for long leaves many behind it).
const MAX_APPLIED = 1_000;
// Memory for rows of listed repos, kept for the next pages that show them (a landing page, popular searches).
const ROW_CACHE_BYTES = 64 << 20;

// A load leaves garbage in the old generation (rows, growing lists) that V8 would keep committed
// until later pressure: a million models' hub held 840 MB of heap for 355 MB of live objects.
// Where the process allows it (npm start passes --expose-gc), it is collected every so many rows
// while loading, the first time before any row (clearing what the start-up left). Not once more
// after the load: a heap compacted to its live size may then run full collections more often
// under load (not proven either way in bench/search; ARCHITECTURE.md).
const GC_EVERY = 100_000;
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

export type IndexState = "idle" | "loading" | "ready" | "failed";

// A row as the load reads it: the document, with the lexemes in one string. Times come as
// milliseconds since the epoch (any driver reads a float8 alike; a timestamp without time
// zone would be read in the process's time zone by node-postgres).
export type DocRow = Omit<IndexDoc, "hasText" | "lexemes"> & { lexemes: string | null };

const DOC_COLUMNS = Prisma.sql`r.id, r."ownerId", u.username AS "ownerName", r.private, r."hiddenAt" IS NOT NULL AS hidden,
  round(extract(epoch FROM r."createdAt") * 1000)::float8 AS "createdAt", round(extract(epoch FROM r."updatedAt") * 1000)::float8 AS "updatedAt",
  r.downloads, r.likes, r.trending, r.parameters::float8 AS parameters, r."pipelineTag", r."libraryName", r.license, r.languages, r.tags, r."baseModels",
  array_to_string(tsvector_to_array(r.search), E'\\x1f') AS lexemes`;

/** The documents of the models that `ids` (an SQL text[]) names; repos deleted or no longer models have none. */
export const docsOf = (ids: Prisma.Sql) => Prisma.sql`SELECT ${DOC_COLUMNS} FROM "Repo" r ${OWNER_BY_ROW} WHERE r.id = ANY(${ids}) AND r.type = 'model'`;

/** Where a probe reads from: a horizon, and the transactions at or past it whose changes the index already holds. */
export type ProbeStart = { horizon: string; applied: string[] };

/** The change log's entries since `from` that the index does not hold yet. */
const unappliedSince = (from: ProbeStart) =>
  Prisma.sql`"CatalogueChange" WHERE xid >= ${from.horizon}::xid8${from.applied.length ? Prisma.sql` AND xid <> ALL(${from.applied}::xid8[])` : Prisma.empty}`;

/**
 * A statement (xmin, day, changed, xids) saying which repos changed since `from`, and
 * in which transactions, to read inside the caller's statement. A function of this
 * module, not a method: the app's bundle and the server each have their own copy of
 * Prisma, and a fragment must come from the copy that runs the query.
 */
export function changeProbe(from: ProbeStart): Prisma.Sql {
  return Prisma.sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, (now() AT TIME ZONE 'UTC')::date::text AS day, l.changed, l.xids
    FROM (SELECT COALESCE(array_agg(DISTINCT "repoId"), '{}') AS changed, COALESCE(array_agg(DISTINCT xid::text), '{}') AS xids FROM ${unappliedSince(from)}) l`;
}

/**
 * What a probe reads: the snapshot's horizon, the UTC day of its 30-day downloads, the repos
 * changed since the start asked for, and the transactions that changed them (all committed:
 * a snapshot sees no other, and a transaction's entries become visible all at once).
 */
export type Probe = { xmin: string; day: string; changed: string[]; xids: string[] };

function toDoc(r: DocRow): IndexDoc {
  return {
    id: r.id,
    ownerId: r.ownerId,
    ownerName: r.ownerName,
    private: r.private,
    hidden: r.hidden,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    downloads: r.downloads,
    likes: r.likes,
    trending: r.trending,
    parameters: r.parameters,
    pipelineTag: r.pipelineTag,
    libraryName: r.libraryName,
    license: r.license,
    languages: r.languages,
    tags: r.tags,
    baseModels: r.baseModels,
    hasText: r.lexemes !== null,
    lexemes: r.lexemes ? r.lexemes.split("\u001f") : [],
  };
}

export class IndexStore {
  index = new CatalogueIndex();
  state: IndexState = "idle";
  private loading: Promise<void> | null = null;
  private horizon = "0";
  /**
   * Transactions at or past the horizon whose changes are applied. The horizon is the oldest
   * transaction still open at the last read, so while one stays open (a write in progress, a
   * job), the log past it keeps listing changes already applied; without this every probe
   * meanwhile would find "a change" and make its listing catch up again.
   */
  private applied = new Set<string>();
  /** How listings' probes found the index: current, or behind a change (which a sync then applied). */
  readonly probes = { current: 0, changed: 0 };
  private syncedAt = 0;
  private prunedAt = 0;
  private syncing: Promise<void> | null = null;
  private syncStartedAt = 0;
  private catchingUp: Promise<void> | null = null;
  /** Rows of recently listed repos, current while the change log names none of them. */
  readonly rows = new RowCache(ROW_CACHE_BYTES);
  private gen = 0;
  private today = "";
  /** How long the last full load took, from the first read to answering (ms); null before one finished. */
  loadMs: number | null = null;

  /** Starts loading (once); resolves when the index is ready or the load failed. */
  start(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    this.state = "loading";
    const began = performance.now();
    try {
      const next = new CatalogueIndex();
      const [{ xmin }] = (await db().$queryRaw<{ xmin: string }[]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`) as [{ xmin: string }];
      // sized once from the row count (a guess: rows may come and go meanwhile)
      const [{ n }] = (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Repo" WHERE type = 'model'`) as [{ n: number }];
      await next.bulkLoad(async (add) => {
        let after = "";
        for (let read = 0; ; read += LOAD_BATCH) {
          if (read % GC_EVERY === 0) collectGarbage();
          // node-postgres directly, in small batches: the ORM's copies of a million rows made the
          // load's peak memory a few hundred MB above what the index keeps (bench/search)
          const rows = await plainQuery<DocRow>(Prisma.sql`
            SELECT ${DOC_COLUMNS} FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
            WHERE r.id > ${after} AND r.type = 'model' ORDER BY r.id LIMIT ${LOAD_BATCH}`);
          for (const r of rows) add(toDoc(r));
          if (rows.length < LOAD_BATCH) return;
          after = rows[rows.length - 1]!.id;
        }
      }, n);
      this.index = next;
      this.rows.clear();
      this.gen++;
      this.horizon = xmin;
      this.applied.clear();
      this.syncedAt = Date.now();
      await this.sync(true); // what changed while loading
      this.index.warm();
      this.state = "ready";
      this.loadMs = performance.now() - began;
    } catch (e) {
      this.state = "failed";
      log().error(errorFields(e), "catalogue index: load failed, searches use PostgreSQL");
    } finally {
      this.loading = null;
    }
  }

  /**
   * Waits for a sync that began after this call, so the index holds every write
   * committed before it; given a listing's probe, only until the index holds the changes
   * that probe found (another listing or a sync under way may have brought them). False when the
   * index cannot answer now (a large batch of changes is being applied, or a reload
   * runs): ask PostgreSQL.
   */
  async fresh(seen?: Probe): Promise<boolean> {
    const asked = performance.now();
    for (;;) {
      if (this.catchingUp || this.state !== "ready") return false;
      if (seen && this.holds(seen)) return true;
      if (this.syncing) {
        const began = this.syncStartedAt;
        await this.syncing;
        if (began >= asked) return !this.catchingUp && this.state === "ready";
        continue;
      }
      this.syncStartedAt = performance.now();
      this.syncing = this.sync(false).finally(() => (this.syncing = null));
    }
  }

  /** Whether a large batch of changes is being applied (searches go to PostgreSQL meanwhile). */
  get behind(): boolean {
    return this.catchingUp !== null;
  }

  /**
   * Counts what may have made rows read before it stale: a row read alongside an
   * accepted probe may be cached only if this is unchanged since the read began.
   */
  get generation(): number {
    return this.gen;
  }

  /**
   * Caches rows read alongside an accepted probe, on that probe's `day`, unless changes
   * were applied since `generation` (taken before the read): the rows may predate them,
   * and the change log will not name those repos again.
   */
  keepRows(rows: RepoRow[], day: string, generation: number): void {
    if (generation !== this.gen) return;
    for (const row of rows) this.rows.put(row, day);
  }

  /** The UTC day (PostgreSQL's clock) of the latest probe: cached rows hold that day's 30-day downloads. */
  get day(): string {
    return this.today;
  }

  /** Probes of concurrent listings may come back out of order: the day only moves forward. */
  private see(day: string): void {
    if (day > this.today) this.today = day;
  }

  /**
   * Applies the documents that a listing's probe read in its own statement (the changes it
   * found, at its snapshot), so that the listing needs no sync of its own. Only when nothing
   * was applied since `generation` (read with the probe's start) and no sync is under way:
   * documents of an older snapshot must never land over those of a newer one, and a sync in
   * flight may hold either. False: the caller runs fresh().
   */
  applyProbed(probe: Probe, docs: DocRow[], generation: number): boolean {
    if (generation !== this.gen || this.syncing || this.catchingUp || this.state !== "ready" || probe.changed.includes("*")) return false;
    this.upsertOrRemove(probe.changed, docs);
    void this.advanceAfterApply(probe).catch(() => {}); // the horizon moves now; only a due pruning waits
    return true;
  }

  /** Resolves once no batch of changes is being applied (for tests and benches). */
  async settled(): Promise<void> {
    while (this.catchingUp) await this.catchingUp;
  }

  /**
   * How far behind PostgreSQL the index is: seconds since the oldest change it has not
   * applied was written (0 when current). Null while no loaded index answers searches.
   */
  async lagSeconds(): Promise<number | null> {
    if (this.state !== "ready") return null;
    const [row] = await plainQuery<{ lag: number | null }>(
      Prisma.sql`SELECT EXTRACT(EPOCH FROM now() - min(at))::float8 AS lag FROM ${unappliedSince(this.probeStart)}`,
    );
    return Math.max(0, row?.lag ?? 0);
  }

  /** Where a probe starts from; hand the probe's result back to accept(). */
  get probeStart(): ProbeStart {
    return { horizon: this.horizon, applied: [...this.applied] };
  }

  /**
   * Whether a result read alongside a probe stands: true when nothing had changed,
   * so the index was current at that statement's snapshot (the horizon moves up to it).
   * False when something had: run fresh() and read again.
   */
  accept(probe: Probe): boolean {
    this.see(probe.day);
    if (probe.changed.length > 0) {
      this.probes.changed++;
      return false;
    }
    this.probes.current++;
    this.advance(probe.xmin);
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) void this.prune().catch(() => {});
    return true;
  }

  // Only forward: a reading from an older snapshot may arrive after a newer one.
  private advance(xmin: string): void {
    if (BigInt(xmin) > BigInt(this.horizon)) {
      this.horizon = xmin;
      const h = BigInt(xmin);
      for (const x of this.applied) if (BigInt(x) < h) this.applied.delete(x);
    }
    this.syncedAt = Date.now();
  }

  /**
   * Whether every change `probe` found is in the index: its transaction was applied, or is
   * older than the horizon (the xmin of a snapshot the index stood at, which saw it).
   */
  private holds(probe: Probe): boolean {
    const horizon = BigInt(this.horizon);
    return probe.xids.every((x) => this.applied.has(x) || BigInt(x) < horizon);
  }

  /** `xids`' changes are in the index now. Bounded: forgetting one only makes a probe read its change again. */
  private remember(xids: string[]): void {
    for (const x of xids) this.applied.add(x);
    for (const x of this.applied) {
      if (this.applied.size <= MAX_APPLIED) break;
      this.applied.delete(x);
    }
  }

  private async prune(): Promise<void> {
    this.prunedAt = Date.now();
    await db().$executeRaw`DELETE FROM "CatalogueChange" WHERE at < now() - interval '1 hour'`;
  }

  /**
   * Reads the change log and applies it; a large batch goes to the background unless `inline`.
   * A small batch's documents come in the same statement (one round trip, one snapshot).
   */
  private async sync(inline: boolean): Promise<void> {
    if (Date.now() - this.syncedAt > RELOAD_AFTER_MS) return this.reloadSoon();
    const rows = await preparedQuery<Probe & (DocRow | { id: null })>(Prisma.sql`
      SELECT c.xmin, c.day, c.changed, c.xids, d.* FROM (${changeProbe(this.probeStart)}) c LEFT JOIN LATERAL (
        ${docsOf(Prisma.sql`c.changed`)} AND cardinality(c.changed) <= ${CATCH_UP_ABOVE}
      ) d ON true`);
    const probe = rows[0]!;
    const { day, changed } = probe;
    this.see(day);
    if (changed.includes("*")) return this.reloadSoon(); // the table was truncated
    if (changed.length <= CATCH_UP_ABOVE) return this.applyDocs(probe, rows.filter((r): r is Probe & DocRow => r.id !== null));
    if (inline) return this.apply(probe);
    this.catchingUp = this.apply(probe)
      .catch((e) => log().error(errorFields(e), "catalogue index: catching up failed, retried on the next search"))
      .finally(() => (this.catchingUp = null));
  }

  /** Documents read after the probe's statement: as new as its snapshot, or newer. */
  private async apply(probe: Probe): Promise<void> {
    const { changed } = probe;
    for (let i = 0; i < changed.length; i += FETCH_BATCH) {
      const ids = changed.slice(i, i + FETCH_BATCH);
      this.upsertOrRemove(ids, await plainQuery<DocRow>(docsOf(Prisma.sql`${ids}::text[]`)));
    }
    await this.advanceAfterApply(probe);
  }

  private async applyDocs(probe: Probe, docs: DocRow[]): Promise<void> {
    if (probe.changed.length) this.upsertOrRemove(probe.changed, docs);
    await this.advanceAfterApply(probe);
  }

  /** `ids` changed: those with a document now are upserted, the others (deleted, or no longer models) removed. */
  private upsertOrRemove(ids: string[], docs: DocRow[]): void {
    const found = new Set<string>();
    for (const r of docs) {
      this.index.upsert(toDoc(r));
      found.add(r.id);
    }
    for (const id of ids) if (!found.has(id)) this.index.remove(id);
    // in the same tick as the index changes: a page being read now cannot cache a row from before them
    for (const id of ids) this.rows.delete(id);
    this.gen++;
  }

  private async advanceAfterApply(probe: Probe): Promise<void> {
    this.remember(probe.xids);
    this.advance(probe.xmin);
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) await this.prune();
  }

  /** Rebuilds from scratch in the background; queries use PostgreSQL meanwhile. */
  private reloadSoon(): void {
    this.state = "loading";
    void this.start();
  }
}

const shared = globalThis as unknown as { modelhubCatalogueIndex?: IndexStore };

/**
 * The process's index (one per process: the custom server and the app's bundle
 * share it through globalThis), or null when searches are configured to use
 * PostgreSQL alone (MODELHUB_SEARCH_INDEX=postgres).
 */
export function catalogueIndexStore(): IndexStore | null {
  if (env().MODELHUB_SEARCH_INDEX !== "memory") return null;
  return (shared.modelhubCatalogueIndex ??= new IndexStore());
}
