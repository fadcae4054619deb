// The one permission check. Private repos are visible to their owner only;
// writing needs the owner and, for tokens, the write role. A repo-scoped token
// reaches its own repo only (public repos stay readable, as they are to anyone).
import type { Actor } from "./actor";

export type RepoAccess = { id?: string; ownerId: string; private: boolean };
export type Action = "read" | "write";

export function can(actor: Actor | null, action: Action, repo: RepoAccess): boolean {
  const inScope = !actor?.tokenRepoId || actor.tokenRepoId === repo.id;
  const isOwner = actor?.userId === repo.ownerId && inScope;
  if (action === "read") return !repo.private || isOwner;
  return isOwner && (actor!.via === "session" || actor!.tokenRole === "write");
}

/** Creating repos in a namespace: the user themself, with a write-capable, unscoped credential. */
export function canWriteNamespace(actor: Actor | null, namespace: string): boolean {
  if (!actor || actor.username !== namespace || actor.tokenRepoId) return false;
  return actor.via === "session" || actor.tokenRole === "write";
}
