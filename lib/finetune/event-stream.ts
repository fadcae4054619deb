// The SSE body for a job: events as they are recorded (polled every 500 ms,
// cheap on the (jobId, id) index), a keep-alive comment, and the end once the
// job has finished and everything was sent.
import { db } from "../db/client";
import { eventsAfter } from "./jobs";

const POLL_MS = 500;
const FINISHED = ["succeeded", "not_learned", "failed", "cancelled"];

export function jobEventStream(jobId: string, after: bigint, signal: AbortSignal): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let last = after;
  let stopped = false;
  signal.addEventListener("abort", () => (stopped = true));
  return new ReadableStream({
    async start(controller) {
      let idle = 0;
      while (!stopped) {
        const events = await eventsAfter(jobId, last);
        for (const e of events) {
          last = e.id;
          controller.enqueue(enc.encode(`id: ${e.id}\nevent: ${e.kind}\ndata: ${JSON.stringify({ ...(e.data as object), at: e.createdAt.toISOString() })}\n\n`));
        }
        if (!events.length) {
          const job = await db().fineTuneJob.findUnique({ where: { id: jobId }, select: { status: true } });
          if (!job || FINISHED.includes(job.status)) {
            controller.enqueue(enc.encode(`event: end\ndata: ${JSON.stringify({ status: job?.status ?? "gone" })}\n\n`));
            break;
          }
          if (++idle % 30 === 0) controller.enqueue(enc.encode(": keep-alive\n\n"));
          await new Promise((r) => setTimeout(r, POLL_MS));
        } else idle = 0;
      }
      controller.close();
    },
    cancel() {
      stopped = true;
    },
  });
}
