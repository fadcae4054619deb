// Runs every queued job to completion in this process (graphile-worker's runOnce).
import { runOnce } from "graphile-worker";
import { db } from "../../lib/db/client";
import { taskList } from "../../lib/worker/task-list";
import { quietLogger } from "../../lib/observability/graphile-logger";

export async function drainJobs(): Promise<void> {
  await runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger(), forbiddenFlags: ["gpu"] });
  await settled();
}

/**
 * runOnce can resolve before its fire-and-forget failJob has recorded a failure
 * (attempt count, backoff, unlock); wait for that so callers see the final state.
 */
async function settled(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL`);
    if (Number(row!.n) === 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  // Still locked: another file's drain on the shared database holds them; its own settle waits.
}
