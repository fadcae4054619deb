// Catalogue queries as data: options, sorts, keyset cursors and the SQL conditions
// that both PostgreSQL pages (list-repos) and the in-memory index (lib/search/index) read.
import { Prisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { visibleReposSql } from "../auth/memberships";
import type { ParamRange } from "./param-range";
import { REPO_COLUMNS, type RepoRow } from "./find-repo";
import type { RepoType } from "./repo-type";

export type RepoPage = { repos: RepoRow[]; nextCursor: string | null };

export type RepoSort = "createdAt" | "updatedAt" | "downloads" | "likes" | "trending";

/** Facet filters of the catalogue (the card's metadata, indexed by lib/search/card-index). */
export type RepoFilters = { task?: string; library?: string; license?: string; language?: string; tags?: string[]; baseModel?: string };

// Keyset cursor: the sort value and id of the last row of the previous page, and
// whether the search had fallen back to matching inside names (s).
export type Cursor = { v: string | number; id: string; s?: 1 };

export const SORT_COLUMN: Record<RepoSort, Prisma.Sql> = {
  createdAt: Prisma.sql`r."createdAt"`,
  updatedAt: Prisma.sql`r."updatedAt"`,
  downloads: Prisma.sql`r.downloads`,
  likes: Prisma.sql`r.likes`,
  trending: Prisma.sql`r.trending`,
};
const NUMERIC: RepoSort[] = ["downloads", "likes", "trending"];

/** The cursor that continues a listing right after `r`. */
export function encodeCursor(r: RepoRow, sort: RepoSort, substring = false): string {
  const v = sort === "downloads" || sort === "likes" || sort === "trending" ? r[sort] : r[sort].toISOString();
  return Buffer.from(JSON.stringify({ v, id: r.id, ...(substring ? { s: 1 as const } : {}) } satisfies Cursor)).toString("base64url");
}

export function decodeCursor(c: string | null | undefined, sort: RepoSort): Cursor | null {
  if (!c || c.length > 300) return null;
  try {
    const v = JSON.parse(Buffer.from(c, "base64url").toString()) as Cursor;
    if (typeof v.id !== "string") return null;
    if (NUMERIC.includes(sort)) return typeof v.v === "number" && Number.isFinite(v.v) ? v : null;
    return typeof v.v === "string" && !Number.isNaN(Date.parse(v.v)) ? v : null;
  } catch {
    return null;
  }
}

export type ListOptions = {
  actor: Actor | null;
  /** Models (the default) or datasets: each kind is its own catalogue ("any": both, e.g. a user's likes). */
  type?: RepoType | "any";
  search?: string;
  owner?: string;
  cursor?: string | null;
  limit?: number;
  sort?: RepoSort;
  /** Only these repos (e.g. a user's likes), still filtered by visibility. */
  ids?: string[];
  /** Only repos whose default branch holds weights with this many parameters. */
  params?: ParamRange;
  filters?: RepoFilters;
  /** Match the search anywhere in model names (trigram index) instead of by words. */
  substring?: boolean;
  /** Bring each repo's downloads of the last 30 days (the API's `downloads`). */
  recentDownloads?: boolean;
};

const like = (v: string) => `%${v.replace(/[\\%_]/g, "\\$&")}%`;

/**
 * One tsquery for a search box: every word as a prefix over the id, title and tags
 * ("mistr" finds mistral-7b), or the words stemmed over the card text ("classifying"
 * finds "classifies"). One condition keeps the planner's estimate sound, so it picks
 * the popularity index for common words and the GIN index for rare ones.
 */
export function searchQuery(search: string): Prisma.Sql | null {
  const prefixes = prefixQueryText(search);
  if (!prefixes) return null;
  return Prisma.sql`(to_tsquery('simple', ${prefixes}) || websearch_to_tsquery('english', ${search}))`;
}

/** The search box's words that are matched as prefixes: lower-cased runs of letters and digits, at most 8. */
export function prefixWords(search: string): string[] {
  return search.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 8);
}

/** The search box's words as prefixes, in to_tsquery syntax ("mistr:* & 7b:*"), or null when it has none. */
export function prefixQueryText(search: string): string | null {
  const words = prefixWords(search);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/** The tags a filtered model must all carry: its own tags, and the task, library, language and license as the tag list holds them. */
export function filterTags(f: RepoFilters): string[] {
  const tokens = [...(f.tags ?? [])];
  if (f.task) tokens.push(f.task);
  if (f.library) tokens.push(f.library);
  if (f.language) tokens.push(f.language.toLowerCase());
  if (f.license) tokens.push(`license:${f.license.toLowerCase()}`);
  return [...new Set(tokens)];
}

/**
 * The WHERE conditions of a catalogue query (shared by the listing and its facet counts).
 * A search matches the full-text document (id, title, tags, card text); "owner/name"
 * matches partial owner and model names anywhere in them (trigram indexes).
 */
export function listConditions(opts: ListOptions): Prisma.Sql[] {
  const search = opts.search?.trim().slice(0, 100);
  const conditions: Prisma.Sql[] = [visibleReposSql(opts.actor ?? null)];
  if (opts.type !== "any") conditions.push(Prisma.sql`r.type = ${opts.type ?? "model"}`);
  if (opts.owner) conditions.push(Prisma.sql`r."ownerId" = (SELECT id FROM "User" WHERE username = ${opts.owner})`);
  const terms = search ? search.split("/") : [];
  if (terms.length === 2) {
    conditions.push(Prisma.sql`r."ownerId" IN (SELECT id FROM "User" WHERE username ILIKE ${like(terms[0]!)}) AND r.name ILIKE ${like(terms[1]!)}`);
  } else if (search && opts.substring) {
    conditions.push(Prisma.sql`r.name ILIKE ${like(search)}`);
  } else if (search) {
    const q = searchQuery(search);
    if (q) conditions.push(Prisma.sql`r.search @@ ${q}`);
  }
  // Facets are all in the tag list (task, library, languages, license:<id>), so any mix of
  // them is one lookup in one GIN index; the exact column checks then run on its few rows
  // (written so that no other index is tempted, which would AND large bitmaps).
  const f = opts.filters ?? {};
  const tokens = filterTags(f);
  if (tokens.length) conditions.push(Prisma.sql`r.tags @> ${tokens}::text[]`);
  if (f.task) conditions.push(Prisma.sql`r."pipelineTag" IS NOT DISTINCT FROM ${f.task}`);
  if (f.library) conditions.push(Prisma.sql`r."libraryName" IS NOT DISTINCT FROM ${f.library}`);
  if (f.baseModel) conditions.push(Prisma.sql`r."baseModels" @> ARRAY[${f.baseModel}]::text[]`);
  if (opts.ids) conditions.push(opts.ids.length ? Prisma.sql`r.id = ANY(${opts.ids}::text[])` : Prisma.sql`FALSE`);
  if (opts.params?.min !== undefined) conditions.push(Prisma.sql`r.parameters >= ${opts.params.min}`);
  if (opts.params?.max !== undefined) conditions.push(Prisma.sql`r.parameters < ${opts.params.max}`);
  return conditions;
}

/** Each row's downloads of the last 30 days (the API's `downloads`) as "recentDownloads": one round trip per page. */
export const RECENT_DOWNLOADS_COLUMN = Prisma.sql`, (SELECT coalesce(sum(d.count), 0)::int FROM "DownloadDay" d WHERE d."repoId" = r.id AND d.day >= (now() AT TIME ZONE 'UTC')::date - 29) AS "recentDownloads"`;

/** The SQL of one catalogue page (one row more than the limit tells whether a next page exists). */
export function listReposQuery(opts: ListOptions): { sql: Prisma.Sql; limit: number; sort: RepoSort; substring: boolean } {
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 1000);
  const sort = opts.sort ?? "createdAt";
  const column = SORT_COLUMN[sort];
  const cursor = decodeCursor(opts.cursor, sort);
  const substring = !!opts.substring || cursor?.s === 1; // later pages keep the first page's kind of match
  const conditions = listConditions({ ...opts, substring });
  if (cursor) {
    const value = NUMERIC.includes(sort) ? Number(cursor.v) : new Date(String(cursor.v));
    conditions.push(Prisma.sql`(${column}, r.id) < (${value}, ${cursor.id})`);
  }
  // for the API, the last 30 days of downloads come along: one round trip per page
  const recent = opts.recentDownloads ? RECENT_DOWNLOADS_COLUMN : Prisma.empty;
  const sql = Prisma.sql`
    SELECT ${REPO_COLUMNS}${recent}
    FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ${column} DESC, r.id DESC
    LIMIT ${limit + 1}`;
  return { sql, limit, sort, substring };
}

/**
 * When words find nothing, a single search term of three or more characters is
 * looked for inside model names ("stilbert" finds distilbert), by trigram index.
 */
