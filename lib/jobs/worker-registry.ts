// Workers announce themselves (capabilities, job slots) and beat every few
// seconds. Any live worker releases the jobs of one that stopped beating, so a
// killed worker's job is retried elsewhere within about half a minute.
import os from "node:os";
import crypto from "node:crypto";
import { makeWorkerUtils, type WorkerUtils } from "graphile-worker";
import { db, type Prisma } from "../db/client";
import { env } from "../env";
import type { Capabilities } from "./capabilities";
import { quietLogger } from "../observability/graphile-logger";

// Overridable for tests and for operators who want faster failover.
export const heartbeatMs = () => env().WORKER_HEARTBEAT_MS;
const deadAfterMs = () => env().WORKER_DEAD_AFTER_MS;

const globalForWorker = globalThis as { modelhubWorkerId?: string; modelhubWorkerStopping?: boolean };

/** The id of the worker running in this process, for jobs to record. */
export const currentWorkerId = () => globalForWorker.modelhubWorkerId ?? null;
export const setCurrentWorkerId = (id: string) => void (globalForWorker.modelhubWorkerId = id);

/** Whether this process is shutting down: long jobs stop at their next safe point and are handed back. */
export const workerStopping = () => globalForWorker.modelhubWorkerStopping === true;
export const setWorkerStopping = (stopping: boolean) => void (globalForWorker.modelhubWorkerStopping = stopping);

export function newWorkerId(): string {
  return `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
}

export async function registerWorker(id: string, capabilities: Capabilities): Promise<void> {
  await db().worker.create({ data: { id, hostname: os.hostname(), capabilities: capabilities as unknown as Prisma.InputJsonValue, queueIds: [] } });
}

export async function addQueueId(id: string, queueId: string): Promise<void> {
  await db().$executeRaw`UPDATE "Worker" SET "queueIds" = array_append("queueIds", ${queueId}) WHERE id = ${id}`;
}

export async function heartbeat(id: string): Promise<void> {
  await db().worker.updateMany({ where: { id }, data: { lastSeenAt: new Date() } });
}

let utils: Promise<WorkerUtils> | undefined;

/** Frees the queue jobs locked under these slot ids (graphile-worker's own lock lasts hours). */
async function unlockQueueIds(queueIds: string[]): Promise<void> {
  if (!queueIds.length) return;
  utils ??= makeWorkerUtils({ connectionString: env().DATABASE_URL, logger: quietLogger() });
  await (await utils).forceUnlockWorkers(queueIds);
}

/** Closes the queue connections unlockQueueIds opened: this process's worker has left, and its database may stop next. */
export async function closeQueueUtils(): Promise<void> {
  const opened = utils;
  utils = undefined;
  if (opened) await (await opened).release();
}

/**
 * A worker leaves: queue jobs still locked under its slots are released (a job that
 * was handed back at shutdown may still hold its lock) and fine-tunes it held go back
 * to the queue, so another worker starts them at once.
 */
export async function unregisterWorker(id: string): Promise<void> {
  const row = await db().worker.findUnique({ where: { id }, select: { queueIds: true } });
  await unlockQueueIds(row?.queueIds ?? []);
  await db().fineTuneJob.updateMany({ where: { workerId: id, status: "running" }, data: { status: "queued", workerId: null } });
  await db().worker.deleteMany({ where: { id } });
}

/** Releases the queue locks and fine-tune jobs of workers that stopped beating; returns their ids. */
export async function releaseDeadWorkers(deadAfter = deadAfterMs()): Promise<string[]> {
  const dead = await db().worker.findMany({ where: { lastSeenAt: { lt: new Date(Date.now() - deadAfter) } } });
  if (!dead.length) return [];
  await unlockQueueIds(dead.flatMap((w) => w.queueIds));
  const ids = dead.map((w) => w.id);
  await db().fineTuneJob.updateMany({
    where: { workerId: { in: ids }, status: "running" },
    data: { status: "queued", workerId: null },
  });
  await db().worker.deleteMany({ where: { id: { in: ids } } });
  return ids;
}

/** Workers whose heartbeat is within the dead-after window. */
export async function countLiveWorkers(): Promise<number> {
  return db().worker.count({ where: { lastSeenAt: { gte: new Date(Date.now() - deadAfterMs()) } } });
}

export async function listWorkers() {
  return db().worker.findMany({ orderBy: { startedAt: "asc" } });
}
