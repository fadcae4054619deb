// The one permission check: can(actor, action, target). Every question of the kind
// "may this caller do that" is asked here (or of its SQL twin, visibleReposSql, for
// listings), so the rules are written once:
// - A repo is readable by anyone when public and not hidden by moderators (hidden
//   ones by site admins too), and by its owner or its organization's members.
// - Writing needs the owner, or an organization admin or writer.
// - A token never does more than its role allows, and a repo-scoped token reaches
//   only its own repo beyond what is public. A browser session is write-capable.
import type { Actor } from "./actor";

export type RepoAccess = { id?: string; ownerId: string; private: boolean; hiddenAt?: Date | null };

/**
 * read: see the repo and its files (gated files need granted access: lib/gating).
 * write: commit, manage refs, settings, webhooks. participate: like, comment, open
 * discussions and pull requests, ask for access (as oneself, on a repo one can read).
 * moderate: pin, lock, hide and close others' discussions (writers and site admins).
 */
export type RepoAction = "read" | "write" | "participate" | "moderate";
export type Action = RepoAction;

type Target =
  | { repo: RepoAccess }
  /** Create repositories under a user's or organization's name. */
  | { namespace: string }
  /** Manage an organization's members and invitations. */
  | { org: string };

/** The actor's standing toward an owner: the owner themself, or their role in that organization. */
function standing(actor: Actor, ownerId: string): "owner" | "admin" | "write" | "read" | null {
  if (actor.userId === ownerId) return "owner";
  return actor.orgs?.find((o) => o.id === ownerId)?.role ?? null;
}

const writeCapable = (actor: Actor) => actor.via === "session" || actor.tokenRole === "write";
const inScope = (actor: Actor, repoId: string | undefined) => !actor.tokenRepoId || actor.tokenRepoId === repoId;

function canRepo(actor: Actor | null, action: RepoAction, repo: RepoAccess): boolean {
  if (!actor) return action === "read" && !repo.private && !repo.hiddenAt;
  const role = inScope(actor, repo.id) ? standing(actor, repo.ownerId) : null;
  const readable = role !== null || (!repo.private && (!repo.hiddenAt || actor.isAdmin));
  switch (action) {
    case "read":
      return readable;
    case "write":
      return (role === "owner" || role === "admin" || role === "write") && writeCapable(actor);
    case "participate":
      return readable && writeCapable(actor) && inScope(actor, repo.id);
    case "moderate":
      return readable && writeCapable(actor) && (role === "owner" || role === "admin" || role === "write" || (actor.isAdmin && inScope(actor, repo.id)));
  }
}

export function can(actor: Actor | null, action: RepoAction, repo: RepoAccess): boolean;
export function can(actor: Actor | null, action: "create", target: { namespace: string }): boolean;
export function can(actor: Actor | null, action: "manage", target: { org: string }): boolean;
export function can(actor: Actor | null, action: string, target: RepoAccess | Target): boolean {
  if ("ownerId" in target) return canRepo(actor, action as RepoAction, target);
  if ("repo" in target) return canRepo(actor, action as RepoAction, target.repo);
  // Everything below acts beyond one repo: a repo-scoped token may not.
  if (!actor || actor.tokenRepoId || !writeCapable(actor)) return false;
  if ("namespace" in target) {
    if (actor.username === target.namespace) return true;
    const role = actor.orgs?.find((o) => o.name === target.namespace)?.role;
    return role === "admin" || role === "write";
  }
  return actor.orgs?.some((o) => o.id === target.org && o.role === "admin") === true;
}

/**
 * Site administration (moderation queue, suspensions, audit logs): a site admin in
 * a browser session or with an unscoped token; changes need a write-capable one.
 */
export function canAdminister(actor: Actor | null, mode: "view" | "act"): boolean {
  if (!actor?.isAdmin || actor.tokenRepoId) return false;
  return mode === "view" || writeCapable(actor);
}
