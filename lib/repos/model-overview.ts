// Everything the model page shows about a revision, with as few queries as possible:
// the revision with its commit, one walk of the trees, and the (cached) card.
import { db } from "../db/client";
import { loadCard, type LoadedCard } from "../cards/load-card";
import { resolveRevision, type ResolvedRevision } from "./resolve-revision";
import { TreeReader, type FileEntry, type Listed } from "./tree-entries";

export type ModelOverview = { revision: ResolvedRevision; files: (FileEntry & { path: string })[]; card: LoadedCard | null };

/** `type`: the repo's kind, whose card rules apply (model cards or dataset cards). */
export async function modelOverview(repoId: string, rev: string, type: string = "model"): Promise<ModelOverview> {
  const revision = await resolveRevision(repoId, rev);
  const entries: Listed[] = await new TreeReader(db()).list(revision.treeId, "", true);
  const files = entries.filter((e): e is FileEntry & { path: string } => e.type === "file");
  const card = await loadCard(files.find((f) => f.path === "README.md"), files.map((f) => f.path), type);
  return { revision, files, card };
}
