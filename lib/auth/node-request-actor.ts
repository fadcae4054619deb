// The actor of a plain Node request (the hub server's own fast paths, outside
// Next.js): a bearer token, else the next-auth session cookie.
import { withMemberships } from "./memberships";
import type { IncomingMessage } from "node:http";
import { getToken } from "next-auth/jwt";
import { db } from "../db/client";
import { env } from "../env";
import type { Actor } from "./actor";
import { bearerToken } from "./current-actor";
import { actorFromToken } from "./tokens";

function cookieMap(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) map.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return map;
}

export async function nodeRequestActor(req: IncomingMessage): Promise<Actor | null> {
  const headers = new Headers();
  if (req.headers.authorization) headers.set("authorization", req.headers.authorization);
  const token = bearerToken(headers);
  if (token) return actorFromToken(token);
  if (!req.headers.cookie?.includes("next-auth.session-token")) return null;
  // Only cookies: getToken would otherwise read a Bearer header as a session JWT.
  const jwt = await getToken({ req: { cookies: cookieMap(req.headers.cookie), headers: {} } as never, secret: env().NEXTAUTH_SECRET });
  const uid = typeof jwt?.uid === "string" ? jwt.uid : null;
  if (!uid) return null;
  const user = await db().user.findUnique({ where: { id: uid }, select: { id: true, username: true, email: true, isAdmin: true, suspendedAt: true } });
  if (user?.suspendedAt) return null; // suspended: the session no longer counts
  return user && withMemberships<Actor>({ userId: user.id, username: user.username, email: user.email, isAdmin: user.isAdmin, via: "session" });
}
