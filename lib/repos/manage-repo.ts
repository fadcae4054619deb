// Repo settings and deletion. Deleting removes the repo and its refs; commits,
// trees and blobs are shared objects and stay for other repos that reach them.
import { db } from "../db/client";
import { emitRepoEvent } from "../webhooks/emit";

export async function setRepoVisibility(repoId: string, isPrivate: boolean): Promise<void> {
  const before = await db().repo.findUnique({ where: { id: repoId }, select: { private: true } });
  await db().repo.update({ where: { id: repoId }, data: { private: isPrivate } });
  if (before && before.private !== isPrivate) await emitRepoEvent(repoId, "repo", "update", { config: { private: isPrivate } }, "repo.config");
}

/** Whether `git push --force` may rewrite the default branch (off by default; other branches always may). */
export async function setForcePushes(repoId: string, allow: boolean): Promise<void> {
  await db().repo.update({ where: { id: repoId }, data: { allowForcePush: allow } });
}

export async function forcePushesAllowed(repoId: string): Promise<boolean> {
  return (await db().repo.findUnique({ where: { id: repoId }, select: { allowForcePush: true } }))?.allowForcePush ?? false;
}

export async function deleteRepo(repoId: string): Promise<void> {
  await db().repo.delete({ where: { id: repoId } });
}
