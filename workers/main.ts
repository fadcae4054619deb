// `npm run worker`: a standalone worker process. Point it at the hub's database
// (DATABASE_URL) and blob store (S3_* or a shared MODELHUB_DATA_DIR); next to a
// local `npm start` it finds the embedded PostgreSQL by itself.
import { prepareRuntime } from "../scripts/runtime";

async function main() {
  const rt = await prepareRuntime({ log: (m) => console.log(`[worker] ${m}`) });
  const { startWorker } = await import("../lib/worker/start-worker");
  const concurrency = Number(process.env.WORKER_CONCURRENCY ?? 2);
  const worker = await startWorker({ concurrency });
  const gpu = worker.capabilities.gpu;
  console.log(`[worker] ${worker.id}: ${concurrency} job(s) at a time on ${worker.capabilities.cpu.cores} CPU cores${gpu ? ` and ${gpu.adapter}` : ", no GPU"}`);
  const stop = async () => {
    await worker.stop();
    await rt.db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  await worker.runner.promise;
}

main().catch((e) => {
  console.error(`[worker] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
