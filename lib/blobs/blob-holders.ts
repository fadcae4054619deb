// Which repos' current trees hold a content, among those a caller may read: the
// walk from the trees that list the blob up to the commits that branches and tags
// name. Visibility is part of the statement, so rows the caller cannot see never
// take the place of rows they can (the LIMIT counts visible rows only).
import type { Actor } from "../auth/actor";
import { visibleReposSql } from "../auth/memberships";
import { db } from "../db/client";

export type HolderRow = {
  repoId: string;
  ownerId: string;
  private: boolean;
  hiddenAt: Date | null;
  gated: string | null;
  owner: string;
  name: string;
  kind: "branch" | "tag";
  ref: string;
  commit: string;
  path: string;
};

export async function blobHolders(actor: Actor | null, sha256: string, limit: number): Promise<HolderRow[]> {
  return db().$queryRaw<HolderRow[]>`
    WITH RECURSIVE up(tree_id, path, depth) AS (
      SELECT t.id, e->>'name', 0
      FROM "Tree" t CROSS JOIN LATERAL jsonb_array_elements(t.entries) e
      WHERE t.entries @> jsonb_build_array(jsonb_build_object('sha256', ${sha256}::text))
        AND e->>'sha256' = ${sha256} AND e->>'type' = 'file'
      UNION
      SELECT p.id, (e->>'name') || '/' || up.path, up.depth + 1
      FROM up
      JOIN "Tree" p ON p.entries @> jsonb_build_array(jsonb_build_object('oid', up.tree_id, 'type', 'dir'))
      CROSS JOIN LATERAL jsonb_array_elements(p.entries) e
      WHERE e->>'oid' = up.tree_id AND e->>'type' = 'dir' AND up.depth < 64
    )
    SELECT r.id AS "repoId", r."ownerId", r.private, r."hiddenAt", r.gated, u.username AS owner, r.name, f.kind, f.name AS ref, c.id AS commit, up.path
    FROM up
    JOIN "Commit" c ON c."treeId" = up.tree_id
    JOIN "Ref" f ON f."commitId" = c.id
    JOIN "Repo" r ON r.id = f."repoId"
    JOIN "User" u ON u.id = r."ownerId"
    WHERE ${visibleReposSql(actor)}
    ORDER BY u.username, r.name, f.kind, f.name, up.path
    LIMIT ${limit}`;
}
