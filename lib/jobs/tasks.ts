// Every background task the workers run: payloads are validated, the work lives in its domain.
import type { Task, TaskList } from "graphile-worker";
import { z } from "zod";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const weightFile = z.object({ path: z.string().min(1).max(1000), sha256, size: z.number().int().nonnegative() });

function task<T>(schema: z.ZodType<T>, run: (payload: T) => Promise<void>): Task {
  return async (payload) => run(schema.parse(payload));
}

export const taskList: TaskList = {
  "fine-tune": async (payload, helpers) => {
    const { jobId } = z.object({ jobId: z.string().min(1).max(64) }).parse(payload);
    const { runFineTune } = await import("../finetune/run-fine-tune");
    await runFineTune(jobId, helpers.job.attempts, helpers.job.max_attempts);
  },
  "deliver-webhook": async (payload, helpers) => {
    const { deliveryId } = z.object({ deliveryId: z.string().min(1).max(64) }).parse(payload);
    const { deliverWebhook } = await import("../webhooks/deliver");
    await deliverWebhook(deliveryId, helpers.job.attempts, helpers.job.max_attempts);
  },
  "refresh-trending": async () => {
    const { refreshTrending } = await import("../search/trending");
    await refreshTrending();
  },
  "scan-blob": task(z.object({ sha256 }), async ({ sha256 }) => {
    const { runBlobScan } = await import("../scan/run-blob-scan");
    await runBlobScan(sha256);
  }),
  "analyze-revision": task(z.object({ repoId: z.string().min(1) }), async ({ repoId }) => {
    const { analyzeRepoWeights } = await import("../formats/weights-summary");
    await analyzeRepoWeights(repoId);
  }),
  "tensor-diff": task(z.object({ from: z.array(weightFile).max(2000), to: z.array(weightFile).max(2000) }), async (p) => {
    const { runTensorDiff } = await import("../diff/run-tensor-diff");
    await runTensorDiff(p.from, p.to);
  }),
};
