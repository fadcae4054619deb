// Tree entries as the HF clients read them (hub-api.md §2.6, §4.5): real sizes,
// git oids on every entry, lfs {oid: sha256, size, pointerSize} for LFS files.
import { lfsPointer } from "../repos/git-objects";
import type { Listed } from "../repos/tree-entries";

import type { LastCommit } from "../repos/last-commits";

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

