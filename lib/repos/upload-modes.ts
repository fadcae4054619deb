// How each file of an upload should travel (hub-api.md §2.9 preupload): "lfs" or
// "regular" by the repo's .gitattributes (or the client's), size and content sample,
// and the current oid of each path that already exists at the revision.
import { db } from "../db/client";
import { looksBinary } from "./blob-digests";
import { isLfsFile, lfsMatcher } from "./lfs-rules";
import { readBlobText } from "./read-blob";
import { resolveRevision } from "./resolve-revision";
import { TreeReader } from "./tree-entries";

export type PlannedFile = { path: string; size: number; sample?: Buffer };
export type UploadMode = { path: string; uploadMode: "lfs" | "regular"; shouldIgnore: false; oid?: string };

export async function uploadModes(repoId: string, rev: string, files: PlannedFile[], gitAttributes?: string): Promise<{ files: UploadMode[]; commitOid: string }> {
  const revision = await resolveRevision(repoId, rev);
  const reader = new TreeReader(db());
  let attributes = gitAttributes;
  if (attributes === undefined) {
    const entry = await reader.entryAt(revision.treeId, ".gitattributes");
    attributes = entry?.type === "file" ? ((await readBlobText(entry.sha256, entry.size)) ?? "") : "";
  }
  const matcher = lfsMatcher(attributes);
  const modes = await Promise.all(
    files.map(async (f): Promise<UploadMode> => {
      const lfs = isLfsFile({ path: f.path, size: f.size, binary: looksBinary(f.sample ?? Buffer.alloc(0)) }, matcher);
      const existing = await reader.entryAt(revision.treeId, f.path).catch(() => null);
      const oid = existing?.type === "file" ? (existing.lfs ? existing.sha256 : existing.oid) : undefined;
      return { path: f.path, uploadMode: lfs ? "lfs" : "regular", shouldIgnore: false, ...(oid ? { oid } : {}) };
    }),
  );
  return { files: modes, commitOid: revision.commitId };
}
