// The job queue is graphile-worker (PostgreSQL, LISTEN/NOTIFY). Jobs are added
// with its SQL function so that a job can join the transaction that makes it
// necessary: a commit and the scans it needs land together or not at all.
import { db } from "../db/client";

export const JOB_NAMES = ["scan-blob", "analyze-revision", "tensor-diff", "fine-tune", "deliver-webhook", "refresh-trending"] as const;
export type JobName = (typeof JOB_NAMES)[number];

type Sql = { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<number> };

export type JobOptions = {
  /** A waiting job with the same key is replaced (one run, newest payload); a running one is left to finish. */
  jobKey?: string;
  maxAttempts?: number;
  /** Capabilities a worker needs, e.g. ["gpu"]; workers without them skip the job. */
  flags?: string[];
};

export async function enqueueJob(name: JobName, payload: object, opts: JobOptions = {}, sql: Sql = db()): Promise<void> {
  await sql.$executeRaw`
    SELECT graphile_worker.add_job(
      ${name}, ${JSON.stringify(payload)}::json,
      max_attempts := ${opts.maxAttempts ?? 5}::int,
      job_key := ${opts.jobKey ?? null}::text,
      flags := ${opts.flags ?? null}::text[])`;
}

/** Many jobs of one task in one statement (a commit of thousands of files queues them at once). */
export async function enqueueJobs(sql: Sql, name: JobName, jobs: { payload: object; jobKey?: string }[], maxAttempts = 5): Promise<void> {
  for (let i = 0; i < jobs.length; i += 1000) {
    const chunk = jobs.slice(i, i + 1000);
    await sql.$executeRaw`
      SELECT graphile_worker.add_job(${name}, p::json, max_attempts := ${maxAttempts}::int, job_key := k)
      FROM unnest(${chunk.map((j) => JSON.stringify(j.payload))}::text[], ${chunk.map((j) => j.jobKey ?? null)}::text[]) AS t(p, k)`;
  }
}
