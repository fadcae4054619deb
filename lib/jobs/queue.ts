// The job queue is graphile-worker (PostgreSQL, LISTEN/NOTIFY). Jobs are added
// with its SQL function so that a job can join the transaction that makes it
// necessary: a commit and the scans it needs land together or not at all.
import { Logger, runMigrations } from "graphile-worker";
import { db } from "../db/client";

export type JobName = "scan-blob" | "analyze-revision" | "tensor-diff" | "fine-tune" | "deliver-webhook" | "refresh-trending";

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

/** Creates or upgrades the graphile_worker schema (idempotent). */
export async function migrateQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger() });
}

/** graphile-worker's logger, routed to ours: warnings and errors only unless LOG_LEVEL=debug. */
export function quietLogger(): Logger {
  const verbose = process.env.LOG_LEVEL === "debug";
  return new Logger(() => (level, message) => {
    if (level === "error") console.error(`[worker] ${message}`);
    else if (level === "warning") console.warn(`[worker] ${message}`);
    else if (verbose) console.log(`[worker] ${message}`);
  });
}
