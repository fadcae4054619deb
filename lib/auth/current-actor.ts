// Resolves the actor of a request: an API token (Authorization: Bearer) first,
// else the browser session. A present but invalid token is a 401, never anonymous.
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "../db/client";
import type { Actor } from "./actor";
import { authOptions } from "./next-auth-options";
import { actorFromToken } from "./tokens";
import { withMemberships } from "./memberships";

export function bearerToken(headers: Headers): string | null {
  const h = headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(.+)$/i.exec(h.trim());
  const token = m?.[1]?.trim();
  // @huggingface/hub sends "Bearer undefined" when it has no token (hub-api.md §1).
  if (!token || token === "undefined" || token === "null") return null;
  return token;
}

/** The signed-in user of this request; memoized per request (layout and page both ask). */
export const sessionActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { uid?: string } | null;
  if (!session?.uid) return null;
  const user = await db().user.findUnique({ where: { id: session.uid }, select: { id: true, username: true, email: true, isAdmin: true, suspendedAt: true } });
  if (!user || user.suspendedAt) return null; // a suspension ends live sessions at once
  return withMemberships<Actor>({ userId: user.id, username: user.username, email: user.email, isAdmin: user.isAdmin, via: "session" });
});

export async function requestActor(req: Request): Promise<Actor | null> {
  const token = bearerToken(req.headers);
  if (token) return actorFromToken(token);
  return sessionActor();
}
