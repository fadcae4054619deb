// GET /api/jobs/{id}, POST /api/jobs/{id}/cancel and GET /api/jobs/{id}/events: a
// fine-tune job (its owner and admins only), and its log as server-sent events from
// the start or after Last-Event-ID.
import { Readable } from "node:stream";
import { jobEventStream } from "../../finetune/event-stream";
import { jobJson } from "../../finetune/job-json";
import { cancelJob, jobFor } from "../../finetune/jobs";
import { json, stream } from "../../http/reply";
import { endpoint } from "../endpoint";

export const getJob = endpoint({ handle: async ({ actor, params }) => json(jobJson(await jobFor(actor, params.id!))) });

export const cancelJobEndpoint = endpoint({ handle: async ({ actor, params }) => json(jobJson(await cancelJob(actor, params.id!))) });

export const jobEvents = endpoint({
  handle: async ({ actor, params, req, query, signal }) => {
    const job = await jobFor(actor, params.id!);
    const last = (req.headers["last-event-id"] as string | undefined) ?? query.get("after");
    const after = last && /^\d{1,18}$/.test(last) ? BigInt(last) : 0n;
    const events = jobEventStream(job.id, after, signal);
    return stream(Readable.fromWeb(events as import("node:stream/web").ReadableStream<Uint8Array>), {
      headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
    });
  },
});
