// Which contents a repo's history holds: the LFS batch serves `download` only for
// objects some commit reachable from the repo's refs names, so a repo's readers
// cannot use it to fetch other repos' content by hash. One statement for a whole
// batch: from each wanted content up through the trees that hold it (the trees'
// GIN index), to the root trees of the repo's commits.
import { db } from "../db/client";

/** The subset of `sha256s` that some commit in the repo's history holds. */
export async function contentInHistory(repoId: string, sha256s: string[]): Promise<Set<string>> {
  const wanted = [...new Set(sha256s)];
  if (!wanted.length) return new Set();
  const rows = await db().$queryRaw<{ sha: string }[]>`
    WITH RECURSIVE history(id) AS (
      SELECT "commitId" FROM "Ref" WHERE "repoId" = ${repoId}
      UNION
      SELECT unnest(c."parentIds") FROM history h JOIN "Commit" c ON c.id = h.id
    ), roots AS MATERIALIZED (
      SELECT DISTINCT c."treeId" AS id FROM history h JOIN "Commit" c ON c.id = h.id
    ), up(sha, tree_id, depth) AS (
      SELECT w.sha, t.id, 0 FROM unnest(${wanted}::text[]) AS w(sha)
      JOIN "Tree" t ON t.entries @> jsonb_build_array(jsonb_build_object('sha256', w.sha, 'type', 'file'))
      UNION
      SELECT up.sha, p.id, up.depth + 1 FROM up
      JOIN "Tree" p ON p.entries @> jsonb_build_array(jsonb_build_object('oid', up.tree_id, 'type', 'dir'))
      WHERE up.depth < 64
    )
    SELECT DISTINCT up.sha FROM up JOIN roots r ON r.id = up.tree_id`;
  return new Set(rows.map((r) => r.sha));
}
