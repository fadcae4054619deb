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

/** SQL condition over "Repo" r: the repos the actor may see (the SQL twin of can(actor, "read")). */
export function visibleReposSql(actor: Actor | null): Prisma.Sql {
  const open = Prisma.sql`(NOT r.private AND ${actor?.isAdmin ? Prisma.sql`TRUE` : Prisma.sql`r."hiddenAt" IS NULL`})`;
  return actor ? Prisma.sql`(${open} OR r."ownerId" = ANY(${visibleOwnerIds(actor)}))` : open;
}
