// The one permission check. Private repos are visible to their owner only;
// repos hidden by moderators to their owners and site admins;
// writing needs the owner and, for tokens, the write role. A repo-scoped token
// reaches its own repo only (public repos stay readable, as they are to anyone).
import type { Actor } from "./actor";

export type RepoAccess = { id?: string; ownerId: string; private: boolean; hiddenAt?: Date | null };
export type Action = "read" | "write";

/** The actor's standing toward an owner: the owner themself, or their role in that organization. */
function standing(actor: Actor, ownerId: string): "owner" | "admin" | "write" | "read" | null {
  if (actor.userId === ownerId) return "owner";
  return actor.orgs?.find((o) => o.id === ownerId)?.role ?? null;
}

const writeCapable = (actor: Actor) => actor.via === "session" || actor.tokenRole === "write";

export function can(actor: Actor | null, action: Action, repo: RepoAccess): boolean {
  if (!actor) return action === "read" && !repo.private && !repo.hiddenAt;
  const inScope = !actor.tokenRepoId || actor.tokenRepoId === repo.id;
  const role = inScope ? standing(actor, repo.ownerId) : null;
  if (action === "read") return role !== null || (!repo.private && (!repo.hiddenAt || actor.isAdmin));
  return (role === "owner" || role === "admin" || role === "write") && writeCapable(actor);
}

/** Creating repos in a namespace: the user themself or an organization they write to, with a write-capable, unscoped credential. */
export function canWriteNamespace(actor: Actor | null, namespace: string): boolean {
  if (!actor || actor.tokenRepoId || !writeCapable(actor)) return false;
  if (actor.username === namespace) return true;
  const role = actor.orgs?.find((o) => o.name === namespace)?.role;
  return role === "admin" || role === "write";
}

/** Managing an organization (members, invitations): its admins, in a browser session or with a write token. */
export function canAdminOrg(actor: Actor | null, orgId: string): boolean {
  return !!actor && !actor.tokenRepoId && writeCapable(actor) && actor.orgs?.some((o) => o.id === orgId && o.role === "admin") === true;
}

/**
 * Proposing changes (a pull request) to a repo one can read: any signed-in user,
 * with a session or a write token that is not scoped to another repo.
 */
export function canPropose(actor: Actor | null, repo: RepoAccess): boolean {
  return !!actor && writeCapable(actor) && (!actor.tokenRepoId || actor.tokenRepoId === repo.id) && can(actor, "read", repo);
}
