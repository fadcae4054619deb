// commitFiles(): the one way a branch moves. Atomic: the branch row is locked,
// the parent checked, new trees and the commit written, the ref updated, all in
// one transaction; a failure leaves the branch exactly as it was.
import type { Actor } from "../auth/actor";
import { reviveBlobs } from "../blobs/collect-garbage";
import { contentKnownTo, grantContent } from "../blobs/possession";
import { db } from "../db/client";
import { badRequest, preconditionFailed, revisionNotFound, unprocessable } from "../errors";
import { applyTreeChanges, type ChangeRecord, type TreeChange } from "./apply-tree-changes";
import { assertFilePath } from "./file-paths";
import { commitIdentity } from "./commit-identity";
import { gitCommitBody, gitObjectOid, lfsPointerOid } from "./git-objects";
import { isLfsFile, lfsMatcher } from "./lfs-rules";
import { storeBytes } from "./ingest-blob";
import { readBlobText } from "./read-blob";
import { TreeReader, type DbTx } from "./tree-entries";
import { verifyPendingFor } from "../uploads/s3-uploads";
import { queuePickleScans } from "../scan/queue-scans";
import { queueRevisionAnalysis } from "../formats/queue-analysis";
import { emitRepoEvent } from "../webhooks/emit";
import { assertWithinQuota } from "../quotas/storage-use";

export type CommitOperation =
  /** Content named by hash; `size`, when the client announced one (LFS pointers), is checked. */
  | { op: "put"; path: string; sha256: string; lfs?: boolean; size?: number }
  /** Content that came with the request: stored only once the commit has passed its checks. */
  | { op: "put"; path: string; content: Buffer; lfs?: boolean }
  | { op: "delete"; path: string }
  | { op: "deleteFolder"; path: string };

type Resolved = Exclude<CommitOperation, { content: Buffer }>;

export type CommitInput = {
  repoId: string;
  branch: string;
  author: { id: string; username: string; email: string };
  /**
   * Whose right to name content by hash is checked (lib/blobs/possession): the caller of
   * the web page, API or git push. "trusted" only for content the hub wrote itself
   * (seeds, fine-tune outputs) or that is already in this repo's history (merges).
   */
  contentOf: Actor | "trusted";
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
  await assertParent(input);
  const { blobs, operations } = await usableBlobs(input);
  const repo = await db().repo.findUniqueOrThrow({ where: { id: input.repoId }, select: { ownerId: true } });
  await assertWithinQuota(repo.ownerId, operations.flatMap((o) => (o.op === "put" ? [o.sha256] : [])));

  const done = await db().$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ commitId: string }[]>`
        SELECT "commitId" FROM "Ref" WHERE "repoId" = ${input.repoId} AND kind = 'branch' AND name = ${input.branch} FOR UPDATE`;
      const head = locked[0]?.commitId;
      if (!head) throw revisionNotFound(input.branch);
      if (input.parentCommit && input.parentCommit !== head) {
        throw preconditionFailed(`The branch ${input.branch} moved: its head is ${head}, not ${input.parentCommit}. Fetch it and try again.`);
      }
      // Named content is claimed back from the blob collector; one removed just now must be uploaded again.
      const named = [...new Set(operations.flatMap((o) => (o.op === "put" ? [o.sha256] : [])))];
      if ((await reviveBlobs(named, tx)) < named.length) throw unprocessable("Some content of this commit was removed from storage moments ago (it had been unused for the grace period): upload it again");
      const base = await tx.commit.findUniqueOrThrow({ where: { id: head }, select: { treeId: true } });
      const matcher = lfsMatcher(await gitattributesFor(tx, base.treeId, operations, blobs));

      const changes: TreeChange[] = operations.map((op) => {
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
      const raw = gitCommitBody({ treeId, parentIds, author: commitIdentity(input.author), date, message });
      const commitId = gitObjectOid("commit", raw);
      await tx.commit.createMany({
        data: [{ id: commitId, treeId, parentIds, authorId: input.author.id, title, description: input.description ?? "", changes: records, createdAt: date, raw: new Uint8Array(raw) }],
        skipDuplicates: true,
      });
      await tx.ref.update({
        where: { repoId_kind_name: { repoId: input.repoId, kind: "branch", name: input.branch } },
        data: { commitId, updatedAt: date },
      });
      await tx.repo.update({ where: { id: input.repoId }, data: { updatedAt: date } });
      // Background work joins the transaction: no commit without its scans, no scans for a rolled-back commit.
      await queuePickleScans(tx, operations.flatMap((o) => (o.op === "put" ? [{ path: o.path, sha256: o.sha256 }] : [])));
      await queueRevisionAnalysis(tx, input.repoId, input.branch);
      await tx.activity.create({ data: { userId: input.author.id, repoId: input.repoId, kind: "commit", data: { commitId, title, branch: input.branch } } });
      return { commitId, changes: records, head };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  await emitRepoEvent(input.repoId, "repo", "update", { ref: { name: input.branch, oldSha: done.head, newSha: done.commitId }, commitId: done.commitId });
  return { commitId: done.commitId, changes: done.changes };
}

type BlobRow = { sha256: string; size: bigint; gitOid: string; binary: boolean };

/** A stale parent is refused before anything is stored (the locked check in the transaction still decides). */
async function assertParent(input: CommitInput): Promise<void> {
  const ref = await db().ref.findUnique({ where: { repoId_kind_name: { repoId: input.repoId, kind: "branch", name: input.branch } }, select: { commitId: true } });
  if (!ref) throw revisionNotFound(input.branch);
  if (input.parentCommit && input.parentCommit !== ref.commitId) {
    throw preconditionFailed(`The branch ${input.branch} moved: its head is ${ref.commitId}, not ${input.parentCommit}. Fetch it and try again.`);
  }
}

/**
 * The stored blobs of the commit's put operations. Content named only by hash must be
 * the author's own upload or readable to them elsewhere; content they may not name
 * gets the same answer as content never stored, so the answer reveals nothing. Content
 * that came with the request is stored last, when nothing else can refuse the commit.
 */
async function usableBlobs(input: CommitInput): Promise<{ blobs: Map<string, BlobRow>; operations: Resolved[] }> {
  const named = input.operations.flatMap((o) => (o.op === "put" && !("content" in o) ? [o] : []));
  const shas = [...new Set(named.map((o) => o.sha256))];
  const findBlobs = async () => new Map((await db().blob.findMany({ where: { sha256: { in: shas } } })).map((b) => [b.sha256, b as BlobRow]));
  let blobs = await findBlobs();
  const uploader = input.contentOf === "trusted" ? null : input.contentOf.userId;
  // An S3 upload whose completion failed after the join is verified at its first commit, for its own uploader only.
  const unverified = uploader ? shas.filter((s) => !blobs.has(s)) : [];
  if (unverified.length && (await Promise.all(unverified.map((oid) => verifyPendingFor(oid, uploader!)))).some(Boolean)) blobs = await findBlobs();
  const known = input.contentOf === "trusted" ? new Set(shas) : await contentKnownTo(input.contentOf, shas);
  for (const op of named) {
    const b = blobs.get(op.sha256);
    if (!b || !known.has(op.sha256)) throw unprocessable(`Content for "${op.path}" was never uploaded (sha256 ${op.sha256}): upload it first`);
    if (op.size !== undefined && Number(b.size) !== op.size) throw unprocessable(`Content for "${op.path}" has size ${b.size}, not ${op.size}`);
  }
  const operations: Resolved[] = [];
  const sent: string[] = [];
  for (const op of input.operations) {
    if (op.op !== "put" || !("content" in op)) {
      operations.push(op);
      continue;
    }
    const stored = await storeBytes(op.content);
    blobs.set(stored.sha256, { sha256: stored.sha256, size: BigInt(stored.size), gitOid: stored.gitOid, binary: stored.binary });
    operations.push({ op: "put", path: op.path, sha256: stored.sha256, lfs: op.lfs });
    sent.push(stored.sha256);
  }
  // Inline content is the author's own from now on, as if uploaded.
  if (uploader) await grantContent(uploader, sent);
  return { blobs, operations };
}

async function gitattributesFor(
  tx: DbTx,
  baseTreeId: string,
  ops: Resolved[],
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
