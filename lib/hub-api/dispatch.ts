// Serving a row of the route table: the caller must be signed in when the row says
// so, the repo is loaded with the access the row names (private repos the caller
// cannot read are 404 RepoNotFound), the rate limit counted, the body read within
// its limit and checked, then the endpoint runs. Unknown /api paths answer JSON 404.
import { HubError, notFound, unauthorized } from "../errors";
import type { Claimed, RequestBase } from "../http/pipeline";
import { withHeaders, type Reply } from "../http/reply";
import { Router } from "../http/router";
import { checkRateLimit } from "../ratelimit/rate-limit";
import { repoFor } from "../repos/find-repo";
import { movedTo } from "../repos/repo-redirects";
import { typeOfCollection } from "../repos/repo-type";
import { movedReply } from "./moved-reply";
import type { Ctx, RepoCtx } from "./endpoint";
import { ROUTES, type Route } from "./routes";

const router = new Router<Route>();
for (const route of ROUTES) router.add(route.method, route.path, route);

async function serve(route: Route, base: RequestBase, params: Record<string, string>, rest: string[]): Promise<Reply> {
  const actor = await base.actor();
  if (route.access === "signed-in" && !actor) throw unauthorized();
  const repoType = route.type ?? typeOfCollection(params.type);
  const ctx = { ...base, params, rest, query: base.url.searchParams, actor, repoType, body: undefined as unknown };
  let repo;
  if (route.repo) {
    const name = route.gitName ? params.name!.replace(/\.git$/, "") : params.name!;
    try {
      repo = await repoFor(actor, params.ns!, name, route.repo, repoType);
    } catch (e) {
      // a moved repo's old address: 307 to the same request at its new name
      const moved = e instanceof HubError && e.code === "RepoNotFound" ? await movedTo(actor, params.ns!, name, repoType) : null;
      if (moved) return movedReply(base.parts, route.path.split("/").filter(Boolean).indexOf(":ns"), base.url.search, moved);
      throw e;
    }
  }
  const limits = route.rate ? await checkRateLimit({ userId: actor?.userId ?? null, ip: base.clientIp }, route.rate) : {};
  if (route.endpoint.body) ctx.body = await route.endpoint.body(base.req);
  const reply = route.endpoint.needsRepo ? await route.endpoint.handle({ ...ctx, repo: repo! } as RepoCtx<never>) : await route.endpoint.handle(ctx as Ctx<never>);
  return withHeaders(reply, limits);
}

/** The route table's claim on a request path, for the pipeline. */
export function claimApi(method: string, parts: string[]): Claimed | null {
  const { match, allowed } = router.match(method, parts);
  // the kind of repo in the label, as callers wrote it: /api/models/:ns/:name, /api/datasets/:ns/:name
  if (match) return { pattern: match.pattern.replace(":type(models|datasets)", match.params.type ?? "models"), kind: "api", needsDatabase: true, run: (base) => serve(match.route, base, match.params, match.rest) };
  if (allowed) return { pattern: "api:method-not-allowed", kind: "api", allowed };
  // Every other /api path is ours too (next-auth's excepted): a JSON 404, never an HTML page.
  if (parts[0] === "api" && parts[1] !== "auth") {
    return { pattern: "api:unknown", kind: "api", needsDatabase: false, run: async () => Promise.reject(notFound(`No such endpoint: ${method} /${parts.join("/")}`)) };
  }
  return null;
}
