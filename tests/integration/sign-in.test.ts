// Sign-in is throttled per account and per address, every attempt is recorded, and
// sessions end when the password changes, the account is suspended, or the user
// signs out everywhere.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { actorFromSession, endAllSessions } from "../../lib/auth/sessions";
import { attemptSignIn, recentSignIns, signInHistory } from "../../lib/auth/sign-in";
import { changePassword, resetPassword } from "../../lib/auth/users";
import { db } from "../../lib/db/client";
import { env } from "../../lib/env";
import { setUserSuspended } from "../../lib/moderation/admin";
import { actorOf, seedUser } from "../setup/factories";

const attempt = (login: string, password: string, ip = "198.51.100.7") => attemptSignIn({ login, password, ip, userAgent: "test-agent" });

/** Moves a user's (or an address's) recorded attempts into the past, as if time had passed. */
async function age(where: { userId?: string; ip?: string }, ms: number) {
  await db().$executeRaw`UPDATE "SignInEvent" SET "createdAt" = "createdAt" - make_interval(secs => ${ms / 1000}) WHERE (${where.userId ?? null}::text IS NULL OR "userId" = ${where.userId ?? null}) AND (${where.ip ?? null}::text IS NULL OR ip = ${where.ip ?? null})`;
}

async function sessionCookie(userId: string, sv: number): Promise<Map<string, string>> {
  const token = await encode({ token: { uid: userId, sv }, secret: env().NEXTAUTH_SECRET });
  return new Map([["next-auth.session-token", token]]);
}

describe("sign-in throttling", () => {
  it("refuses even the right password after a burst of wrong ones, until the delay has passed", async () => {
    const u = await seedUser();
    const ip = `203.0.113.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < 30; i++) expect((await attempt(u.username, "wrong password!", ip)).ok).toBe(false);
    const refused = await attempt(u.username, u.password, ip);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    // from another address too: the account itself is throttled
    expect(await attempt(u.username, u.password, "192.0.2.99")).toMatchObject({ reason: "throttled" });
    await age({ userId: u.id }, 16 * 60_000);
    expect((await attempt(u.username, u.password, ip)).ok).toBe(true);
  });

  it("lets a few mistakes through without delay", async () => {
    const u = await seedUser();
    for (let i = 0; i < 4; i++) await attempt(u.username, "typo typo typo", "198.51.100.20");
    expect((await attempt(u.username, u.password, "198.51.100.20")).ok).toBe(true);
  });

  it("throttles an address that tries many accounts, not the accounts from elsewhere", async () => {
    const victim = await seedUser();
    const ip = "198.51.100.66";
    for (let i = 0; i < 25; i++) await attempt(`nobody-${i}-${victim.username}`, "guess guess guess", ip);
    expect(await attempt(victim.username, victim.password, ip)).toMatchObject({ reason: "throttled" });
    expect((await attempt(victim.username, victim.password, "198.51.100.67")).ok).toBe(true);
  });

  it("records every attempt for the user and for site admins, never the password", async () => {
    const u = await seedUser();
    await attempt(u.username, "not the password", "192.0.2.10");
    await attempt(u.email, u.password, "192.0.2.10");
    const history = await signInHistory(u.id);
    expect(history.map((h) => [h.success, h.reason])).toEqual([[true, "ok"], [false, "bad-password"]]);
    expect(history[0]).toMatchObject({ ip: "192.0.2.10", userAgent: "test-agent" });
    const all = await recentSignIns({ failuresOnly: true, take: 500 });
    expect(all.some((e) => e.username === u.username && e.reason === "bad-password")).toBe(true);
    const rows = await db().signInEvent.findMany({ where: { userId: u.id } });
    expect(JSON.stringify(rows)).not.toContain(u.password);
  });
});

describe("sessions", () => {
  it("end when the password is reset or changed", async () => {
    const u = await seedUser();
    const cookie = await sessionCookie(u.id, 0);
    expect(await actorFromSession(cookie)).toMatchObject({ userId: u.id });
    await resetPassword(u.id, "a brand new password");
    expect(await actorFromSession(cookie)).toBeNull();
    const fresh = await sessionCookie(u.id, 1);
    expect(await actorFromSession(fresh)).toMatchObject({ userId: u.id });
    await expect(changePassword(u.id, "not it", "another new password")).rejects.toMatchObject({ status: 400 });
    await changePassword(u.id, "a brand new password", "another new password");
    expect(await actorFromSession(fresh)).toBeNull();
  });

  it("end everywhere at the user's request, and on suspension", async () => {
    const u = await seedUser();
    const admin = await seedUser();
    await db().user.update({ where: { id: admin.id }, data: { isAdmin: true } });
    let cookie = await sessionCookie(u.id, 0);
    await endAllSessions(u.id);
    expect(await actorFromSession(cookie)).toBeNull();
    cookie = await sessionCookie(u.id, 1);
    expect(await actorFromSession(cookie)).not.toBeNull();
    await setUserSuspended(await actorOf(admin), u.id, true, "spam");
    expect(await actorFromSession(cookie)).toBeNull();
    await setUserSuspended(await actorOf(admin), u.id, false);
    // lifting the suspension does not bring the old sessions back
    expect(await actorFromSession(cookie)).toBeNull();
  });

  it("refuses a session cookie that does not decrypt", async () => {
    expect(await actorFromSession(new Map([["next-auth.session-token", "garbage.garbage.garbage"]]))).toBeNull();
  });
});
