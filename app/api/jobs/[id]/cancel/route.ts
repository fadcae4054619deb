// POST /api/jobs/{id}/cancel: stops a queued job now, a running one within seconds.
import { requireActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { cancelJob } from "@/lib/finetune/jobs";
import { jobJson } from "@/lib/finetune/job-json";

type Ctx = { params: Promise<{ id: string }> };

export const POST = apiRoute(async (req: Request, { params }: Ctx) => json(jobJson(await cancelJob(await requireActor(req), (await params).id))));
export const OPTIONS = corsPreflight;
