// Browser sessions: next-auth JWT cookies, checked against the user row on every
// request. A session carries its user's session version from sign-in; a password
// change, "sign out everywhere" or a suspension bumps the version, which ends
// every older session at once (a JWT cannot be recalled otherwise).
import { getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { env } from "../env";
import type { Actor } from "./actor";
import { withMemberships } from "./memberships";

export async function actorFromSession(cookies: Map<string, string>): Promise<Actor | null> {
  let jwt: Awaited<ReturnType<typeof getToken>>;
  try {
    // Only cookies: getToken would otherwise read a Bearer header as a session JWT.
    jwt = await getToken({ req: { cookies: Object.fromEntries(cookies), headers: {} } as never, secret: env().NEXTAUTH_SECRET });
  } catch {
    return null; // a cookie we cannot decrypt is no session
  }
  const uid = typeof jwt?.uid === "string" ? jwt.uid : null;
  if (!uid) return null;
  const user = await db().user.findUnique({ where: { id: uid }, select: { id: true, username: true, email: true, isAdmin: true, suspendedAt: true, sessionVersion: true } });
  if (!user || user.suspendedAt) return null; // a suspension ends live sessions at once
  if ((typeof jwt?.sv === "number" ? jwt.sv : 0) !== user.sessionVersion) return null;
  return withMemberships<Actor>({ userId: user.id, username: user.username, email: user.email, isAdmin: user.isAdmin, via: "session" });
}

/** Ends every session of a user (tokens are managed apart, on the tokens page). */
export async function endAllSessions(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
