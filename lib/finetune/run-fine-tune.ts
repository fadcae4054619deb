// The fine-tune task as a worker runs it: claim the job, beat, hand it to the
// trainer for its task and hardware, publish exactly one output, record the
// outcome. A cancel or time limit stops it cleanly; input problems fail it for
// good; anything else is retried by the queue (bounded attempts), on any worker.
import { db } from "../db/client";
import { HubError } from "../errors";
import { currentWorkerId, workerStopping } from "../jobs/worker-registry";
import { readBlobBytes } from "../storage";
import { appendEvent } from "./jobs";
import type { Task } from "./prepare-data";
import { publishOutput } from "./publish-output";
import { describeBaseline, describeVerdict } from "./learning-check";
import type { FineTuneParams } from "./recipe";
import type { EpochMetrics } from "./trainer";
import { trainerFor } from "./trainers";

const BEAT_MS = 5000;
let running: Promise<unknown> = Promise.resolve(); // one training per process: TF.js state is global


export async function runFineTune(jobId: string, attempt: number, maxAttempts: number): Promise<void> {
  const turn = running.then(() => runOne(jobId, attempt, maxAttempts));
  running = turn.catch(() => {});
  return turn;
}

async function runOne(jobId: string, attempt: number, maxAttempts: number): Promise<void> {
  const job = await db().fineTuneJob.findUnique({ where: { id: jobId } });
  if (!job || ["succeeded", "not_learned", "failed", "cancelled"].includes(job.status)) return;
  if (job.cancelRequested) {
    await finish(jobId, "cancelled", "Cancelled before it started");
    return;
  }
  const workerId = currentWorkerId();
  const started = new Date();
  await db().fineTuneJob.update({ where: { id: jobId }, data: { status: "running", attempts: { increment: 1 }, workerId, startedAt: started, heartbeatAt: started, error: null } });
  await appendEvent(jobId, "status", { status: "running", attempt, worker: workerId });
  const beat = setInterval(() => void db().fineTuneJob.updateMany({ where: { id: jobId, status: "running" }, data: { heartbeatAt: new Date() } }).catch(() => {}), BEAT_MS);
  const log = (line: string) => void appendEvent(jobId, "log", { line }).catch(() => {});
  try {
    const trainer = await trainerFor(job.task, job.hardware, job.runtime);
    log(`Attempt ${attempt} on ${workerId ?? "a worker"} with the ${trainer.id} trainer, base ${job.baseId}@${job.baseCommit.slice(0, 7)}`);
    const revisionTree = (await db().commit.findUniqueOrThrow({ where: { id: job.baseCommit } })).treeId;
    const deadline = started.getTime() + job.maxSeconds * 1000;
    const result = await trainer.train({
      task: job.task as Task,
      hardware: job.hardware as "cpu" | "gpu",
      baseTree: revisionTree,
      deadline,
      dataset: { name: job.datasetName, bytes: await readBlobBytes(job.datasetSha256) },
      params: job.params as FineTuneParams,
      hooks: {
        log,
        epoch: (m: EpochMetrics) => appendEvent(jobId, "epoch", m),
        baseline: async (b) => {
          log(`Baseline to beat: ${describeBaseline(b)}`);
          await appendEvent(jobId, "baseline", b);
        },
        shouldStop: async () => {
          if (workerStopping()) return "shutdown";
          if (Date.now() > deadline) return "time";
          const row = await db().fineTuneJob.findUnique({ where: { id: jobId }, select: { cancelRequested: true } });
          return row?.cancelRequested ? "cancel" : null;
        },
      },
    });
    if (result.stopped === "cancel") return await finish(jobId, "cancelled", "Cancelled by the user");
    if (result.stopped === "shutdown") {
      // The worker is going away: the job goes back to the queue and starts again elsewhere.
      await db().fineTuneJob.update({ where: { id: jobId }, data: { status: "queued", workerId: null } });
      await appendEvent(jobId, "log", { line: `The worker stopped; attempt ${attempt} is handed back to the queue` });
      throw new Error("handed back: the worker is shutting down");
    }
    if (result.stopped === "time") return await finish(jobId, "failed", `Stopped at the time limit of ${job.maxSeconds} s`);
    const last = result.history[result.history.length - 1] ?? null;
    const v = result.verdict;
    const said = describeVerdict(v);
    log(said[0]!.toUpperCase() + said.slice(1));
    const baseline = JSON.parse(JSON.stringify(v)) as object;
    if (!v.learned) {
      for (const c of v.causes) log(`Likely cause: ${c}`);
      if (!job.publishAnyway) {
        await db().fineTuneJob.update({ where: { id: jobId }, data: { status: "not_learned", finishedAt: new Date(), metrics: last ?? undefined, baseline, error: null } });
        await appendEvent(jobId, "status", { status: "not_learned", message: "Finished: did not learn. Nothing was published." });
        return;
      }
      log("It did not beat the baseline; publishing anyway, as asked");
    }
    const repoId = await publishOutput(jobId, result);
    const status = v.learned ? "succeeded" : "not_learned";
    await db().fineTuneJob.update({ where: { id: jobId }, data: { status, finishedAt: new Date(), metrics: last ?? undefined, baseline, outputRepoId: repoId } });
    await appendEvent(jobId, "status", { status });
    log(`Published the model (${Object.values(result.files).reduce((a, b) => a + b.length, 0)} bytes)`);
  } catch (e) {
    const message = (e as Error).message.slice(0, 1000);
    // Bad input never heals: fail now. Anything else is retried while attempts remain.
    if (e instanceof HubError || attempt >= maxAttempts) return await finish(jobId, "failed", message);
    await db().fineTuneJob.update({ where: { id: jobId }, data: { status: "queued", workerId: null, error: message } });
    await appendEvent(jobId, "log", { line: `Attempt ${attempt} failed (${message}); it will be retried` });
    throw e;
  } finally {
    clearInterval(beat);
  }
}

async function finish(jobId: string, status: "failed" | "cancelled", message: string) {
  await db().fineTuneJob.update({ where: { id: jobId }, data: { status, finishedAt: new Date(), error: status === "failed" ? message : null } });
  await appendEvent(jobId, "status", { status, message });
}
