// GET /api/jobs/{id}/events: server-sent events with the job's log lines,
// epoch metrics and status changes, from the start or after Last-Event-ID.
import { apiActor } from "@/lib/http/api-actor";
import { apiRoute } from "@/lib/http/api-route";
import { jobEventStream } from "@/lib/finetune/event-stream";
import { jobFor } from "@/lib/finetune/jobs";

type Ctx = { params: Promise<{ id: string }> };

export const GET = apiRoute(async (req: Request, { params }: Ctx) => {
  const job = await jobFor(await apiActor(req), (await params).id);
  const last = req.headers.get("last-event-id") ?? new URL(req.url).searchParams.get("after");
  const after = last && /^\d{1,18}$/.test(last) ? BigInt(last) : 0n;
  return new Response(jobEventStream(job.id, after, req.signal), {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
});
