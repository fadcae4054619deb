// Super-squash (HF super_squash_history): a branch's history replaced by one root
// commit holding its current files. Nothing is deleted: the old commits stay
// reachable from other refs that name them, and contents stay shared.
import { db } from "../db/client";
import { badRequest, revisionNotFound } from "../errors";
import { queueRevisionAnalysis } from "../formats/queue-analysis";
import { emitRepoEvent } from "../webhooks/emit";
import { commitIdentity } from "./commit-identity";
import { gitCommitBody, gitObjectOid } from "./git-objects";
import { diffTrees } from "./tree-diff";
import { TreeReader } from "./tree-entries";

export async function superSquash(input: { repoId: string; branch: string; author: { id: string; username: string }; message: string }): Promise<{ commitId: string }> {
  const message = input.message.trim();
  if (!message || message.length > 10_000) throw badRequest("A commit message is 1 to 10,000 characters");
  const done = await db().$transaction(
    async (tx) => {
      const [locked] = await tx.$queryRaw<{ commitId: string }[]>`
        SELECT "commitId" FROM "Ref" WHERE "repoId" = ${input.repoId} AND kind = 'branch' AND name = ${input.branch} FOR UPDATE`;
      if (!locked) throw revisionNotFound(input.branch);
      const head = await tx.commit.findUniqueOrThrow({ where: { id: locked.commitId }, select: { treeId: true } });
      const date = new Date();
      const raw = gitCommitBody({ treeId: head.treeId, parentIds: [], author: commitIdentity(input.author), date, message });
      const commitId = gitObjectOid("commit", raw);
      const nl = message.indexOf("\n");
      const title = (nl < 0 ? message : message.slice(0, nl)).slice(0, 500);
      const description = nl < 0 ? "" : message.slice(nl + 1).trim();
      const changes = await diffTrees(new TreeReader(tx), null, head.treeId);
      await tx.commit.createMany({ data: [{ id: commitId, treeId: head.treeId, parentIds: [], authorId: input.author.id, title, description, changes, createdAt: date, raw: new Uint8Array(raw) }], skipDuplicates: true });
      await tx.ref.update({ where: { repoId_kind_name: { repoId: input.repoId, kind: "branch", name: input.branch } }, data: { commitId, updatedAt: date } });
      await tx.repo.update({ where: { id: input.repoId }, data: { updatedAt: date } });
      await queueRevisionAnalysis(tx, input.repoId, input.branch);
      await tx.activity.create({ data: { userId: input.author.id, repoId: input.repoId, kind: "commit", data: { commitId, title, branch: input.branch } } });
      return { commitId, old: locked.commitId };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  await emitRepoEvent(input.repoId, "repo", "update", { ref: { name: input.branch, oldSha: done.old, newSha: done.commitId }, commitId: done.commitId });
  return { commitId: done.commitId };
}
