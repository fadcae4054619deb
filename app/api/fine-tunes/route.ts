// POST /api/fine-tunes (multipart: base, task, dataset, hyper-parameters, output) → 201 {id, url}.
// GET /api/fine-tunes → the caller's jobs.
import { requireActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json, requestOrigin } from "@/lib/http/api-route";
import { listJobs, submitFineTune } from "@/lib/finetune/jobs";
import { submitInputFromForm } from "@/lib/finetune/form-input";
import { jobJson } from "@/lib/finetune/job-json";
import { limitRequest, withHeaders } from "@/lib/ratelimit/rate-limit";

export const POST = apiRoute(async (req: Request) => {
  const actor = await requireActor(req);
  const limits = await limitRequest(req, actor, "fine-tune");
  const job = await submitFineTune(await submitInputFromForm(actor, req));
  return withHeaders(json({ id: job.id, url: `${requestOrigin(req)}/jobs/${job.id}` }, { status: 201 }), limits);
});

export const GET = apiRoute(async (req: Request) => json((await listJobs(await requireActor(req))).map(jobJson)));

export const OPTIONS = corsPreflight;
