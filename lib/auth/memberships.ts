// A user's organization memberships, loaded with every signed-in actor so the
// permission check stays a pure function.
import { db, Prisma } from "../db/client";
import type { Actor, OrgMembership } from "./actor";

export async function membershipsOf(userId: string): Promise<OrgMembership[]> {
  return db().$queryRaw<OrgMembership[]>`
    SELECT o.id, o.username AS name, m.role::text AS role FROM "OrgMember" m JOIN "User" o ON o.id = m."orgId"
    WHERE m."userId" = ${userId} ORDER BY o.username`;
}

export async function withMemberships<A extends Actor | null>(actor: A): Promise<A> {
  if (actor) actor.orgs = await membershipsOf(actor.userId);
  return actor;
}

/** Owner ids whose private repos the actor may see: themself and their organizations. */
export function visibleOwnerIds(actor: Actor | null): string[] {
  return actor ? [actor.userId, ...(actor.orgs ?? []).map((o) => o.id)] : [];
}

/**
 * SQL condition over "Repo" r: the repos the actor may see. The SQL twin of
 * can(actor, "read", r), term for term (tests/integration/permissions-twin.test.ts
 * checks them against each other): public and not hidden (hidden too for site
 * admins), or owned by the actor or one of their organizations, and for a
 * repo-scoped token only that one repo among those.
 */
export function visibleReposSql(actor: Actor | null): Prisma.Sql {
  const open = Prisma.sql`(NOT r.private AND ${actor?.isAdmin ? Prisma.sql`TRUE` : Prisma.sql`r."hiddenAt" IS NULL`})`;
  if (!actor) return open;
  const own = Prisma.sql`r."ownerId" = ANY(${visibleOwnerIds(actor)}::text[])`;
  return actor.tokenRepoId ? Prisma.sql`(${open} OR (${own} AND r.id = ${actor.tokenRepoId}))` : Prisma.sql`(${open} OR ${own})`;
}
