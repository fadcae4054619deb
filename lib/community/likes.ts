// Likes: one per user per model, the count kept on the repo row in the same transaction.
import type { Actor } from "../auth/actor";
import { visibleReposSql } from "../auth/memberships";
import { db } from "../db/client";

export async function setLike(userId: string, repoId: string, liked: boolean): Promise<{ liked: boolean; likes: number }> {
  return db().$transaction(async (tx) => {
    if (liked) {
      const made = await tx.like.createMany({ data: [{ userId, repoId }], skipDuplicates: true });
      if (made.count) {
        await tx.repo.update({ where: { id: repoId }, data: { likes: { increment: 1 } } });
        await tx.activity.create({ data: { userId, repoId, kind: "like" } });
      }
    } else {
      const gone = await tx.like.deleteMany({ where: { userId, repoId } });
      if (gone.count) await tx.repo.update({ where: { id: repoId }, data: { likes: { decrement: 1 } } });
    }
    const repo = await tx.repo.findUniqueOrThrow({ where: { id: repoId }, select: { likes: true } });
    return { liked, likes: repo.likes };
  });
}

/** Whether a user likes a repo (one indexed lookup; the count is on the repo row). */
export async function hasLiked(userId: string | null, repoId: string): Promise<boolean> {
  if (!userId) return false;
  const rows = await db().$queryRaw<unknown[]>`SELECT 1 FROM "Like" WHERE "userId" = ${userId} AND "repoId" = ${repoId}`;
  return rows.length > 0;
}

export async function likes(userId: string | null, repoId: string): Promise<{ liked: boolean; likes: number }> {
  const [repo, liked] = await Promise.all([db().repo.findUniqueOrThrow({ where: { id: repoId }, select: { likes: true } }), hasLiked(userId, repoId)]);
  return { liked, likes: repo.likes };
}

/** Models a user liked, newest like first, as the viewer may see them. */
export async function likedRepoIds(userId: string, take = 100): Promise<string[]> {
  return (await db().like.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take, select: { repoId: true } })).map((l) => l.repoId);
}

/** What a user liked, newest first, among the repos the viewer may see (HF list_liked_repos). */
export async function likedReposOf(viewer: Actor | null, username: string, take = 1000): Promise<{ id: string; type: string; likedAt: Date }[] | null> {
  const user = await db().user.findUnique({ where: { username }, select: { id: true } });
  if (!user) return null;
  return db().$queryRaw<{ id: string; type: string; likedAt: Date }[]>`
    SELECT u.username || '/' || r.name AS id, r.type, l."createdAt" AS "likedAt"
    FROM "Like" l JOIN "Repo" r ON r.id = l."repoId" JOIN "User" u ON u.id = r."ownerId"
    WHERE l."userId" = ${user.id} AND ${visibleReposSql(viewer)}
    ORDER BY l."createdAt" DESC LIMIT ${take}`;
}

/** Who liked a repo, newest first (HF list_repo_likers). */
export async function likersOf(repoId: string, take = 1000): Promise<{ username: string; isOrg: boolean }[]> {
  return db().$queryRaw<{ username: string; isOrg: boolean }[]>`
    SELECT u.username, u."isOrg" FROM "Like" l JOIN "User" u ON u.id = l."userId"
    WHERE l."repoId" = ${repoId} AND u."suspendedAt" IS NULL
    ORDER BY l."createdAt" DESC LIMIT ${take}`;
}
