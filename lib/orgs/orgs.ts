// Organizations: namespaces with members in three roles. Admins invite and
// manage members; write members create and change the organization's repos;
// read members see its private repos. An organization keeps at least one admin.
import { notifyOrgInvite } from "../community/notifications";
import crypto from "node:crypto";
import type { Actor, OrgRole } from "../auth/actor";
import { can } from "../auth/can";
import { db } from "../db/client";
import { badRequest, conflict, forbidden, notFound } from "../errors";
import { usernameProblem } from "../repos/names";
import { isUniqueViolation } from "../db/db-errors";

export const ROLES: OrgRole[] = ["admin", "write", "read"];
const missing = (what: string) => notFound(`${what} not found`);

export async function findOrg(name: string) {
  return db().user.findFirst({ where: { username: name, isOrg: true }, select: { id: true, username: true, email: true, createdAt: true } });
}

export async function createOrg(actor: Actor, name: string) {
  if (actor.via === "token" && actor.tokenRole !== "write") throw forbidden("This token is read-only");
  const problem = usernameProblem(name);
  if (problem) throw badRequest(problem.replace("user name", "organization name"));
  const taken = await db().user.findFirst({ where: { username: { equals: name, mode: "insensitive" } }, select: { id: true } });
  if (taken) throw conflict("That name is taken by a user or an organization");
  try {
    return await db().$transaction(async (tx) => {
      // No usable password: "!" is not an argon2 hash, so no login can ever match.
      const org = await tx.user.create({ data: { username: name, email: `${name.toLowerCase()}@org.${crypto.randomUUID()}.invalid`, passwordHash: "!", isOrg: true } });
      await tx.orgMember.create({ data: { orgId: org.id, userId: actor.userId, role: "admin" } });
      return org;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("That name is taken by a user or an organization");
    throw e;
  }
}

export async function orgMembers(orgId: string) {
  const [members, invites] = await Promise.all([
    db().$queryRaw<{ userId: string; username: string; role: OrgRole; createdAt: Date }[]>`
      SELECT m."userId", u.username, m.role::text AS role, m."createdAt" FROM "OrgMember" m JOIN "User" u ON u.id = m."userId" WHERE m."orgId" = ${orgId}
      ORDER BY array_position(ARRAY['admin','write','read'], m.role::text), u.username`,
    db().$queryRaw<{ id: string; username: string; role: OrgRole }[]>`
      SELECT i.id, u.username, i.role::text AS role FROM "OrgInvite" i JOIN "User" u ON u.id = i."userId" WHERE i."orgId" = ${orgId} ORDER BY i."createdAt"`,
  ]);
  return { members, invites };
}

export async function inviteMember(actor: Actor, orgId: string, username: string, role: OrgRole) {
  if (!can(actor, "manage", { org: orgId })) throw forbidden("Only the organization's admins can invite");
  if (!ROLES.includes(role)) throw badRequest("role must be admin, write or read");
  const user = await db().user.findFirst({ where: { username, isOrg: false }, select: { id: true } });
  if (!user) throw missing(`User ${username}`);
  if (await db().orgMember.findUnique({ where: { orgId_userId: { orgId, userId: user.id } } })) throw conflict(`${username} is already a member`);
  const invite = await db().orgInvite.upsert({
    where: { orgId_userId: { orgId, userId: user.id } },
    create: { orgId, userId: user.id, role, invitedById: actor.userId },
    update: { role, invitedById: actor.userId },
  });
  const org = await db().user.findUniqueOrThrow({ where: { id: orgId }, select: { username: true } });
  await notifyOrgInvite({ actorId: actor.userId, userId: user.id, org: org.username, role });
  return invite;
}

export async function pendingInvites(userId: string) {
  return db().$queryRaw<{ id: string; org: string; role: OrgRole; invitedBy: string }[]>`
    SELECT i.id, o.username AS org, i.role::text AS role, b.username AS "invitedBy"
    FROM "OrgInvite" i JOIN "User" o ON o.id = i."orgId" JOIN "User" b ON b.id = i."invitedById"
    WHERE i."userId" = ${userId} ORDER BY i."createdAt"`;
}

export async function answerInvite(actor: Actor, inviteId: string, accept: boolean) {
  return db().$transaction(async (tx) => {
    const invite = await tx.orgInvite.findUnique({ where: { id: inviteId } });
    if (!invite || invite.userId !== actor.userId) throw missing("Invitation");
    await tx.orgInvite.delete({ where: { id: inviteId } });
    if (accept) await tx.orgMember.createMany({ data: [{ orgId: invite.orgId, userId: actor.userId, role: invite.role }], skipDuplicates: true });
    return { orgId: invite.orgId, accepted: accept };
  });
}

/** Changes a member's role, or removes them (role null). The last admin cannot leave or be demoted. */
export async function setMemberRole(actor: Actor, orgId: string, userId: string, role: OrgRole | null) {
  const self = actor.userId === userId && role === null; // anyone may leave
  if (!self && !can(actor, "manage", { org: orgId })) throw forbidden("Only the organization's admins can change members");
  return db().$transaction(async (tx) => {
    const admins = await tx.$queryRaw<{ userId: string }[]>`SELECT "userId" FROM "OrgMember" WHERE "orgId" = ${orgId} AND role = 'admin' FOR UPDATE`;
    const member = await tx.orgMember.findUnique({ where: { orgId_userId: { orgId, userId } } });
    if (!member) throw missing("Member");
    if (member.role === "admin" && role !== "admin" && admins.length === 1) throw conflict("An organization needs at least one admin: make someone else admin first");
    if (role === null) await tx.orgMember.delete({ where: { orgId_userId: { orgId, userId } } });
    else await tx.orgMember.update({ where: { orgId_userId: { orgId, userId } }, data: { role } });
  });
}

/** The owner row for creating a repo in `namespace` (the actor, or an organization they write to). */
export async function namespaceOwner(actor: Actor, namespace: string): Promise<{ id: string; username: string; email: string }> {
  if (!can(actor, "create", { namespace: namespace })) throw forbidden(`You cannot create repositories in ${namespace}`);
  if (namespace === actor.username) return { id: actor.userId, username: actor.username, email: actor.email };
  const org = await findOrg(namespace);
  if (!org) throw forbidden(`You cannot create repositories in ${namespace}`);
  return org;
}

/** Namespaces the actor may create repos in: themself first, then organizations with write access. */
export function writableNamespaces(actor: Actor): string[] {
  return [actor.username, ...(actor.orgs ?? []).filter((o) => o.role !== "read").map((o) => o.name)];
}
