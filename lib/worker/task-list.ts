// Every background task the workers run: payloads are parsed like any outside input
// (old jobs outlive code changes), the work lives in its domain, and every run is
// logged and measured (task, attempt, duration, outcome).
import type { JobHelpers, Task, TaskList } from "graphile-worker";
import { z } from "zod";
import { runTensorDiff } from "../diff/run-tensor-diff";
import { runFineTune } from "../finetune/run-fine-tune";
import { analyzeRepoWeights } from "../formats/weights-summary";
import { errorFields, log } from "../observability/log";
import { metrics } from "../observability/metrics";
import { runBlobScan } from "../scan/run-blob-scan";
import { refreshTrending } from "../search/trending";
import { deliverWebhook } from "../webhooks/deliver";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const weightFile = z.object({ path: z.string().min(1).max(1000), sha256, size: z.number().int().nonnegative() });
const id = z.string().min(1).max(64);

function task<T>(name: string, schema: z.ZodType<T>, run: (payload: T, helpers: JobHelpers) => Promise<void>): Task {
  return async (payload, helpers) => {
    const started = process.hrtime.bigint();
    const job = { jobId: helpers.job.id, task: name, attempt: helpers.job.attempts, maxAttempts: helpers.job.max_attempts };
    const done = (outcome: "ok" | "failed") => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics().jobDuration.observe({ task: name, outcome }, seconds);
      return { ...job, ms: Math.round(seconds * 1000), outcome };
    };
    try {
      await run(schema.parse(payload), helpers);
      log().info(done("ok"), "job");
    } catch (e) {
      log().warn({ ...done("failed"), ...errorFields(e) }, "job");
      throw e; // graphile-worker retries with backoff until the job's last attempt
    }
  };
}

export const taskList: TaskList = {
  "fine-tune": task("fine-tune", z.object({ jobId: id }), ({ jobId }, h) => runFineTune(jobId, h.job.attempts, h.job.max_attempts)),
  "deliver-webhook": task("deliver-webhook", z.object({ deliveryId: id }), ({ deliveryId }, h) => deliverWebhook(deliveryId, h.job.attempts, h.job.max_attempts)),
  "refresh-trending": task("refresh-trending", z.unknown(), async () => void (await refreshTrending())),
  "scan-blob": task("scan-blob", z.object({ sha256 }), ({ sha256 }, h) => runBlobScan(sha256, h.job.attempts, h.job.max_attempts)),
  "analyze-revision": task("analyze-revision", z.object({ repoId: z.string().min(1).max(64) }), ({ repoId }) => analyzeRepoWeights(repoId)),
  "tensor-diff": task("tensor-diff", z.object({ from: z.array(weightFile).max(2000), to: z.array(weightFile).max(2000) }), (p) => runTensorDiff(p.from, p.to)),
};
