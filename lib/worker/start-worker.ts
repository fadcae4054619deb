// A worker: graphile-worker running our task list. Many of them (in-process next
// to the web server, or `npm run worker` on other machines) share one database
// and one blob store; each job is claimed by exactly one of them. A worker
// registers its capabilities, beats, and releases the jobs of dead peers.
import { EventEmitter } from "node:events";
import { run, type Runner, type WorkerEvents } from "graphile-worker";
import { env } from "../env";
import { detectCapabilities, type Capabilities } from "../jobs/capabilities";
import { quietLogger } from "../observability/graphile-logger";
import { addQueueId, closeQueueUtils, heartbeat, heartbeatMs, newWorkerId, registerWorker, releaseDeadWorkers, setCurrentWorkerId, setWorkerStopping, unregisterWorker } from "../jobs/worker-registry";
import { errorFields, log } from "../observability/log";
import { taskList } from "./task-list";

export type WorkerOptions = {
  concurrency?: number;
  /** Override detection (tests, or a GPU box that should take CPU jobs only). */
  capabilities?: Capabilities;
};

/** `stop(graceMs)`: no new jobs; running ones get `graceMs` to finish or reach a safe point, then are released to other workers. */
export type RunningWorker = { id: string; capabilities: Capabilities; runner: Runner; stop: (graceMs?: number) => Promise<void> };

/**
 * Which job flags a worker must skip: a job flagged "gpu" needs a GPU (WebGPU for TF.js,
 * CUDA for PyTorch), one flagged "runtime:pytorch" needs PyTorch.
 */
export const lacksFlags = (c: Capabilities) => {
  const torch = c.runtimes?.pytorch ?? null;
  return [...(c.gpu || torch?.cuda ? [] : ["gpu"]), ...(torch ? [] : ["runtime:pytorch"])];
};

export async function startWorker(opts: WorkerOptions = {}): Promise<RunningWorker> {
  const id = newWorkerId();
  const capabilities = opts.capabilities ?? (await detectCapabilities());
  setCurrentWorkerId(id);
  await registerWorker(id, capabilities);
  // Listen before the pool starts: its job slots are created during run().
  const events = new EventEmitter() as WorkerEvents;
  // Jobs are locked under the pool's id (or a slot's): record both so a dead process's locks can be released.
  events.on("pool:create", ({ workerPool }) => void addQueueId(id, workerPool.id).catch(() => {}));
  events.on("worker:create", ({ worker }) => void addQueueId(id, worker.workerId).catch(() => {}));
  const runner = await run({
    events,
    connectionString: env().DATABASE_URL,
    concurrency: opts.concurrency ?? 2,
    noHandleSignals: true,
    pollInterval: 2000,
    taskList,
    // one run per slot across all workers (graphile-worker dedupes cron runs in the database)
    crontab: env().MODELHUB_SCHEDULED_JOBS ? "*/15 * * * * refresh-trending ?max=1" : "",
    forbiddenFlags: lacksFlags(capabilities),
    logger: quietLogger(),
  });
  const timer = setInterval(() => {
    heartbeat(id).then(() => releaseDeadWorkers()).catch((e) => log().error({ workerId: id, ...errorFields(e) }, "worker heartbeat failed"));
  }, heartbeatMs());
  timer.unref();
  return {
    id,
    capabilities,
    runner,
    stop: async (graceMs = 30_000) => {
      clearInterval(timer);
      setWorkerStopping(true);
      let timeout: NodeJS.Timeout | undefined;
      const graceful = runner.stop().then(() => true);
      const late = new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), graceMs)));
      const done = await Promise.race([graceful, late]);
      clearTimeout(timeout);
      if (!done) {
        log().warn({ workerId: id }, "worker: jobs still running after the grace period are released to other workers");
        await runner.kill("the hub is shutting down").catch(() => {});
      }
      await unregisterWorker(id);
      await closeQueueUtils(); // else stopping the embedded database kills its connections, each an error in the log
    },
  };
}
