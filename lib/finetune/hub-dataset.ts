// Training data from a dataset repository: one file at a pinned commit (named, or the
// one file of a config's split), read with the caller's access (private and gated
// datasets included), and an upload saved as a new dataset repo in the same step.
import type { Actor } from "../auth/actor";
import { badRequest, payloadTooLarge } from "../errors";
import { assertFileAccess } from "../gating/access";
import { datasetSplits } from "../datasets/dataset-configs";
import { commitFiles } from "../repos/commit-files";
import { createRepo } from "../repos/create-repo";
import { repoFor } from "../repos/find-repo";
import { storeBytes } from "../repos/ingest-blob";
import { modelOverview } from "../repos/model-overview";
import { limits } from "./limits";
import { TABLE_FILE } from "./table-dataset";

export type HubDatasetRef = { repo: string; revision?: string; path?: string; config?: string; split?: string };
export type HubDatasetFile = { repoId: string; repo: string; commit: string; path: string; sha256: string; bytes: number; name: string };

const TRAINABLE = new RegExp(`${TABLE_FILE.source}|\\.zip$`, "i");

export async function hubDatasetFile(actor: Actor, ref: HubDatasetRef): Promise<HubDatasetFile> {
  const [owner, name, ...rest] = ref.repo.split("/");
  if (!owner || !name || rest.length) throw badRequest("dataset repo must be owner/name");
  const repo = await repoFor(actor, owner, name, "read", "dataset");
  const { revision, files, card } = await modelOverview(repo.id, ref.revision ?? "main", "dataset");
  let path = ref.path?.replace(/^\/+/, "");
  if (!path) {
    const splits = datasetSplits(card?.data ?? {}, files);
    const want = ref.split ?? "train";
    const split = splits.find((s) => (!ref.config || s.config === ref.config) && s.split === want);
    if (!split || !split.files.length) throw badRequest(`${ref.repo} has no ${ref.config ? `${ref.config}/` : ""}${want} split with files: name the file with path (splits: ${splits.map((s) => `${s.config}/${s.split}`).join(", ") || "none"})`);
    if (split.files.length > 1) throw badRequest(`The ${split.config}/${split.split} split of ${ref.repo} has ${split.files.length} files: name one with path (${split.files.slice(0, 5).map((f) => f.path).join(", ")})`);
    path = split.files[0]!.path;
  }
  const file = files.find((f) => f.path === path);
  if (!file) throw badRequest(`${ref.repo} has no file ${path} at ${revision.commitId.slice(0, 7)}`);
  if (!TRAINABLE.test(path)) throw badRequest(`${path} is not a training file: use CSV, TSV, JSON Lines, JSON, Parquet, or a zip of image folders`);
  await assertFileAccess(actor, repo, path); // a gated dataset needs granted access, like its downloads
  if (file.size > limits().datasetBytes) throw payloadTooLarge(`${path} is ${file.size} bytes (limit ${limits().datasetBytes})`);
  return { repoId: repo.id, repo: `${repo.owner.username}/${repo.name}`, commit: revision.commitId, path, sha256: file.sha256, bytes: file.size, name: path.split("/").pop()! };
}

/** An uploaded dataset kept as a new dataset repo of the caller's (one click on the fine-tune form). */
export async function saveUploadAsDataset(actor: Actor, repoName: string, upload: { name: string; bytes: Buffer }, isPrivate: boolean): Promise<HubDatasetFile> {
  const author = { id: actor.userId, username: actor.username, email: actor.email };
  const made = await createRepo({ owner: author, name: repoName, type: "dataset", private: isPrivate });
  const file = upload.name.split(/[\\/]/).pop()!.replace(/[^\w.\- ]+/g, "_") || "data.csv";
  const card = `---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: ${JSON.stringify(file)}\n---\n# ${repoName}\n\nUploaded by ${actor.username} for a fine-tune. Describe where the data comes from, its license and its labels.\n`;
  const ops = await Promise.all(
    [["README.md", Buffer.from(card)], [file, upload.bytes]].map(async ([path, bytes]) => ({ op: "put" as const, path: path as string, sha256: (await storeBytes(bytes as Buffer)).sha256 })),
  );
  // the bytes came with this very request: no proof of possession to ask for
  await commitFiles({ repoId: made.id, branch: "main", author, contentOf: "trusted", title: `Add ${file}`, operations: ops });
  return hubDatasetFile(actor, { repo: `${actor.username}/${repoName}`, path: file });
}
