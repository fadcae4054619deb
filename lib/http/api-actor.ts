// The actor of an API request, with the same-origin rule for cookie-authenticated writes.
import type { Actor } from "../auth/actor";
import { requestActor } from "../auth/current-actor";
import { unauthorized } from "../errors";
import { assertSameOrigin } from "./api-route";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export async function apiActor(req: Request): Promise<Actor | null> {
  const actor = await requestActor(req);
  if (actor?.via === "session" && !SAFE.has(req.method)) assertSameOrigin(req);
  return actor;
}

export async function requireActor(req: Request): Promise<Actor> {
  const actor = await apiActor(req);
  if (!actor) throw unauthorized();
  return actor;
}
