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
