// can(actor, "read", repo) and its SQL twin visibleReposSql(actor) must agree on
// every actor and every repo: owners, organization roles, site admins, read and
// write tokens, tokens scoped to one repo, anonymous visitors; public, private and
// hidden repos of users and organizations. And listings follow the same rule.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { can } from "../../lib/auth/can";
import { visibleReposSql } from "../../lib/auth/memberships";
import { actorFromToken, createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { createOrg } from "../../lib/orgs/orgs";
import { catalogueIndexStore } from "../../lib/search/index/index-store";
import { startApiServer } from "../setup/api-server";
import { actorOf, seedRepo, seedUser } from "../setup/factories";

type R = { id: string; ownerId: string; private: boolean; hiddenAt: Date | null; label: string };

const repos: R[] = [];
let actors: [string, Actor | null][] = [];
let tokens: { scoped: string; unscoped: string; ownerName: string; scopedRepo: string; otherPrivate: string };

beforeAll(async () => {
  const [alice, bob, admin] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  await db().user.update({ where: { id: admin.id }, data: { isAdmin: true } });
  const org = await createOrg(await actorOf(alice), `o-${alice.username}`.slice(0, 39));
  await db().orgMember.create({ data: { orgId: org.id, userId: bob.id, role: "read" } });
  const orgOwner = { id: org.id, username: org.username, email: `${org.username}@org.test` };
  const make = async (owner: { id: string; username: string; email: string }, label: string, opts: { private?: boolean; hidden?: boolean }) => {
    const r = await seedRepo(owner, { private: opts.private });
    if (opts.hidden) await db().repo.update({ where: { id: r.id }, data: { hiddenAt: new Date() } });
    const row = await db().repo.findUniqueOrThrow({ where: { id: r.id }, select: { id: true, ownerId: true, private: true, hiddenAt: true } });
    repos.push({ ...row, label });
    return row;
  };
  const alicePrivate = await make(alice, "alice private", { private: true });
  const aliceOther = await make(alice, "alice other private", { private: true });
  await make(alice, "alice public", {});
  await make(alice, "alice hidden", { hidden: true });
  await make(alice, "alice private hidden", { private: true, hidden: true });
  await make(bob, "bob private", { private: true });
  await make(bob, "bob public hidden", { hidden: true });
  await make(orgOwner, "org private", { private: true });
  await make(orgOwner, "org public", {});
  await make(orgOwner, "org hidden", { hidden: true });

  const token = async (u: { id: string }, role: "read" | "write", repoId?: string) => actorFromToken((await createToken(u.id, "t", role, repoId)).token);
  const scoped = await createToken(alice.id, "scoped", "write", alicePrivate.id);
  tokens = { scoped: scoped.token, unscoped: (await createToken(alice.id, "all", "read")).token, ownerName: alice.username, scopedRepo: alicePrivate.id, otherPrivate: aliceOther.id };
  actors = [
    ["anonymous", null],
    ["alice (session)", await actorOf(alice)],
    ["alice read token", await token(alice, "read")],
    ["alice token scoped to her private repo", await actorFromToken(scoped.token)],
    ["bob, org reader (session)", await actorOf(bob)],
    ["bob token scoped to his repo", await token(bob, "write", repos.find((r) => r.label === "bob private")!.id)],
    ["site admin (session)", await actorOf(admin)],
    ["site admin read token", await token(admin, "read")],
  ];
});

describe("can() and visibleReposSql()", () => {
  it("agree on every actor and every repo", async () => {
    let compared = 0;
    for (const [who, actor] of actors) {
      const rows = await db().$queryRaw<{ id: string }[]>`SELECT r.id FROM "Repo" r WHERE r.id = ANY(${repos.map((r) => r.id)}::text[]) AND ${visibleReposSql(actor)}`;
      const sql = new Set(rows.map((r) => r.id));
      for (const repo of repos) {
        expect(sql.has(repo.id), `${who} × ${repo.label}`).toBe(can(actor, "read", repo));
        compared++;
      }
    }
    expect(compared).toBe(actors.length * repos.length);
  });

  it("scope a token's private reach to its one repo, in listings and search too", async () => {
    // the in-memory index answers once loaded: the rule must hold there as in PostgreSQL
    const store = catalogueIndexStore()!;
    await store.start();
    expect(store.state).toBe("ready");
    const server = await startApiServer();
    try {
      // the owner's own listings first: her private rows are then in the row cache
      for (const query of [`author=${tokens.ownerName}`, `search=${tokens.ownerName}`, ""]) {
        const mine = await server.call("GET", `/api/models?${query}&limit=1000`, { token: tokens.unscoped });
        expect(((await mine.json()) as { _id: string }[]).map((m) => m._id), query).toContain(tokens.otherPrivate);
      }
      for (const query of [`author=${tokens.ownerName}`, `search=${tokens.ownerName}`, ""]) {
        const res = await server.call("GET", `/api/models?${query}&limit=1000`, { token: tokens.scoped });
        const ids = ((await res.json()) as { _id: string }[]).map((m) => m._id);
        expect(ids, query).not.toContain(tokens.otherPrivate);
        if (query.startsWith("author")) expect(ids).toContain(tokens.scopedRepo);
      }
      const facets = await server.call("GET", `/api/model-facets?author=${tokens.ownerName}`, { token: tokens.scoped });
      expect(facets.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("never let a scoped token act beyond its repo", () => {
    const [, scoped] = actors.find(([w]) => w === "alice token scoped to her private repo")!;
    const other = repos.find((r) => r.label === "alice other private")!;
    const mine = repos.find((r) => r.id === tokens.scopedRepo)!;
    expect(can(scoped, "write", mine)).toBe(true);
    for (const action of ["read", "write", "participate", "moderate"] as const) expect(can(scoped, action, other)).toBe(false);
    expect(can(scoped, "create", { namespace: tokens.ownerName })).toBe(false);
  });
});
