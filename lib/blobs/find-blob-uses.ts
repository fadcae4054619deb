// Hub-wide lookup of a file by content: every repo, branch or tag, and path whose
// current tree holds a blob with this sha256 (computed by the server at upload),
// limited to repos the caller may read (lib/blobs/blob-holders).
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { badRequest } from "../errors";
import { blobHolders } from "./blob-holders";

export type BlobUse = { repo: string; private: boolean; revisions: { kind: "branch" | "tag"; name: string; commit: string; paths: string[] }[] };
export type BlobLookup = { sha256: string; size: number | null; uses: BlobUse[] };

const MAX_ROWS = 5000;

export async function findBlobUses(actor: Actor | null, sha256: string): Promise<BlobLookup> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw badRequest("A sha256 is 64 lowercase hexadecimal characters");
  const rows = await blobHolders(actor, sha256, MAX_ROWS);
  // Content nobody visible holds is reported as unknown, size included: no oracle for private content.
  if (!rows.length) return { sha256, size: null, uses: [] };
  const blob = await db().blob.findUnique({ where: { sha256 }, select: { size: true } });
  const uses = new Map<string, BlobUse>();
  for (const row of rows) {
    const id = `${row.owner}/${row.name}`;
    const use = uses.get(id) ?? uses.set(id, { repo: id, private: row.private, revisions: [] }).get(id)!;
    let rev = use.revisions.find((r) => r.kind === row.kind && r.name === row.ref);
    if (!rev) use.revisions.push((rev = { kind: row.kind, name: row.ref, commit: row.commit, paths: [] }));
    rev.paths.push(row.path);
  }
  return { sha256, size: blob ? Number(blob.size) : null, uses: [...uses.values()] };
}
