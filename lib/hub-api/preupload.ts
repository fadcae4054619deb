// POST /api/models/{id}/preupload/{rev} (hub-api.md §2.9): "lfs" or "regular" for
// every requested path, shouldIgnore on each, and the current oid when the path exists.
import { z } from "zod";
import { db } from "../db/client";
import { looksBinary } from "../repos/ingest-blob";
import { isLfsFile, lfsMatcher } from "../repos/lfs-rules";
import { readBlobText } from "../repos/read-blob";
import { resolveRevision } from "../repos/resolve-revision";
import { TreeReader } from "../repos/tree-entries";

export const preuploadSchema = z.object({
  files: z.array(z.object({ path: z.string().max(1024), size: z.number().int().nonnegative(), sample: z.string().max(2048).optional() })).max(1000),
  gitAttributes: z.string().max(1024 * 1024).optional(),
  gitIgnore: z.string().optional(),
});

export async function preupload(repoId: string, rev: string, body: z.infer<typeof preuploadSchema>) {
  const revision = await resolveRevision(repoId, rev);
  const reader = new TreeReader(db());
  let attributes = body.gitAttributes;
  if (attributes === undefined) {
    const entry = await reader.entryAt(revision.treeId, ".gitattributes");
    attributes = entry?.type === "file" ? ((await readBlobText(entry.sha256, entry.size)) ?? "") : "";
  }
  const matcher = lfsMatcher(attributes);
  const files = await Promise.all(
    body.files.map(async (f) => {
      const binary = looksBinary(Buffer.from(f.sample ?? "", "base64"));
      const lfs = isLfsFile({ path: f.path, size: f.size, binary }, matcher);
      const existing = await reader.entryAt(revision.treeId, f.path).catch(() => null);
      const oid = existing?.type === "file" ? (existing.lfs ? existing.sha256 : existing.oid) : undefined;
      return { path: f.path, uploadMode: lfs ? "lfs" : "regular", shouldIgnore: false, ...(oid ? { oid } : {}) };
    }),
  );
  return { files, commitOid: revision.commitId };
}
