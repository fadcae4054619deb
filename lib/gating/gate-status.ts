// Where an actor stands toward a gated repo's files: "open" when it is not gated or
// they keep it (writers, site admins), else the status of their latest request.
import type { Actor } from "../auth/actor";
import { can, canAdminister, type RepoAccess } from "../auth/can";
import { db } from "../db/client";

export type GateStatus = "open" | "none" | "pending" | "accepted" | "rejected";
export type AccessStatus = "pending" | "accepted" | "rejected";

export async function latestAccessRequest(repoId: string, userId: string) {
  return db().accessRequest.findFirst({ where: { repoId, userId }, orderBy: { createdAt: "desc" } });
}

export async function gateStatus(actor: Actor | null, repo: RepoAccess & { id: string; gated: string | null }): Promise<GateStatus> {
  if (!repo.gated || canAdminister(actor, "view") || can(actor, "write", repo)) return "open";
  if (!actor) return "none";
  return ((await latestAccessRequest(repo.id, actor.userId))?.status as AccessStatus | undefined) ?? "none";
}
