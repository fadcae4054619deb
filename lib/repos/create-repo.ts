// createRepo(): a repo row, its first commit (.gitattributes, and a starter
// README when asked) and its main branch, in one transaction, so main always exists.
import { forgetRedirect } from "./repo-redirects";
import { indexRepoCard } from "../search/card-index";
import { db } from "../db/client";
import { badRequest, conflict } from "../errors";
import { findLicense } from "../licenses/catalog";
import { applyTreeChanges, type TreeChange } from "./apply-tree-changes";
import { commitIdentity } from "./commit-identity";
import { gitCommitBody, gitObjectOid } from "./git-objects";
import { storeBytes } from "./ingest-blob";
import { DEFAULT_GITATTRIBUTES } from "./lfs-rules";
import { assertRepoName } from "./names";
import { queuePickleScans } from "../scan/queue-scans";
import { isUniqueViolation } from "../db/db-errors";
import { kindLabel, type RepoType } from "./repo-type";

export type CreateRepoInput = {
  /** The namespace: a user, or an organization. */
  owner: { id: string; username: string; email: string };
  /** Who makes the initial commit, when not the owner (a member creating an organization's repo). */
  author?: { id: string; username: string; email: string };
  name: string;
  /** "model" (the default) or "dataset". */
  type?: RepoType;
  private: boolean;
  license?: string | null;
  withReadme?: boolean;
  /** The fine-tune job this repo is the output of (unique: one output per job). */
  sourceJobId?: string;
};

export type CreatedRepo = { id: string; owner: string; name: string; commitId: string };

function starterReadme(name: string, license: string | null, type: RepoType): string {
  const front = license ? `---\nlicense: ${license}\n---\n\n` : "";
  const what = type === "dataset" ? "Describe what this dataset holds, where it comes from and how it was collected." : "Describe what this model does, how it was trained and how to use it.";
  return `${front}# ${name}\n\n${what}\n`;
}

export async function createRepo(input: CreateRepoInput): Promise<CreatedRepo> {
  assertRepoName(input.name);
  let license: string | null = null;
  if (input.license) {
    const found = findLicense(input.license);
    if (!found) throw badRequest(`Unknown license "${input.license}": use an SPDX id or a known model license`);
    license = found.id;
  }
  const files: [string, Buffer][] = [[".gitattributes", Buffer.from(DEFAULT_GITATTRIBUTES)]];
  if (input.withReadme) files.push(["README.md", Buffer.from(starterReadme(input.name, license, input.type ?? "model"))]);
  const stored = await Promise.all(files.map(async ([path, bytes]) => ({ path, blob: await storeBytes(bytes) })));

  try {
    const made = await db().$transaction(async (tx) => {
      const repo = await tx.repo.create({
        data: { ownerId: input.owner.id, name: input.name, type: input.type ?? "model", private: input.private, license, sourceJobId: input.sourceJobId },
      });
      await forgetRedirect(tx, input.owner.username, input.name, input.type); // an old name reused: it no longer redirects
      const changes: TreeChange[] = stored.map(({ path, blob }) => ({
        kind: "put",
        path,
        file: { oid: blob.gitOid, sha256: blob.sha256, size: blob.size, lfs: false },
      }));
      const { treeId, records } = await applyTreeChanges(tx, null, changes);
      const date = new Date();
      const title = "initial commit";
      const author = input.author ?? input.owner;
      const raw = gitCommitBody({ treeId, parentIds: [], author: commitIdentity(author), date, message: title });
      const commitId = gitObjectOid("commit", raw);
      await tx.commit.createMany({
        data: [{ id: commitId, treeId, parentIds: [], authorId: author.id, title, changes: records, createdAt: date, raw: new Uint8Array(raw) }],
        skipDuplicates: true,
      });
      await tx.ref.create({ data: { repoId: repo.id, kind: "branch", name: "main", commitId } });
      await queuePickleScans(tx, stored.map(({ blob }) => blob));
      await tx.activity.create({ data: { userId: author.id, repoId: repo.id, kind: "create", data: {} } });
      return { id: repo.id, owner: input.owner.username, name: repo.name, commitId };
    });
    await indexRepoCard(made.id); // searchable by its id at once
    return made;
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw conflict(`You already have a ${kindLabel(input.type)} repository named ${input.name}`, { repo: `${input.owner.username}/${input.name}` });
    }
    throw e;
  }
}
