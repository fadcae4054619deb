// Site-admin powers: hiding repos, suspending users. Each is audited.
import type { Actor } from "../auth/actor";
import { canAdminister } from "../auth/can";
import { db } from "../db/client";
import { badRequest, forbidden, notFound, unauthorized } from "../errors";
import { recordModeration } from "./audit-log";

/** The actor, when they may administer the site (`canAdminister`); else 401/403. */
export function siteAdmin(actor: Actor | null, mode: "view" | "act" = "act"): Actor {
  if (!actor) throw unauthorized("Sign in as a site admin");
  if (!canAdminister(actor, mode)) throw forbidden("Only site admins can do this");
  return actor;
}

const reasonOf = (reason: string | undefined) => {
  const r = reason?.trim() ?? "";
  if (r.length > 1000) throw badRequest("A reason is at most 1000 characters");
  return r || null;
};

/** Hidden repos disappear for everyone but their owners and admins (lists, pages, API, downloads). */
export async function setRepoHidden(actor: Actor | null, repoId: string, hidden: boolean, reason?: string) {
  const a = siteAdmin(actor);
  const repo = await db().repo.findUnique({ where: { id: repoId }, select: { id: true, hiddenAt: true } });
  if (!repo) throw notFound("Repo not found");
  if (!!repo.hiddenAt === hidden) return;
  await db().$transaction(async (tx) => {
    await tx.repo.update({ where: { id: repoId }, data: { hiddenAt: hidden ? new Date() : null } });
    await recordModeration({ actorId: a.userId, action: hidden ? "hide-repo" : "unhide-repo", targetType: "repo", targetId: repoId, repoId, reason: reasonOf(reason) }, tx);
  });
}

/** A suspended user cannot sign in; their sessions and tokens stop working at once. */
export async function setUserSuspended(actor: Actor | null, userId: string, suspended: boolean, reason?: string) {
  const a = siteAdmin(actor);
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, username: true, isAdmin: true, isOrg: true, suspendedAt: true } });
  if (!user || user.isOrg) throw notFound("User not found");
  if (suspended && (user.isAdmin || user.id === a.userId)) throw badRequest("Site admins cannot be suspended here (remove the admin role first)");
  if (!!user.suspendedAt === suspended) return;
  const why = reasonOf(reason);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: suspended ? { suspendedAt: new Date(), suspendedReason: why, sessionVersion: { increment: 1 } } : { suspendedAt: null, suspendedReason: null } });
    await recordModeration({ actorId: a.userId, action: suspended ? "suspend-user" : "unsuspend-user", targetType: "user", targetId: userId, reason: why, data: { username: user.username } }, tx);
  });
}

export async function userSuspension(userId: string): Promise<{ at: Date; reason: string | null } | null> {
  const u = await db().user.findUnique({ where: { id: userId }, select: { suspendedAt: true, suspendedReason: true } });
  return u?.suspendedAt ? { at: u.suspendedAt, reason: u.suspendedReason } : null;
}
