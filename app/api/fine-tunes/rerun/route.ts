// POST /api/fine-tunes/rerun {repo, outputName, private?}: a new job from a published model's recipe.json.
import { z } from "zod";
import { requireActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json, requestOrigin } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { rerunFromRepo } from "@/lib/finetune/rerun-from-repo";
import { limitRequest, withHeaders } from "@/lib/ratelimit/rate-limit";

const schema = z.object({ repo: z.string().min(3).max(200), outputName: z.string().min(1).max(96), private: z.boolean().optional() });

export const POST = apiRoute(async (req: Request) => {
  const actor = await requireActor(req);
  const limits = await limitRequest(req, actor, "fine-tune");
  const body = await parseJsonBody(req, schema);
  const job = await rerunFromRepo(actor, body.repo, body.outputName, body.private ?? false);
  return withHeaders(json({ id: job.id, url: `${requestOrigin(req)}/jobs/${job.id}` }, { status: 201 }), limits);
});

export const OPTIONS = corsPreflight;
