// The public catalogue: newest first, keyset-paginated (stable under inserts),
// with a name filter. Private repos appear only to their owner.
import { db, Prisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { REPO_COLUMNS, toRepoRow, type RepoRow, type RepoSqlRow } from "./find-repo";

export type RepoPage = { repos: RepoRow[]; nextCursor: string | null };

type Cursor = { t: string; id: string };

function encodeCursor(r: RepoRow): string {
  return Buffer.from(JSON.stringify({ t: r.createdAt.toISOString(), id: r.id } satisfies Cursor)).toString("base64url");
}

function decodeCursor(c: string | null | undefined): Cursor | null {
  if (!c || c.length > 200) return null;
  try {
    const v = JSON.parse(Buffer.from(c, "base64url").toString()) as Cursor;
    return typeof v.t === "string" && typeof v.id === "string" && !Number.isNaN(Date.parse(v.t)) ? v : null;
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
}): Promise<RepoPage> {
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 100);
  const cursor = decodeCursor(opts.cursor);
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
    conditions.push(Prisma.sql`(r."createdAt", r.id) < (${new Date(cursor.t)}, ${cursor.id})`);
  }
  const rows = (
    await db().$queryRaw<RepoSqlRow[]>`
      SELECT ${REPO_COLUMNS} FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY r."createdAt" DESC, r.id DESC
      LIMIT ${limit + 1}`
  ).map(toRepoRow);
  const more = rows.length > limit;
  const repos = rows.slice(0, limit);
  return { repos, nextCursor: more ? encodeCursor(repos[repos.length - 1]!) : null };
}
