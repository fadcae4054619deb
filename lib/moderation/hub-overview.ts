// What a site admin sees on /admin: storage, workers, the job queue and what failed
// lately. Read-only; only for those canAdminister lets view.
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { env } from "../env";
import { queueCounts, recentFailures, type JobFailure, type TaskCounts } from "../jobs/queue-stats";
import { listWorkers } from "../jobs/worker-registry";
import { siteAdmin } from "./admin";

export type HubOverview = {
  storage: { files: number; bytes: number; unreferencedFiles: number; unreferencedBytes: number; driver: "disk" | "s3"; graceHours: number };
  workers: { id: string; hostname: string; startedAt: Date; lastSeenAt: Date; alive: boolean; gpu: string | null; cores: number | null }[];
  queue: TaskCounts[];
  failures: JobFailure[];
  fineTuneFailures: { id: string; baseId: string; outputName: string; error: string | null; finishedAt: Date | null }[];
};

export async function hubOverview(actor: Actor | null): Promise<HubOverview> {
  siteAdmin(actor, "view");
  const [[totals], workers, queue, failures, fineTuneFailures] = await Promise.all([
    db().$queryRaw<[{ files: bigint; bytes: bigint | null; uf: bigint; ub: bigint | null }]>`
      SELECT count(*) AS files, sum(size) AS bytes,
        count(*) FILTER (WHERE "unreferencedSince" IS NOT NULL) AS uf, sum(size) FILTER (WHERE "unreferencedSince" IS NOT NULL) AS ub
      FROM "Blob"`,
    listWorkers(),
    queueCounts(),
    recentFailures(20),
    db().fineTuneJob.findMany({ where: { status: "failed" }, orderBy: { finishedAt: "desc" }, take: 10, select: { id: true, baseId: true, outputName: true, error: true, finishedAt: true } }),
  ]);
  const aliveAfter = Date.now() - env().WORKER_DEAD_AFTER_MS;
  return {
    storage: {
      files: Number(totals.files),
      bytes: Number(totals.bytes ?? 0),
      unreferencedFiles: Number(totals.uf),
      unreferencedBytes: Number(totals.ub ?? 0),
      driver: env().storageDriver,
      graceHours: env().BLOB_GC_GRACE_HOURS,
    },
    workers: workers.map((w) => {
      const caps = w.capabilities as { cpu?: { cores?: number }; gpu?: { adapter?: string } | null };
      return { id: w.id, hostname: w.hostname, startedAt: w.startedAt, lastSeenAt: w.lastSeenAt, alive: w.lastSeenAt.getTime() >= aliveAfter, gpu: caps.gpu?.adapter ?? null, cores: caps.cpu?.cores ?? null };
    }),
    queue,
    failures,
    fineTuneFailures,
  };
}
