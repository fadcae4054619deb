// Tree entries as the HF clients read them (hub-api.md §2.6, §4.5): real sizes,
// git oids on every entry, lfs {oid: sha256, size, pointerSize} for LFS files.
import { db } from "../db/client";
import { lfsPointer } from "../repos/git-objects";
import type { Listed } from "../repos/tree-entries";

export type LastCommit = { id: string; title: string; date: string };

export function treeEntryJson(e: Listed, lastCommit?: LastCommit, security?: object) {
  const common = lastCommit ? { lastCommit } : {};
  if (e.type === "dir") return { type: "directory", path: e.path, size: 0, oid: e.oid, ...common };
  return {
    type: "file",
    path: e.path,
    size: e.size,
    oid: e.oid,
    ...(e.lfs ? { lfs: { oid: e.sha256, size: e.size, pointerSize: Buffer.byteLength(lfsPointer(e.sha256, e.size)) } } : {}),
    ...common,
    ...(security ? { securityFileStatus: security } : {}),
  };
}

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
