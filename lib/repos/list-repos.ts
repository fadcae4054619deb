// The public catalogue: newest first, keyset-paginated (stable under inserts),
// with a name filter. Private repos appear only to their owner.
import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { repoSelect, type RepoRow } from "./find-repo";

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
  const visible = opts.actor ? { OR: [{ private: false }, { ownerId: opts.actor.userId }] } : { private: false };
  const terms = search ? search.split("/") : [];
  const rows = await db().repo.findMany({
    where: {
      AND: [
        visible,
        opts.owner ? { owner: { username: opts.owner } } : {},
        // "ns/na" searches the owner and the name; a single word matches either.
        terms.length === 2
          ? { owner: { username: { contains: terms[0], mode: "insensitive" } }, name: { contains: terms[1], mode: "insensitive" } }
          : search
            ? { OR: [{ name: { contains: search, mode: "insensitive" } }, { owner: { username: { contains: search, mode: "insensitive" } } }] }
            : {},
        cursor
          ? { OR: [{ createdAt: { lt: new Date(cursor.t) } }, { createdAt: new Date(cursor.t), id: { lt: cursor.id } }] }
          : {},
      ],
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: repoSelect,
  });
  const more = rows.length > limit;
  const repos = rows.slice(0, limit);
  return { repos, nextCursor: more ? encodeCursor(repos[repos.length - 1]!) : null };
}
