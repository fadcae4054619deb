// Repo settings and deletion. Deleting removes the repo and its refs; commits,
// trees and blobs are shared objects and stay for other repos that reach them.
import { db } from "../db/client";

export async function setRepoVisibility(repoId: string, isPrivate: boolean): Promise<void> {
  await db().repo.update({ where: { id: repoId }, data: { private: isPrivate } });
}

export async function deleteRepo(repoId: string): Promise<void> {
  await db().repo.delete({ where: { id: repoId } });
}
