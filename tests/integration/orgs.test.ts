// Organizations: roles everywhere (read, write, admin), invitations, the last
// admin, repos owned by organizations, and organizations never logging in.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { can } from "../../lib/auth/can";
import { withMemberships } from "../../lib/auth/memberships";
import { checkCredentials } from "../../lib/auth/users";
import { db } from "../../lib/db/client";
import { forkRepo } from "../../lib/forks/fork-repo";
import { answerInvite, createOrg, inviteMember, namespaceOwner, pendingInvites, setMemberRole, writableNamespaces } from "../../lib/orgs/orgs";
import { createRepo } from "../../lib/repos/create-repo";
import { findRepo } from "../../lib/repos/find-repo";
import { listRepos } from "../../lib/repos/list-repos";
import { seedRepo, seedUser, uniq } from "../setup/factories";

const actorOf = (u: { id: string; username: string; email: string }, extra: Partial<Actor> = {}) =>
  withMemberships<Actor>({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session", ...extra });

async function orgWith(roles: Record<"admin" | "write" | "read", { id: string; username: string; email: string }>) {
  const name = uniq("org");
  const org = await createOrg(await actorOf(roles.admin), name);
  for (const r of ["write", "read"] as const) {
    const inv = await inviteMember(await actorOf(roles.admin), org.id, roles[r].username, r);
    await answerInvite(await actorOf(roles[r]), inv.id, true);
  }
  return org;
}

describe("organizations", () => {
  it("give each role its rights on the organization's repos, in pages, API and listings", async () => {
    const [admin, writer, reader, outsider] = await Promise.all([seedUser(), seedUser(), seedUser(), seedUser()]);
    const org = await orgWith({ admin, write: writer, read: reader });
    const repo = await createRepo({ owner: await namespaceOwner(await actorOf(writer), org.username), author: writer, name: "secret", private: true });
    const row = (await findRepo(org.username, "secret"))!;
    const firstCommit = await db().commit.findUniqueOrThrow({ where: { id: repo.commitId } });
    expect(firstCommit.authorId).toBe(writer.id); // the member is the author; the org is the owner
    const [a, w, r, o] = await Promise.all([actorOf(admin), actorOf(writer), actorOf(reader), actorOf(outsider)]);
    expect([a, w, r, o].map((x) => can(x, "read", row))).toEqual([true, true, true, false]);
    expect([a, w, r, o].map((x) => can(x, "write", row))).toEqual([true, true, false, false]);
    expect(can(null, "read", row)).toBe(false);
    expect([a, w, r, o].map((x) => can(x, "create", { namespace: org.username }))).toEqual([true, true, false, false]);
    // a read-only token of the writer cannot write, a write token can
    const readToken = await actorOf(writer, { via: "token", tokenRole: "read" });
    expect(can(readToken, "write", row)).toBe(false);
    expect(can(await actorOf(writer, { via: "token", tokenRole: "write" }), "write", row)).toBe(true);
    // listings show the private repo to members only
    const names = async (x: Actor | null) => (await listRepos({ actor: x, owner: org.username })).repos.map((p) => p.name);
    expect(await names(r)).toEqual(["secret"]);
    expect(await names(o)).toEqual([]);
    expect(writableNamespaces(w)).toEqual([writer.username, org.username]);
    expect(writableNamespaces(r)).toEqual([reader.username]);
    await expect(namespaceOwner(r, org.username)).rejects.toMatchObject({ status: 403 });
    // fork into the organization
    const pub = await seedRepo(outsider);
    const fork = await forkRepo({ owner: await namespaceOwner(w, org.username), source: (await findRepo(outsider.username, pub.name))! });
    expect(fork.owner).toBe(org.username);
  });

  it("invite, decline, re-invite, change roles and keep one admin", async () => {
    const [admin, bob] = await Promise.all([seedUser(), seedUser()]);
    const a = await actorOf(admin);
    const org = await createOrg(a, uniq("team"));
    const aa = await actorOf(admin); // memberships now include the org
    await expect(inviteMember(await actorOf(bob), org.id, admin.username, "read")).rejects.toMatchObject({ status: 403 });
    const inv = await inviteMember(aa, org.id, bob.username, "write");
    expect(await pendingInvites(bob.id)).toEqual([{ id: inv.id, org: org.username, role: "write", invitedBy: admin.username }]);
    await expect(answerInvite(aa, inv.id, true)).rejects.toMatchObject({ status: 404 }); // not the invitee
    await answerInvite(await actorOf(bob), inv.id, false);
    expect((await actorOf(bob)).orgs).toEqual([]);
    const again = await inviteMember(aa, org.id, bob.username, "admin");
    await answerInvite(await actorOf(bob), again.id, true);
    expect((await actorOf(bob)).orgs).toEqual([{ id: org.id, name: org.username, role: "admin" }]);
    await expect(inviteMember(aa, org.id, bob.username, "read")).rejects.toMatchObject({ status: 409 });
    await setMemberRole(aa, org.id, admin.id, "read"); // bob is still admin
    await expect(setMemberRole(await actorOf(bob), org.id, bob.id, "write")).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/at least one admin/) });
    await setMemberRole(await actorOf(admin), org.id, admin.id, null); // anyone may leave
    expect((await actorOf(admin)).orgs).toEqual([]);
  });

  it("are namespaces, never logins, and share the user name space", async () => {
    const u = await seedUser();
    const org = await createOrg(await actorOf(u), uniq("acme"));
    expect(await checkCredentials(org.username, "!")).toBeNull();
    await expect(createOrg(await actorOf(u), u.username)).rejects.toMatchObject({ status: 409 });
    await expect(createOrg(await actorOf(u), "../bad")).rejects.toMatchObject({ status: 400 });
  });
});
