import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { checkCredentials, createUser, resetPassword } from "../../lib/auth/users";
import { actorFromToken, createToken } from "../../lib/auth/tokens";
import { can } from "../../lib/auth/can";
import { seedUser, uniq } from "../setup/factories";

describe("users", () => {
  it("signs up with hashed passwords and signs in by email or user name", async () => {
    const u = await seedUser();
    const row = await db().user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(u.password);
    expect((await checkCredentials(u.email.toUpperCase(), u.password))?.id).toBe(u.id);
    expect((await checkCredentials(u.username, u.password))?.id).toBe(u.id);
    expect(await checkCredentials(u.username, "wrong password")).toBeNull();
    expect(await checkCredentials("nobody-here", "whatever1")).toBeNull();
  });

  it("refuses taken names (any case), reserved names, bad emails and short passwords", async () => {
    const u = await seedUser();
    await expect(createUser({ username: u.username.toUpperCase(), email: `${uniq("x")}@e.test`, password: "long enough" })).rejects.toMatchObject({ status: 409 });
    await expect(createUser({ username: uniq("y"), email: u.email, password: "long enough" })).rejects.toMatchObject({ status: 409 });
    await expect(createUser({ username: "models", email: `${uniq("z")}@e.test`, password: "long enough" })).rejects.toMatchObject({ status: 400 });
    await expect(createUser({ username: uniq("w"), email: "not-an-email", password: "long enough" })).rejects.toMatchObject({ status: 400 });
    await expect(createUser({ username: uniq("v"), email: `${uniq("v")}@e.test`, password: "short" })).rejects.toMatchObject({ status: 400 });
  });

  it("resets a password", async () => {
    const u = await seedUser();
    await resetPassword(u.id, "a brand new password");
    expect(await checkCredentials(u.username, u.password)).toBeNull();
    expect(await checkCredentials(u.username, "a brand new password")).not.toBeNull();
  });
});

describe("API tokens", () => {
  it("start with hf_, are stored hashed, and carry their role", async () => {
    const u = await seedUser();
    const { token } = await createToken(u.id, "ci", "read");
    expect(token).toMatch(/^hf_[A-Za-z0-9]{37}$/);
    const row = await db().accessToken.findFirstOrThrow({ where: { userId: u.id } });
    expect(row.tokenHash).not.toContain(token);
    const actor = await actorFromToken(token);
    expect(actor).toMatchObject({ userId: u.id, via: "token", tokenRole: "read" });
    expect(can(actor, "write", { ownerId: u.id, private: false })).toBe(false);
    expect(can({ ...actor, tokenRole: "write" }, "write", { ownerId: u.id, private: false })).toBe(true);
  });

  it("answers 401 for unknown, malformed and revoked tokens", async () => {
    const u = await seedUser();
    const { id, token } = await createToken(u.id, "t", "write");
    await expect(actorFromToken("hf_" + "x".repeat(37))).rejects.toMatchObject({ status: 401 });
    await expect(actorFromToken("not-a-token")).rejects.toMatchObject({ status: 401 });
    await db().accessToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await expect(actorFromToken(token)).rejects.toMatchObject({ status: 401 });
  });
});

describe("token scopes and management", () => {
  it("keeps a repo-scoped token to its repo", async () => {
    const { seedRepo } = await import("../setup/factories");
    const { repoFor } = await import("../../lib/repos/find-repo");
    const { can } = await import("../../lib/auth/can");
    const u = await seedUser();
    const a = await seedRepo(u);
    const b = await seedRepo(u);
    const hidden = await seedRepo(u, { private: true });
    const { token } = await createToken(u.id, "scoped", "write", a.id);
    const actor = await actorFromToken(token);
    await expect(repoFor(actor, u.username, a.name, "write")).resolves.toMatchObject({ id: a.id });
    await expect(repoFor(actor, u.username, b.name, "write")).rejects.toMatchObject({ status: 403 });
    await expect(repoFor(actor, u.username, b.name, "read")).resolves.toMatchObject({ id: b.id });
    await expect(repoFor(actor, u.username, hidden.name, "read")).rejects.toMatchObject({ status: 404 });
    expect(can(actor, "create", { namespace: u.username })).toBe(false);
  });

  it("scopes only to the user's own repos, lists tokens and revokes only the user's own", async () => {
    const { seedRepo } = await import("../setup/factories");
    const { listTokens, revokeToken } = await import("../../lib/auth/tokens");
    const u = await seedUser();
    const other = await seedUser();
    const theirs = await seedRepo(other);
    await expect(createToken(u.id, "x", "write", theirs.id)).rejects.toMatchObject({ status: 400 });
    const { id } = await createToken(u.id, "laptop", "read");
    expect((await listTokens(u.id)).map((t) => [t.name, t.role, t.repo])).toEqual([["laptop", "read", null]]);
    await expect(revokeToken(other.id, id)).rejects.toMatchObject({ status: 404 });
    await revokeToken(u.id, id);
    expect((await listTokens(u.id))[0]!.revokedAt).not.toBeNull();
  });
});
