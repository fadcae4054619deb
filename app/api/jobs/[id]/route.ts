// GET /api/jobs/{id}: a fine-tune job (its owner and admins only).
import { apiActor } from "@/lib/http/api-actor";
import { apiRoute, corsPreflight, json } from "@/lib/http/api-route";
import { jobFor } from "@/lib/finetune/jobs";
import { jobJson } from "@/lib/finetune/job-json";

type Ctx = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (req: Request, { params }: Ctx) => json(jobJson(await jobFor(await apiActor(req), (await params).id))));
export const OPTIONS = corsPreflight;
