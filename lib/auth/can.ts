// The one permission check. Private repos are visible to their owner only;
// writing needs the owner and, for tokens, the write role.
import type { Actor } from "./actor";

export type RepoAccess = { ownerId: string; private: boolean };
export type Action = "read" | "write";

export function can(actor: Actor | null, action: Action, repo: RepoAccess): boolean {
  const isOwner = actor?.userId === repo.ownerId;
  if (action === "read") return !repo.private || isOwner;
  return isOwner && (actor!.via === "session" || actor!.tokenRole === "write");
}

/** Creating repos in a namespace: the user themself, with a write-capable credential. */
export function canWriteNamespace(actor: Actor | null, namespace: string): boolean {
  if (!actor || actor.username !== namespace) return false;
  return actor.via === "session" || actor.tokenRole === "write";
}
