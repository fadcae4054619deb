// Hub-wide lookup of a file by content: every repo, branch or tag, and path whose
// current tree holds a blob with this sha256 (computed by the server at upload),
// limited to repos the caller may read. Walks trees upwards through the GIN index
// on tree entries, from the folders holding the blob to the commits the refs name.
import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { badRequest } from "../errors";

export type BlobUse = { repo: string; private: boolean; revisions: { kind: "branch" | "tag"; name: string; commit: string; paths: string[] }[] };
export type BlobLookup = { sha256: string; size: number | null; uses: BlobUse[] };

const MAX_ROWS = 5000;

export async function findBlobUses(actor: Actor | null, sha256: string): Promise<BlobLookup> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw badRequest("A sha256 is 64 lowercase hexadecimal characters");
  const blob = await db().blob.findUnique({ where: { sha256 }, select: { size: true } });
  if (!blob) return { sha256, size: null, uses: [] };
  const rows = await db().$queryRaw<
    { repoId: string; ownerId: string; private: boolean; hiddenAt: Date | null; owner: string; name: string; kind: "branch" | "tag"; ref: string; commit: string; path: string }[]
  >`
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
    SELECT r.id AS "repoId", r."ownerId", r.private, r."hiddenAt", u.username AS owner, r.name, f.kind, f.name AS ref, c.id AS commit, up.path
    FROM up
    JOIN "Commit" c ON c."treeId" = up.tree_id
    JOIN "Ref" f ON f."commitId" = c.id
    JOIN "Repo" r ON r.id = f."repoId"
    JOIN "User" u ON u.id = r."ownerId"
    ORDER BY u.username, r.name, f.kind, f.name, up.path
    LIMIT ${MAX_ROWS}`;

  const uses = new Map<string, BlobUse>();
  for (const row of rows) {
    if (!can(actor, "read", { id: row.repoId, ownerId: row.ownerId, private: row.private, hiddenAt: row.hiddenAt })) continue;
    const id = `${row.owner}/${row.name}`;
    const use = uses.get(id) ?? uses.set(id, { repo: id, private: row.private, revisions: [] }).get(id)!;
    let rev = use.revisions.find((r) => r.kind === row.kind && r.name === row.ref);
    if (!rev) use.revisions.push((rev = { kind: row.kind, name: row.ref, commit: row.commit, paths: [] }));
    rev.paths.push(row.path);
  }
  return { sha256, size: Number(blob.size), uses: [...uses.values()] };
}
