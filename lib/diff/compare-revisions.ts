// Tensor diff between two revisions, possibly of two repos (a fine-tune and its
// base): both sides' safetensors files are the weight sets compared.
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { repoNotFound } from "../errors";
import { repoFor, type RepoRow } from "../repos/find-repo";
import { resolveRevision } from "../repos/resolve-revision";
import { TreeReader } from "../repos/tree-entries";
import { formatOf } from "../formats/read-blob-header";
import { requestTensorDiff, type TensorDiffState } from "./run-tensor-diff";
import type { WeightFile } from "./tensor-diff";

const MAX_FILES = 2000;

export type RevisionSide = { repo: RepoRow; rev: string };
export type Comparison = { base: { id: string; commitId: string; files: number }; head: { id: string; commitId: string; files: number }; state: TensorDiffState | { status: "no-weights" } };

export async function weightFilesAt(repoId: string, rev: string): Promise<{ commitId: string; files: WeightFile[] }> {
  const revision = await resolveRevision(repoId, rev);
  const files = (await new TreeReader(db()).listFiles(revision.treeId))
    .filter((f) => formatOf(f.path) === "safetensors")
    .slice(0, MAX_FILES)
    .map((f) => ({ path: f.path, sha256: f.sha256, size: f.size }));
  return { commitId: revision.commitId, files };
}

export async function compareRevisions(base: RevisionSide, head: RevisionSide): Promise<Comparison> {
  const [a, b] = await Promise.all([weightFilesAt(base.repo.id, base.rev), weightFilesAt(head.repo.id, head.rev)]);
  const id = (s: RevisionSide) => `${s.repo.owner.username}/${s.repo.name}`;
  return {
    base: { id: id(base), commitId: a.commitId, files: a.files.length },
    head: { id: id(head), commitId: b.commitId, files: b.files.length },
    state: !a.files.length && !b.files.length ? { status: "no-weights" } : await requestTensorDiff(a.files, b.files),
  };
}

/** "owner/name" of another repo the actor can read, or this repo when absent. */
export async function baseRepoFor(actor: Actor | null, repo: RepoRow, other: string | null | undefined): Promise<RepoRow> {
  if (!other) return repo;
  const [owner, name, ...more] = other.split("/");
  if (!owner || !name || more.length) throw repoNotFound(other.slice(0, 200));
  return repoFor(actor, owner, name);
}
