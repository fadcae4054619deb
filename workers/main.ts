// `npm run worker`: a standalone worker process. Point it at the hub's database
// (DATABASE_URL) and blob store (S3_* or a shared MODELHUB_DATA_DIR); next to a
// local `npm start` it finds the embedded PostgreSQL by itself.
import { checkConfig, env } from "../lib/env";
import { captureConsole, log } from "../lib/observability/log";
import { failStart, stopOnSignals } from "../scripts/lifecycle";
import { prepareRuntime } from "../scripts/runtime";

async function main() {
  checkConfig();
  captureConsole();
  const rt = await prepareRuntime({ log: (m) => log().info(m) });
  const config = env();
  const { startWorker } = await import("../lib/worker/start-worker");
  const worker = await startWorker({ concurrency: config.WORKER_CONCURRENCY });
  const { cpu, gpu } = worker.capabilities;
  log().info({ workerId: worker.id, concurrency: config.WORKER_CONCURRENCY, cpuCores: cpu.cores, gpu: gpu?.adapter ?? null }, `worker ${worker.id} started`);
  stopOnSignals(async () => {
    await worker.stop(config.SHUTDOWN_GRACE_SECONDS * 1000);
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb();
    await rt.db.stop();
  });
  await worker.runner.promise;
}

main().catch(failStart);
