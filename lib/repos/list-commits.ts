// First-parent history from a commit, newest first, in pages.
import { db } from "../db/client";

export type HistoryEntry = { id: string; title: string; description: string; createdAt: Date; author: string | null; parentIds: string[] };

export async function listCommits(commitId: string, opts: { limit: number; skip: number }): Promise<HistoryEntry[]> {
  const depth = opts.skip + opts.limit;
  return db().$queryRaw<HistoryEntry[]>`
    WITH RECURSIVE chain(id, depth) AS (
      SELECT ${commitId}::text, 0
      UNION ALL
      SELECT c."parentIds"[1], chain.depth + 1 FROM "Commit" c JOIN chain ON c.id = chain.id
      WHERE chain.depth < ${depth} AND cardinality(c."parentIds") > 0
    )
    SELECT c.id, c.title, c.description, c."createdAt", u.username AS author, c."parentIds"
    FROM chain JOIN "Commit" c ON c.id = chain.id LEFT JOIN "User" u ON u.id = c."authorId"
    WHERE chain.depth >= ${opts.skip}
    ORDER BY chain.depth LIMIT ${opts.limit}`;
}

/** Commits in first-parent history that changed `path` (a file, or anything under a folder). */
export async function listCommitsTouching(commitId: string, path: string, opts: { limit: number; skip: number; scan?: number }): Promise<HistoryEntry[]> {
  const scan = opts.scan ?? 5000;
  const rows = await db().$queryRaw<(HistoryEntry & { changes: { path: string }[] })[]>`
    WITH RECURSIVE chain(id, depth) AS (
      SELECT ${commitId}::text, 0
      UNION ALL
      SELECT c."parentIds"[1], chain.depth + 1 FROM "Commit" c JOIN chain ON c.id = chain.id
      WHERE chain.depth < ${scan} AND cardinality(c."parentIds") > 0
    )
    SELECT c.id, c.title, c.description, c."createdAt", u.username AS author, c."parentIds", c.changes
    FROM chain JOIN "Commit" c ON c.id = chain.id LEFT JOIN "User" u ON u.id = c."authorId"
    WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(c.changes) ch WHERE ch->>'path' = ${path} OR ch->>'path' LIKE ${path.replace(/[\\%_]/g, "\\$&") + "/%"})
    ORDER BY chain.depth OFFSET ${opts.skip} LIMIT ${opts.limit}`;
  return rows.map(({ changes: _c, ...r }) => r);
}
