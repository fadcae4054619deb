// commitFiles(): the one way a branch moves. Atomic: the branch row is locked,
// the parent checked, new trees and the commit written, the ref updated, all in
// one transaction; a failure leaves the branch exactly as it was.
import { db } from "../db/client";
import { HubError, badRequest, revisionNotFound } from "../errors";
import { applyTreeChanges, type ChangeRecord, type TreeChange } from "./apply-tree-changes";
import { assertFilePath } from "./file-paths";
import { gitCommitOid, lfsPointerOid } from "./git-objects";
import { isLfsFile, lfsMatcher } from "./lfs-rules";
import { readBlobText } from "./read-blob";
import { TreeReader, type DbTx } from "./tree-entries";
import { verifyPendingFor } from "../uploads/direct-uploads";
import { queuePickleScans } from "../scan/queue-scans";
import { queueRevisionAnalysis } from "../formats/queue-analysis";
import { emitRepoEvent } from "../webhooks/emit";

export type CommitOperation =
  | { op: "put"; path: string; sha256: string; lfs?: boolean }
  | { op: "delete"; path: string }
  | { op: "deleteFolder"; path: string };

export type CommitInput = {
  repoId: string;
  branch: string;
  author: { id: string; username: string; email: string };
  title: string;
  description?: string;
  /** When set, the commit is refused unless the branch still points here. */
  parentCommit?: string;
  /** More parents after the branch head (a merge commit). */
  extraParents?: string[];
  operations: CommitOperation[];
  /** Lets a merge commit have an empty change list (its tree equals the head's). */
  allowEmpty?: boolean;
};

export type CommitResult = { commitId: string; changes: ChangeRecord[] };

export async function commitFiles(input: CommitInput): Promise<CommitResult> {
  const title = input.title.trim();
  if (!title) throw badRequest("A commit needs a title");
  if (title.length > 500) throw badRequest("Commit titles are limited to 500 characters");
  if (!input.operations.length && !input.allowEmpty) throw badRequest("A commit needs at least one file operation");
  for (const op of input.operations) assertFilePath(op.path);

  const shas = [...new Set(input.operations.flatMap((o) => (o.op === "put" ? [o.sha256] : [])))];
  const findBlobs = async () => new Map((await db().blob.findMany({ where: { sha256: { in: shas } } })).map((b) => [b.sha256, b]));
  let blobs = await findBlobs();
  // Content sent straight to S3 in one PUT is verified at its first commit.
  const unverified = shas.filter((s) => !blobs.has(s));
  if (unverified.length && (await Promise.all(unverified.map(verifyPendingFor))).some(Boolean)) blobs = await findBlobs();
  for (const op of input.operations) {
    if (op.op === "put" && !blobs.has(op.sha256)) throw badRequest(`Content for "${op.path}" was never uploaded (sha256 ${op.sha256})`);
  }

  const done = await db().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ commitId: string }[]>`
        SELECT "commitId" FROM "Ref" WHERE "repoId" = ${input.repoId} AND kind = 'branch' AND name = ${input.branch} FOR UPDATE`;
      const head = locked[0]?.commitId;
      if (!head) throw revisionNotFound(input.branch);
      if (input.parentCommit && input.parentCommit !== head) {
        throw new HubError(412, "PreconditionFailed", `The branch ${input.branch} moved: its head is ${head}, not ${input.parentCommit}. Fetch it and try again.`);
      }
      const base = await tx.commit.findUniqueOrThrow({ where: { id: head }, select: { treeId: true } });
      const matcher = lfsMatcher(await gitattributesFor(tx, base.treeId, input.operations, blobs));

      const changes: TreeChange[] = input.operations.map((op) => {
        if (op.op !== "put") return { kind: op.op, path: op.path };
        const b = blobs.get(op.sha256)!;
        const size = Number(b.size);
        const lfs = op.lfs ?? isLfsFile({ path: op.path, size, binary: b.binary }, matcher);
        const oid = lfs ? lfsPointerOid(b.sha256, size) : b.gitOid;
        return { kind: "put", path: op.path, file: { oid, sha256: b.sha256, size, lfs } };
      });
      const { treeId, records } = await applyTreeChanges(tx, base.treeId, changes);

      const date = new Date();
      const message = input.description ? `${title}\n\n${input.description}` : title;
      const parentIds = [head, ...(input.extraParents ?? [])];
      const commitId = gitCommitOid({ treeId, parentIds, author: { name: input.author.username, email: input.author.email }, date, message });
      await tx.commit.createMany({
        data: [{ id: commitId, treeId, parentIds, authorId: input.author.id, title, description: input.description ?? "", changes: records, createdAt: date }],
        skipDuplicates: true,
      });
      await tx.ref.update({
        where: { repoId_kind_name: { repoId: input.repoId, kind: "branch", name: input.branch } },
        data: { commitId, updatedAt: date },
      });
      await tx.repo.update({ where: { id: input.repoId }, data: { updatedAt: date } });
      // Background work joins the transaction: no commit without its scans, no scans for a rolled-back commit.
      await queuePickleScans(tx, input.operations.flatMap((o) => (o.op === "put" ? [{ path: o.path, sha256: o.sha256 }] : [])));
      await queueRevisionAnalysis(tx, input.repoId, input.branch);
      await tx.activity.create({ data: { userId: input.author.id, repoId: input.repoId, kind: "commit", data: { commitId, title, branch: input.branch } } });
      return { commitId, changes: records, head };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  await emitRepoEvent(input.repoId, "repo", "update", { ref: { name: input.branch, oldSha: done.head, newSha: done.commitId }, commitId: done.commitId });
  return { commitId: done.commitId, changes: done.changes };
}

async function gitattributesFor(
  tx: DbTx,
  baseTreeId: string,
  ops: CommitOperation[],
  blobs: Map<string, { sha256: string; size: bigint }>,
): Promise<string> {
  const put = ops.find((o) => o.path === ".gitattributes" && o.op === "put");
  if (put?.op === "put") {
    const b = blobs.get(put.sha256)!;
    return (await readBlobText(b.sha256, Number(b.size))) ?? "";
  }
  const entry = await new TreeReader(tx).entryAt(baseTreeId, ".gitattributes");
  return entry?.type === "file" ? ((await readBlobText(entry.sha256, entry.size)) ?? "") : "";
}
