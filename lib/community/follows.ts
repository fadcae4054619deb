// Following users and organizations, and what a profile shows as activity.
import { db } from "../db/client";
import type { Actor } from "../auth/actor";
import { visibleReposSql } from "../auth/memberships";
import { badRequest } from "../errors";

export async function setFollow(followerId: string, followeeId: string, follow: boolean): Promise<void> {
  if (followerId === followeeId) throw badRequest("You cannot follow yourself");
  if (follow) await db().follow.createMany({ data: [{ followerId, followeeId }], skipDuplicates: true });
  else await db().follow.deleteMany({ where: { followerId, followeeId } });
}

export async function followStats(userId: string, viewerId: string | null) {
  const [followers, following, mine] = await Promise.all([
    db().follow.count({ where: { followeeId: userId } }),
    db().follow.count({ where: { followerId: userId } }),
    viewerId ? db().follow.findUnique({ where: { followerId_followeeId: { followerId: viewerId, followeeId: userId } } }) : null,
  ]);
  return { followers, following, followedByViewer: !!mine };
}

export type ActivityItem = { kind: "commit" | "create" | "like" | "fork"; at: Date; repo: string; title: string | null; commitId: string | null };

/** Recent activity of a user on repos the viewer may see, newest first. */
export async function userActivity(userId: string, viewer: Actor | null, take = 30): Promise<ActivityItem[]> {
  return db().$queryRaw<ActivityItem[]>`
    SELECT a.kind, a."createdAt" AS at, u.username || '/' || r.name AS repo, a.data->>'title' AS title, a.data->>'commitId' AS "commitId"
    FROM "Activity" a JOIN "Repo" r ON r.id = a."repoId" JOIN "User" u ON u.id = r."ownerId"
    WHERE a."userId" = ${userId} AND ${visibleReposSql(viewer)}
    ORDER BY a."createdAt" DESC LIMIT ${take}`;
}
