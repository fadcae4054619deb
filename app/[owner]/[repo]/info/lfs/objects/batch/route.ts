// Git LFS batch API at /{owner}/{name}.git/info/lfs/objects/batch (hub-api.md §2.10).
import { apiActor } from "@/lib/http/api-actor";
import { badRequest, forbidden, unauthorized } from "@/lib/errors";
import { canPropose } from "@/lib/auth/can";
import { apiRoute, corsPreflight, json, requestOrigin } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { lfsBatch, lfsBatchSchema } from "@/lib/hub-api/lfs-batch";
import { repoFor } from "@/lib/repos/find-repo";
import { limitRequest, withHeaders } from "@/lib/ratelimit/rate-limit";

type Ctx = { params: Promise<{ owner: string; repo: string }> };

export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const { owner, repo } = await ctx.params;
  if (!repo.endsWith(".git")) throw badRequest("LFS lives under /{owner}/{name}.git/");
  const actor = await apiActor(req); // the web uploader uses it too, with its session
  // Content is shared and content-addressed: anyone who may propose changes
  // (a pull request) may store it; where it lands is decided by the commit.
  const target = await repoFor(actor, owner, repo.slice(0, -4), "read");
  if (!canPropose(actor, target)) throw actor ? forbidden("This token cannot upload to this repo") : unauthorized("Sign in to upload");
  const limits = await limitRequest(req, actor, "upload");
  const body = await parseJsonBody(req, lfsBatchSchema);
  const res = json(await lfsBatch(body, { origin: requestOrigin(req), userId: actor!.userId }));
  res.headers.set("Content-Type", "application/vnd.git-lfs+json");
  return withHeaders(res, limits);
});

export const OPTIONS = corsPreflight;
