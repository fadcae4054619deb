// Which contents a repo's history holds: the LFS batch serves `download` only for
// objects some commit reachable from the repo's refs names, so a repo's readers
// cannot use it to fetch other repos' content by hash.
import { db } from "../db/client";

async function historyTrees(repoId: string): Promise<string[]> {
  const rows = await db().$queryRaw<{ treeId: string }[]>`
    WITH RECURSIVE history(id) AS (
      SELECT "commitId" FROM "Ref" WHERE "repoId" = ${repoId}
      UNION
      SELECT unnest(c."parentIds") FROM history h JOIN "Commit" c ON c.id = h.id
    )
    SELECT DISTINCT c."treeId" FROM history h JOIN "Commit" c ON c.id = h.id`;
  return rows.map((r) => r.treeId);
}

async function anyTreeHolds(sha256: string, roots: string[]): Promise<boolean> {
  const [row] = await db().$queryRaw<{ held: boolean }[]>`
    WITH RECURSIVE up(tree_id, depth) AS (
      SELECT t.id, 0 FROM "Tree" t
      WHERE t.entries @> jsonb_build_array(jsonb_build_object('sha256', ${sha256}::text, 'type', 'file'))
      UNION
      SELECT p.id, up.depth + 1 FROM up
      JOIN "Tree" p ON p.entries @> jsonb_build_array(jsonb_build_object('oid', up.tree_id, 'type', 'dir'))
      WHERE up.depth < 64
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE up.tree_id = ANY(${roots}::text[])) AS held`;
  return row?.held ?? false;
}

/** The subset of `sha256s` that some commit in the repo's history holds. */
export async function contentInHistory(repoId: string, sha256s: string[]): Promise<Set<string>> {
  const wanted = [...new Set(sha256s)];
  if (!wanted.length) return new Set();
  const roots = await historyTrees(repoId);
  const held = new Set<string>();
  for (const sha of wanted) if (await anyTreeHolds(sha, roots)) held.add(sha);
  return held;
}
