// Requesting a tensor diff (cached by the two sets' keys, computed by a job)
// and the job itself.

import { db, type Prisma } from "../db/client";
import { enqueueJob } from "../jobs/queue";
import { diffWeightSets, weightSetKey, type TensorDiffResult, type WeightFile } from "./tensor-diff";



const RETRY_FAILED_AFTER_MS = 10 * 60_000;

export type TensorDiffState =
  | { status: "queued" | "running" }
  | { status: "done"; result: TensorDiffResult }
  | { status: "error"; error: string };

export async function requestTensorDiff(from: WeightFile[], to: WeightFile[]): Promise<TensorDiffState> {
  const fromKey = weightSetKey(from);
  const toKey = weightSetKey(to);
  const row = await db().tensorDiff.findUnique({ where: { fromKey_toKey: { fromKey, toKey } } });
  if (row?.status === "done") return { status: "done", result: row.result as unknown as TensorDiffResult };
  // A failed diff is shown as failed for a while, then asking again recomputes it.
  if (row?.status === "error" && Date.now() - row.updatedAt.getTime() < RETRY_FAILED_AFTER_MS) return { status: "error", error: row.error ?? "failed" };
  if (row && row.status !== "error") return { status: row.status as "queued" | "running" };
  await db().$transaction(async (tx) => {
    const made = row
      ? await tx.tensorDiff.updateMany({ where: { fromKey, toKey, status: "error" }, data: { status: "queued", error: null, updatedAt: new Date() } })
      : await tx.tensorDiff.createMany({ data: [{ fromKey, toKey, status: "queued" }], skipDuplicates: true });
    if (made.count) await enqueueJob("tensor-diff", { from, to }, { jobKey: `tensor-diff:${fromKey}:${toKey}`, maxAttempts: 3 }, tx);
  });
  return { status: "queued" };
}

export async function runTensorDiff(from: WeightFile[], to: WeightFile[]): Promise<void> {
  const where = { fromKey_toKey: { fromKey: weightSetKey(from), toKey: weightSetKey(to) } };
  await db().tensorDiff.update({ where, data: { status: "running", updatedAt: new Date() } });
  try {
    const result = await diffWeightSets(from, to);
    await db().tensorDiff.update({ where, data: { status: "done", result: result as unknown as Prisma.InputJsonValue, updatedAt: new Date() } });
  } catch (e) {
    // Recorded for the page rather than retried blindly: most causes (a bad header, a missing blob) do not heal.
    await db().tensorDiff.update({ where, data: { status: "error", error: (e as Error).message.slice(0, 500), updatedAt: new Date() } });
  }
}
