// Password sign-in with throttling and an audit trail. Failures are counted per
// account and per client address over a quarter of an hour; past a few, every
// attempt (the right password included) waits out a delay that doubles with each
// further failure, up to 15 minutes. Every attempt is recorded, success or not.
import { db } from "../db/client";
import { checkCredentials, type PublicUser } from "./users";

const WINDOW_MS = 15 * 60_000;
const ACCOUNT_FREE = 5; // failures an account gets before delays start
const ADDRESS_FREE = 20; // an address may be shared (offices, NAT): more room
const FIRST_DELAY_MS = 15_000;
const MAX_DELAY_MS = 15 * 60_000;

export type SignInResult = { ok: true; user: PublicUser & { sessionVersion: number } } | { ok: false; reason: "bad-credentials" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

const normal = (login: string) => login.trim().toLowerCase().slice(0, 320);

/** When the next attempt is allowed after `failures` recent ones, the last at `last`. */
function waitUntil(failures: number, free: number, last: Date | null): number {
  if (failures < free || !last) return 0;
  return last.getTime() + Math.min(FIRST_DELAY_MS * 2 ** (failures - free), MAX_DELAY_MS);
}

async function recentFailures(where: { userId?: string; login?: string; ip?: string }, since: Date) {
  // Failures since the last success (of this account, or from this address) within the window.
  const lastOk = await db().signInEvent.findFirst({ where: { ...where, success: true, createdAt: { gte: since } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  const from = lastOk && lastOk.createdAt > since ? lastOk.createdAt : since;
  const [count, last] = await Promise.all([
    db().signInEvent.count({ where: { ...where, success: false, createdAt: { gt: from } } }),
    db().signInEvent.findFirst({ where: { ...where, success: false, createdAt: { gt: from } }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
  ]);
  return { count, last: last?.createdAt ?? null };
}

export async function attemptSignIn(input: { login: string; password: string; ip: string; userAgent: string }): Promise<SignInResult> {
  const login = normal(input.login);
  const ip = input.ip.slice(0, 64);
  const userAgent = input.userAgent.slice(0, 300);
  const known = await db().user.findFirst({ where: login.includes("@") ? { email: login, isOrg: false } : { username: { equals: input.login.trim(), mode: "insensitive" }, isOrg: false }, select: { id: true } });
  const since = new Date(Date.now() - WINDOW_MS);
  const [account, address] = await Promise.all([recentFailures(known ? { userId: known.id } : { login }, since), ip ? recentFailures({ ip }, since) : { count: 0, last: null }]);
  const until = Math.max(waitUntil(account.count, ACCOUNT_FREE, account.last), waitUntil(address.count, ADDRESS_FREE, address.last));
  const record = (success: boolean, reason: string) => db().signInEvent.create({ data: { userId: known?.id ?? null, login, ip, userAgent, success, reason } });
  if (until > Date.now()) {
    await record(false, "throttled");
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil((until - Date.now()) / 1000) };
  }
  const user = await checkCredentials(input.login, input.password);
  if (!user) {
    const suspended = known ? !!(await db().user.findUnique({ where: { id: known.id }, select: { suspendedAt: true } }))?.suspendedAt : false;
    await record(false, !known ? "unknown-user" : suspended ? "suspended" : "bad-password");
    return { ok: false, reason: "bad-credentials" };
  }
  await record(true, "ok");
  const { sessionVersion } = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });
  return { ok: true, user: { ...user, sessionVersion } };
}

export type SignInEventRow = { at: Date; username: string | null; login: string; ip: string; userAgent: string; success: boolean; reason: string };

/** A user's own sign-in history (newest first), for their security page. */
export async function signInHistory(userId: string, take = 50): Promise<SignInEventRow[]> {
  const rows = await db().signInEvent.findMany({ where: { userId }, orderBy: { createdAt: "desc" }, take });
  return rows.map((r) => ({ at: r.createdAt, username: null, login: r.login, ip: r.ip, userAgent: r.userAgent, success: r.success, reason: r.reason }));
}

/** Every recent sign-in attempt (for site admins), failures only when asked. */
export async function recentSignIns(opts: { failuresOnly?: boolean; take?: number } = {}): Promise<SignInEventRow[]> {
  const rows = await db().$queryRaw<SignInEventRow[]>`
    SELECT e."createdAt" AS at, u.username, e.login, e.ip, e."userAgent", e.success, e.reason
    FROM "SignInEvent" e LEFT JOIN "User" u ON u.id = e."userId"
    WHERE ${!opts.failuresOnly}::boolean OR NOT e.success
    ORDER BY e."createdAt" DESC LIMIT ${opts.take ?? 200}`;
  return rows;
}

/** Sign-in records older than 90 days go (hourly sweep). */
export async function sweepSignInEvents(): Promise<number> {
  const r = await db().signInEvent.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - 90 * 86_400_000) } } });
  return r.count;
}
