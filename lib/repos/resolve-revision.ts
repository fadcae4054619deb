// Turning a revision (branch, tag, "HEAD", full or short commit id) into a
// commit of this repo. Commits are shared objects, so a commit id only counts
// when it is reachable from one of the repo's refs.
import { db } from "../db/client";
import { badRequest, revisionNotFound } from "../errors";

export type CommitHeadline = { title: string; createdAt: Date; author: string | null };
export type ResolvedRevision = {
  commitId: string;
  treeId: string;
  ref: { kind: "branch" | "tag"; name: string } | null;
  commit: CommitHeadline;
};

// Fetched with the revision: every page that resolves one also shows its commit.
const commitSelect = { id: true, treeId: true, title: true, createdAt: true, author: { select: { username: true } } } as const;
type CommitRow = { id: string; treeId: string; title: string; createdAt: Date; author: { username: string } | null };

const resolved = (c: CommitRow, ref: ResolvedRevision["ref"]): ResolvedRevision => ({
  commitId: c.id,
  treeId: c.treeId,
  ref,
  commit: { title: c.title, createdAt: c.createdAt, author: c.author?.username ?? null },
});

const FULL_SHA = /^[0-9a-f]{40}$/;
const SHORT_SHA = /^[0-9a-f]{7,39}$/;

async function reachable(repoId: string, commitId: string): Promise<boolean> {
  const rows = await db().$queryRaw<{ hit: number }[]>`
    WITH RECURSIVE history(id) AS (
      SELECT "commitId" FROM "Ref" WHERE "repoId" = ${repoId}
      UNION
      SELECT unnest(c."parentIds") FROM "Commit" c JOIN history h ON c.id = h.id
    )
    SELECT 1 AS hit FROM history WHERE id = ${commitId} LIMIT 1`;
  return rows.length > 0;
}

export async function resolveRevision(repoId: string, rev: string): Promise<ResolvedRevision> {
  const name = rev === "HEAD" ? "main" : rev;
  // Raw SQL on this hot path (every page and download): a branch wins over a tag of the same name.
  const refs = await db().$queryRaw<(Omit<CommitRow, "author"> & { kind: "branch" | "tag"; name: string; author: string | null })[]>`
    SELECT f.kind, f.name, c.id, c."treeId", c.title, c."createdAt", u.username AS author
    FROM "Ref" f JOIN "Commit" c ON c.id = f."commitId" LEFT JOIN "User" u ON u.id = c."authorId"
    WHERE f."repoId" = ${repoId} AND f.name = ${name}
    ORDER BY f.kind ASC LIMIT 1`;
  const ref = refs[0];
  if (ref) return resolved({ ...ref, author: ref.author ? { username: ref.author } : null }, { kind: ref.kind, name: ref.name });

  if (FULL_SHA.test(rev)) {
    const c = await db().commit.findUnique({ where: { id: rev }, select: commitSelect });
    if (c && (await reachable(repoId, c.id))) return resolved(c, null);
  } else if (SHORT_SHA.test(rev)) {
    const candidates = await db().commit.findMany({
      where: { id: { gte: rev, lte: rev + "g" } },
      select: commitSelect,
      take: 20,
    });
    const hits = [];
    for (const c of candidates) if (c.id.startsWith(rev) && (await reachable(repoId, c.id))) hits.push(c);
    if (hits.length > 1) throw badRequest(`Short commit id ${rev} is ambiguous`);
    if (hits[0]) return resolved(hits[0], null);
  }
  throw revisionNotFound(rev);
}

/**
 * Splits raw path segments into a revision and a file path. Revisions may
 * contain "/" (refs/pr/1), arriving raw or as %2F (hub-api.md §1): the longest
 * existing ref wins, else the first segment is the revision.
 */
export async function splitRevisionPath(repoId: string, segments: string[]): Promise<{ rev: string; path: string }> {
  if (segments.length === 0) throw revisionNotFound("");
  if (segments.length > 1) {
    // Candidate i joins the first i+1 segments; only multi-segment ones need a lookup.
    const candidates = segments.slice(0, -1).map((_, i) => ({ name: segments.slice(0, i + 1).join("/"), used: i + 1 })).filter((c) => c.used > 1);
    if (candidates.length) {
      const refs = new Set((await db().ref.findMany({ where: { repoId, name: { in: candidates.map((c) => c.name) } }, select: { name: true } })).map((r) => r.name));
      const longest = candidates.filter((c) => refs.has(c.name)).sort((a, b) => b.used - a.used)[0];
      if (longest) return { rev: longest.name, path: segments.slice(longest.used).join("/") };
    }
  }
  return { rev: segments[0]!, path: segments.slice(1).join("/") };
}
