// A job as the API and the live page show it.
import type { Prisma } from "../db/client";

export function jobJson(j: Prisma.FineTuneJobGetPayload<object>) {
  return {
    id: j.id,
    /** queued, running, succeeded, not_learned (finished: did not beat its baseline), failed or cancelled. */
    status: j.status,
    task: j.task,
    base: { id: j.baseId, commit: j.baseCommit },
    dataset: { name: j.datasetName, sha256: j.datasetSha256, bytes: Number(j.datasetBytes), ...(j.datasetRepo ? { repo: j.datasetRepo, commit: j.datasetCommit, path: j.datasetPath } : {}) },
    params: j.params,
    hardware: j.hardware,
    output: { name: j.outputName, private: j.outputPrivate, license: j.outputLicense, repoId: j.outputRepoId },
    attempts: j.attempts,
    cancelRequested: j.cancelRequested,
    error: j.error,
    metrics: j.metrics,
    /** { learned, achieved, baseline: { kind, label, value, split, examples }, margin, causes } once trained. */
    verdict: j.baseline,
    publishAnyway: j.publishAnyway,
    maxSeconds: j.maxSeconds,
    createdAt: j.createdAt.toISOString(),
    startedAt: j.startedAt?.toISOString() ?? null,
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}
