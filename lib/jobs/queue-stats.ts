// What the job queue holds, read from graphile-worker's tables: counts by task for
// /metrics and the admin page, and the latest failures with their errors.
import { plainQuery, Prisma } from "../db/client";

export type TaskCounts = { task: string; queued: number; running: number; failed: number };

/**
 * Jobs by task: queued (waiting or retrying), running (locked by a worker), failed
 * (out of attempts: the queue keeps them for inspection).
 */
export async function queueCounts(): Promise<TaskCounts[]> {
  return plainQuery<TaskCounts>(Prisma.sql`
    SELECT t.identifier AS task,
      count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts < j.max_attempts)::int AS queued,
      count(*) FILTER (WHERE j.locked_at IS NOT NULL)::int AS running,
      count(*) FILTER (WHERE j.locked_at IS NULL AND j.attempts >= j.max_attempts)::int AS failed
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    GROUP BY t.identifier ORDER BY t.identifier`);
}

export type JobFailure = { id: string; task: string; attempts: number; maxAttempts: number; lastError: string; at: Date; gaveUp: boolean };

/** The most recent jobs whose last attempt failed: retrying, or given up. */
export async function recentFailures(limit = 20): Promise<JobFailure[]> {
  const rows = await plainQuery<Omit<JobFailure, "lastError"> & { lastError: string | null }>(Prisma.sql`
    SELECT j.id::text AS id, t.identifier AS task, j.attempts, j.max_attempts AS "maxAttempts", j.last_error AS "lastError",
      j.updated_at AS at, j.attempts >= j.max_attempts AS "gaveUp"
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    WHERE j.last_error IS NOT NULL ORDER BY j.updated_at DESC LIMIT ${limit}`);
  // The first line says what failed; stacks stay in the worker's log.
  return rows.map((r) => ({ ...r, lastError: (r.lastError ?? "").split("\n")[0]!.slice(0, 500) }));
}
