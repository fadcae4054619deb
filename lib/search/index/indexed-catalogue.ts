// Catalogue pages and facet counts answered by the in-memory index: it picks the
// ids, PostgreSQL returns their rows (still filtered by visibility, so a stale index
// can never show what a viewer may not see). Returns null for what the index does
// not answer (a list of ids, matches inside names, "owner/name", the facets of a
// phrase, an index still loading, or a fault of the index, which is logged): the
// caller then asks PostgreSQL alone.
import { preparedQuery, Prisma } from "../../db/client";
import type { Actor } from "../../auth/actor";
import { visibleOwnerIds, visibleReposSql } from "../../auth/memberships";
import { OWNER_BY_ROW, REPO_COLUMNS_PLAIN, toRepoRow, type RepoRow, type RepoSqlRow } from "../../repos/find-repo";
import { decodeCursor, encodeCursor, filterTags, prefixQueryText, RECENT_DOWNLOADS_COLUMN, searchQuery, type Cursor, type ListOptions, type RepoPage, type RepoSort } from "../../repos/list-query";
import { type FacetResult, type IndexQuery, fieldTerm } from "./catalogue-index";
import { catalogueIndexStore, changeProbe, type DocRow, type IndexStore, type Probe, type ProbeStart } from "./index-store";
import { parseSearch, type ParsedSearch } from "./search-text";
import { errorFields, log } from "../../observability/log";

// Up to this many changed repos, a listing's probe brings their documents and rows along, and
// the listing applies them itself instead of waiting for a sync (a second round trip).
const PROBE_DOCS_MAX = 50;

// How long a query waits for a first load before PostgreSQL answers it instead
// (small catalogues load in well under this; a large one loads in the background).
const FIRST_LOAD_WAIT_MS = 2_000;

/** The index when it is loaded; `fresh`: brought up to date first (otherwise the caller probes for changes). */
async function readyStore(fresh: boolean): Promise<IndexStore | null> {
  const store = catalogueIndexStore();
  if (!store) return null;
  if (store.state === "idle" || store.state === "failed") {
    const load = store.start();
    await Promise.race([load, new Promise((r) => setTimeout(r, FIRST_LOAD_WAIT_MS).unref())]);
  }
  if (store.state !== "ready" || store.behind) return null;
  if (fresh && !(await store.fresh())) return null;
  return store.state === "ready" ? store : null;
}

/**
 * The index's form of a listing's conditions, or null when it cannot answer them.
 * `confirm`: the index reads the search more loosely than PostgreSQL (a phrase), so
 * its matches must pass this condition too.
 */
async function indexQuery(opts: ListOptions): Promise<{ query: IndexQuery; confirm: Prisma.Sql | null } | null> {
  if (opts.ids || opts.substring) return null;
  // A repo-scoped token sees one private repo, not its owners' all: the index knows owners only, PostgreSQL applies the exact rule.
  if (opts.actor?.tokenRepoId) return null;
  const search = opts.search?.trim().slice(0, 100);
  if (search && search.split("/").length === 2) return null;
  let text: ParsedSearch | null = null;
  if (search && prefixQueryText(search)) {
    text = await parseSearch(search);
    if (!text) return null;
  }
  const confirm = text && !text.exact ? Prisma.sql`r.search @@ ${searchQuery(search!)}` : null;
  // the same conditions as listConditions: every token in the tag list, and the exact task and library
  const f = opts.filters ?? {};
  const terms = filterTags(f).map((t) => fieldTerm("a", t));
  if (f.task) terms.push(fieldTerm("t", f.task));
  if (f.library) terms.push(fieldTerm("l", f.library));
  if (f.baseModel) terms.push(fieldTerm("b", f.baseModel));
  return { query: { viewer: viewerOf(opts.actor ?? null), text: text?.q ?? null, owner: opts.owner, terms, params: opts.params }, confirm };
}

const viewerOf = (actor: Actor | null): IndexQuery["viewer"] => (actor ? { admin: actor.isAdmin, ownerIds: visibleOwnerIds(actor) } : null);

export async function indexedPage(opts: ListOptions): Promise<RepoPage | null> {
  if (opts.type && opts.type !== "model") return null; // the index holds the model catalogue; datasets are few, PostgreSQL answers
  return orPostgres(() => pageFromIndex(opts));
}

/** A fault of the index must not take search down: PostgreSQL can still answer. */
async function orPostgres<T>(run: () => Promise<T | null>): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    if ((e as { code?: string }).code !== undefined) throw e; // the database's (and the network's) errors stand: PostgreSQL would fail too
    log().error(errorFields(e), "catalogue index: search failed, PostgreSQL answers instead");
    return null;
  }
}

async function pageFromIndex(opts: ListOptions): Promise<RepoPage | null> {
  const sort: RepoSort = opts.sort ?? "createdAt";
  const cursor = decodeCursor(opts.cursor, sort);
  if (cursor?.s) return null; // a page of matches inside names
  const iq = await indexQuery(opts);
  if (!iq) return null;
  const store = await readyStore(false);
  if (!store) return null;
  const first = await readPage(store, iq, opts, sort, cursor, null);
  if ("repos" in first) return first;
  // the catalogue changed under this page: unless the first reading applied the changes itself,
  // wait until the index holds them (a sync, unless another listing or one under way brought
  // them), then read again; the index now holds at least what the first reading's snapshot
  // did, which began after this request, so that reading's rows of repos the changes did not
  // name still stand and need no new probe
  if (first.pending && !(await store.fresh(first.pending))) return null;
  return (await readPage(store, iq, opts, sort, cursor, first)) as RepoPage;
}

/**
 * Rows read before the index caught up (by id), and the ids read that the viewer may not see or
 * that failed `confirm`. `pending`: the probe whose changes the reading left to a sync (null when
 * it applied them itself).
 */
type Carried = { rows: Map<string, RepoRow>; absent: Set<string>; pending: Probe | null };

/**
 * One reading of a page. Without `carried`, rows of repos listed lately come from the
 * store's cache, which is current exactly when the probe that goes with the page finds no
 * change; when it finds one, the rows read so far are returned for the next reading.
 * With `carried` (after the index caught up), no probe: only rows not carried are read.
 */
async function readPage(store: IndexStore, iq: { query: IndexQuery; confirm: Prisma.Sql | null }, opts: ListOptions, sort: RepoSort, cursor: Cursor | null, carried: Carried | null): Promise<RepoPage | Carried> {
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 1000);
  let after = cursor ? { key: typeof cursor.v === "number" ? cursor.v : Date.parse(cursor.v), id: cursor.id } : null;
  const probe = !carried;
  // a phrase's matches must all be confirmed by PostgreSQL; without a probe nothing says the cache is current
  const useCache = probe && !iq.confirm;
  const readSoFar: Carried = { rows: new Map(), absent: new Set(), pending: null };
  const repos: RepoRow[] = [];
  let more = false;
  // One round unless matches must be confirmed; then each round asks for more.
  for (let want = limit + 1; ; want = Math.min(want * 4, 4000)) {
    const start = store.probeStart;
    const generation = store.generation;
    const day = store.day;
    const ids = store.index.search(iq.query, sort, want, after);
    const known = new Map<string, RepoRow | null>();
    for (const id of ids) {
      const row = carried ? (carried.rows.get(id) ?? (carried.absent.has(id) ? null : undefined)) : useCache ? store.rows.get(id, day) : undefined;
      if (row !== undefined) known.set(id, row);
    }
    const read = known.size ? ids.filter((id) => !known.has(id)) : ids;
    const result = read.length || probe ? await readRows(start, read, opts, iq.confirm) : null;
    const byId = new Map(result?.rows.map((r) => [r.id, r]));
    for (const id of read) {
      const row = byId.get(id);
      if (row) readSoFar.rows.set(id, row);
      else readSoFar.absent.add(id);
    }
    if (probe && !store.accept(result!.probe) && result!.docs && store.applyProbed(result!.probe, result!.docs, generation)) {
      // the index now stands at this reading's snapshot: every row read with it stands, and the
      // changed repos' rows came along (those missing the viewer may not see, or failed `confirm`)
      for (const id of result!.probe.changed) {
        const row = byId.get(id);
        if (row) readSoFar.rows.set(id, row);
        else readSoFar.absent.add(id);
      }
      if (result!.probe.day === day) for (const [id, row] of known) if (row && !result!.probe.changed.includes(id)) readSoFar.rows.set(id, row);
      return readSoFar;
    }
    if (probe && (result!.probe.changed.length > 0 || (known.size > 0 && result!.probe.day !== day))) {
      readSoFar.pending = result!.probe;
      // cached rows stand too unless the change log names them (or their day's downloads ended)
      if (result!.probe.day === day) for (const [id, row] of known) if (row) readSoFar.rows.set(id, row);
      for (const id of result!.probe.changed) {
        readSoFar.rows.delete(id);
        readSoFar.absent.delete(id);
      }
      return readSoFar;
    }
    if (probe) store.keepRows(result!.rows, result!.probe.day, generation);
    for (const id of ids) {
      const row = byId.get(id) ?? known.get(id);
      if (!row) continue;
      if (repos.length === limit) {
        more = true;
        break;
      }
      repos.push(row);
    }
    const lastId = ids[ids.length - 1];
    const key = lastId === undefined ? undefined : store.index.keyOf(lastId, sort);
    if (more || ids.length < want || !iq.confirm || key === undefined) {
      more ||= !iq.confirm && ids.length === want;
      break;
    }
    after = { key, id: lastId! };
  }
  const last = repos[repos.length - 1];
  return { repos, nextCursor: more && last ? encodeCursor(last, sort) : null };
}

type ProbedRow = RepoSqlRow & { listed: boolean; lexemes: string | null };

/**
 * The change log since `start` and, in the same snapshot, the rows of `ids` that the viewer may
 * see (and that pass `confirm`). When it names up to PROBE_DOCS_MAX repos, their rows come along
 * whoever may see them, with their words: the index documents of the changes (`docs`, else null),
 * so that the listing can apply them itself. One scan of "Repo" for both: a subquery for the
 * documents cost a fifth more on every page, changed or not.
 * Prepared, and without the ORM's mapping: this statement goes with every page the index answers.
 */
async function readRows(start: ProbeStart, ids: string[], opts: ListOptions, confirm: Prisma.Sql | null): Promise<{ probe: Probe; rows: RepoRow[]; docs: DocRow[] | null }> {
  const rows = await preparedQuery<(ProbedRow | { [K in keyof ProbedRow]: null }) & Probe>(Prisma.sql`
    SELECT p.*, c.xmin, c.day, c.changed, c.xids FROM (${changeProbe(start)}) c LEFT JOIN LATERAL (
      SELECT ${REPO_COLUMNS_PLAIN}${RECENT_DOWNLOADS_COLUMN}, ${visibleReposSql(opts.actor ?? null)}${confirm ? Prisma.sql` AND ${confirm}` : Prisma.empty} AS listed,
        CASE WHEN r.id = ANY(c.changed) THEN array_to_string(tsvector_to_array(r.search), E'\\x1f') END AS lexemes
      FROM "Repo" r ${OWNER_BY_ROW}
      WHERE r.id = ANY(${ids}::text[] || CASE WHEN cardinality(c.changed) <= ${PROBE_DOCS_MAX} THEN c.changed ELSE '{}'::text[] END)
    ) p ON true`);
  const { xmin, day, changed, xids } = rows[0]!;
  const found = rows.filter((r): r is ProbedRow & Probe => r.id !== null);
  const probe = { xmin, day, changed, xids };
  return {
    probe,
    rows: found.filter((r) => r.listed).map(({ xmin: _, day: __, changed: ___, xids: ____, listed: _____, lexemes: ______, ...r }) => toRepoRow(r)),
    docs: changed.length > 0 && changed.length <= PROBE_DOCS_MAX ? found.filter((r) => r.type === "model" && changed.includes(r.id)).map(docOf) : null,
  };
}

/** A changed model's index document from its row (what the index store's docsOf reads; toDoc keeps only a document's fields). */
const docOf = (r: ProbedRow): DocRow => ({
  ...r,
  hidden: r.hiddenAt !== null,
  createdAt: r.createdAt.getTime(),
  updatedAt: r.updatedAt.getTime(),
  parameters: r.parameters === null ? null : Number(r.parameters),
});

/** Facet counts from the index: the total is exact; counts are exact up to `sampleMax` matches. */
export async function indexedFacets(opts: ListOptions, sampleMax: number): Promise<FacetResult | null> {
  if (opts.type && opts.type !== "model") return null;
  return orPostgres(async () => {
    const iq = await indexQuery(opts);
    if (!iq || iq.confirm) return null; // counts of a loose reading would not be exact
    const store = await readyStore(true);
    return store ? store.index.facets(iq.query, sampleMax) : null;
  });
}
