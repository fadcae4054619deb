// What an admin does from the report queue: act on the reported thing (hide it,
// lock a discussion, suspend its author) and close its reports, or dismiss them.
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { badRequest, notFound } from "../errors";
import { changeDiscussion, hideComment } from "../discussions/discussions";
import { findRepoById } from "../repos/find-repo";
import { siteAdmin, setRepoHidden, setUserSuspended } from "./admin";
import { closeReports } from "./reports";

export const TARGET_ACTIONS = ["hide", "unhide", "lock", "suspend-author", "dismiss"] as const;
export type TargetAction = (typeof TARGET_ACTIONS)[number];

async function repoOf(repoId: string) {
  const repo = await findRepoById(repoId);
  if (!repo) throw notFound("The repo is gone");
  return repo;
}

/** The user behind a target: a repo's owner, a discussion's or comment's author, or the user. */
async function authorOf(targetType: string, targetId: string): Promise<string> {
  if (targetType === "user") return targetId;
  if (targetType === "repo") return (await db().repo.findUniqueOrThrow({ where: { id: targetId }, select: { ownerId: true } })).ownerId;
  if (targetType === "discussion") return (await db().discussion.findUniqueOrThrow({ where: { id: targetId }, select: { authorId: true } })).authorId;
  return (await db().comment.findUniqueOrThrow({ where: { id: targetId }, select: { authorId: true } })).authorId;
}

export async function actOnTarget(actor: Actor | null, targetType: string, targetId: string, action: TargetAction, reason?: string): Promise<void> {
  const admin = siteAdmin(actor);
  if (!TARGET_ACTIONS.includes(action)) throw badRequest("Unknown moderation action");
  if (action === "dismiss") {
    await closeReports(admin, targetType, targetId, "dismissed", reason);
    return;
  }
  if (action === "suspend-author") {
    await setUserSuspended(admin, await authorOf(targetType, targetId), true, reason);
  } else if (targetType === "repo") {
    if (action === "lock") throw badRequest("Repos are hidden, not locked");
    await setRepoHidden(admin, targetId, action === "hide", reason);
  } else if (targetType === "discussion") {
    const d = await db().discussion.findUniqueOrThrow({ where: { id: targetId }, select: { repoId: true, num: true } });
    await changeDiscussion(admin, await repoOf(d.repoId), d.num, action === "lock" ? { locked: true } : { hidden: action === "hide" });
  } else if (targetType === "comment") {
    if (action === "lock") throw badRequest("Lock the discussion instead");
    const c = await db().comment.findUniqueOrThrow({ where: { id: targetId }, select: { discussion: { select: { repoId: true } } } });
    await hideComment(admin, await repoOf(c.discussion.repoId), targetId, action === "hide");
  } else if (targetType === "user") {
    throw badRequest("Suspend the user instead");
  }
  if (action !== "unhide") await closeReports(admin, targetType, targetId, "resolved", reason);
}
