// The last commit that changed each of a folder's entries, for tree listings
// (hub-api.md §2.6 expand=true) and file pages.
import { db } from "../db/client";

export type LastCommit = { id: string; title: string; date: string };

/**
 * The last commit (first-parent history from `commitId`) that changed each path,
 * or a file/folder under it. Walks at most `limit` commits.
 */
export async function lastCommits(commitId: string, paths: string[], limit = 5000): Promise<Map<string, LastCommit>> {
  const found = new Map<string, LastCommit>();
  let id: string | undefined = commitId;
  let walked = 0;
  while (id && found.size < paths.length && walked < limit) {
    const batch: { id: string; title: string; createdAt: Date; changes: unknown; parentIds: string[] }[] = await db().$queryRaw`
      WITH RECURSIVE chain(id, depth) AS (
        SELECT ${id}::text, 0
        UNION ALL
        SELECT c."parentIds"[1], chain.depth + 1 FROM "Commit" c JOIN chain ON c.id = chain.id
        WHERE chain.depth < 200 AND cardinality(c."parentIds") > 0
      )
      SELECT c.id, c.title, c."createdAt", c.changes, c."parentIds" FROM chain JOIN "Commit" c ON c.id = chain.id ORDER BY chain.depth`;
    for (const c of batch) {
      const changed = (c.changes as { path: string }[]).map((x) => x.path);
      for (const p of paths) {
        if (found.has(p)) continue;
        if (changed.some((x) => x === p || x.startsWith(`${p}/`))) found.set(p, { id: c.id, title: c.title, date: c.createdAt.toISOString() });
      }
      walked++;
    }
    const last = batch[batch.length - 1];
    id = batch.length > 200 ? last?.parentIds[0] : undefined;
  }
  return found;
}
