// The signed-in user of the page or server action being rendered: the caller the
// request pipeline resolved (once per request), else read from the request's cookies.
import { cache } from "react";
import { headers } from "next/headers";
import { currentRequest } from "../observability/request-context";
import type { Actor } from "./actor";
import { actorFromSession } from "./sessions";
import { credentialOf } from "./request-actor";

export const sessionActor = cache(async (): Promise<Actor | null> => {
  const ctx = currentRequest();
  if (ctx) {
    const actor = (await ctx.actor()) as Actor | null;
    return actor?.via === "session" ? actor : null;
  }
  const cred = credentialOf({ cookie: (await headers()).get("cookie") ?? undefined });
  return cred?.kind === "session" ? actorFromSession(cred.cookies) : null;
});
