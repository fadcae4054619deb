// The public catalogue: newest first (or by last update or downloads), keyset-paginated (stable under inserts),
// with a name filter. Private repos appear only to their owner.
import { db, Prisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { REPO_COLUMNS, toRepoRow, type RepoRow, type RepoSqlRow } from "./find-repo";

export type RepoPage = { repos: RepoRow[]; nextCursor: string | null };

export type RepoSort = "createdAt" | "updatedAt" | "downloads";

// Keyset cursor: the sort value and id of the last row of the previous page.
type Cursor = { v: string | number; id: string };

const SORT_COLUMN: Record<RepoSort, Prisma.Sql> = {
  createdAt: Prisma.sql`r."createdAt"`,
  updatedAt: Prisma.sql`r."updatedAt"`,
  downloads: Prisma.sql`r.downloads`,
};

/** The cursor that continues a listing right after `r`. */
export function encodeCursor(r: RepoRow, sort: RepoSort): string {
  const v = sort === "downloads" ? r.downloads : r[sort].toISOString();
  return Buffer.from(JSON.stringify({ v, id: r.id } satisfies Cursor)).toString("base64url");
}

function decodeCursor(c: string | null | undefined, sort: RepoSort): Cursor | null {
  if (!c || c.length > 300) return null;
  try {
    const v = JSON.parse(Buffer.from(c, "base64url").toString()) as Cursor;
    if (typeof v.id !== "string") return null;
    if (sort === "downloads") return Number.isSafeInteger(v.v) ? v : null;
    return typeof v.v === "string" && !Number.isNaN(Date.parse(v.v)) ? v : null;
  } catch {
    return null;
  }
}

export async function listRepos(opts: {
  actor: Actor | null;
  search?: string;
  owner?: string;
  cursor?: string | null;
  limit?: number;
  sort?: RepoSort;
}): Promise<RepoPage> {
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 1000);
  const sort = opts.sort ?? "createdAt";
  const column = SORT_COLUMN[sort];
  const cursor = decodeCursor(opts.cursor, sort);
  const search = opts.search?.trim().slice(0, 100);
  const like = (v: string) => `%${v.replace(/[\\%_]/g, "\\$&")}%`;
  const conditions: Prisma.Sql[] = [opts.actor ? Prisma.sql`(NOT r.private OR r."ownerId" = ${opts.actor.userId})` : Prisma.sql`NOT r.private`];
  if (opts.owner) conditions.push(Prisma.sql`u.username = ${opts.owner}`);
  const terms = search ? search.split("/") : [];
  if (terms.length === 2) {
    // "ns/na" searches the owner and the name; a single word matches either.
    conditions.push(Prisma.sql`u.username ILIKE ${like(terms[0]!)} AND r.name ILIKE ${like(terms[1]!)}`);
  } else if (search) {
    conditions.push(Prisma.sql`(r.name ILIKE ${like(search)} OR u.username ILIKE ${like(search)})`);
  }
  if (cursor) {
    const value = sort === "downloads" ? Number(cursor.v) : new Date(String(cursor.v));
    conditions.push(Prisma.sql`(${column}, r.id) < (${value}, ${cursor.id})`);
  }
  const rows = (
    await db().$queryRaw<RepoSqlRow[]>`
      SELECT ${REPO_COLUMNS} FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY ${column} DESC, r.id DESC
      LIMIT ${limit + 1}`
  ).map(toRepoRow);
  const more = rows.length > limit;
  const repos = rows.slice(0, limit);
  return { repos, nextCursor: more ? encodeCursor(repos[repos.length - 1]!, sort) : null };
}
