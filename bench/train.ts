// bench/train: whole fine-tuning jobs on a worker (base loaded from the blob store, data
// prepared, trained, published as a repo) against a bare loop of the same framework doing
// the same work in one process, TF.js and PyTorch, in interleaved rounds; GPU speed-ups
// where a WebGPU adapter or CUDA exists.
//   npm run bench:train [-- --epochs 2 --images 256 --rounds 5 --only tfjs|pytorch]
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { benchData, ROOT, runBench } from "./hub-process";
import { median, roundsFrom } from "./report";

const { values } = parseArgs({ options: { epochs: { type: "string", default: "2" }, images: { type: "string", default: "256" }, rounds: { type: "string", default: "5" }, only: { type: "string" } } });
const EPOCHS = Number(values.epochs);
const IMAGES = Number(values.images);
const ROUNDS = roundsFrom(values.rounds);

async function main() {
  const { teardown } = await benchData("train-data");
  const { db } = await import("../lib/db/client");
  const { createUser } = await import("../lib/auth/users");
  const { createRepo } = await import("../lib/repos/create-repo");
  const { commitFiles } = await import("../lib/repos/commit-files");
  const { storeBytes } = await import("../lib/repos/ingest-blob");
  const { submitFineTune } = await import("../lib/finetune/jobs");
  const { startWorker } = await import("../lib/worker/start-worker");
  const { serializeModel } = await import("../lib/finetune/trainer");
  const { detectCapabilities, pythonCommand } = await import("../lib/jobs/capabilities");
  const { findRepo } = await import("../lib/repos/find-repo");
  const { fileAt } = await import("../lib/repos/read-files");
  const { readBlobBytes } = await import("../lib/storage");
  const { zip } = await import("../tests/setup/zip-writer");
  const { png } = await import("../tests/setup/tfjs-models");

  await tf.setBackend("cpu");
  // a small CNN base (16×16×3 → conv → conv → pool → dense), fully trained in the job (unfreeze all)
  const base = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [16, 16, 3], filters: 8, kernelSize: 3, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  const { modelJson, weights } = await serializeModel(base);
  const members = Array.from({ length: IMAGES }, (_, i) => ({ name: `${i % 2 ? "warm" : "cold"}/${i}.png`, data: png(16, 16, i % 2 ? [200, 40 + (i % 50), 20] : [20, 40 + (i % 50), 200]) }));
  const dataset = zip(members);

  const user = await createUser({ username: "bench", email: "bench@example.test", password: "bench password" });
  const repo = await createRepo({ owner: user, name: "cnn-base", private: false, license: "apache-2.0" });
  const ops = await Promise.all(Object.entries({ "model.json": Buffer.from(modelJson), "weights.bin": weights }).map(async ([path, b]) => ({ op: "put" as const, path, sha256: (await storeBytes(b)).sha256 })));
  await commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: user, title: "base", operations: ops });
  const actor = { userId: user.id, username: user.username, email: user.email, isAdmin: false, via: "session" as const };
  const params = { epochs: EPOCHS, learningRate: 0.01, batchSize: 32, validationSplit: 0, seed: 7, unfreeze: 1000 };

  // bare TF.js: what a user's own script does with the same base and data, in a process of its
  // own (the hub's worker shares this one): decode, build extractor + head, fit, serialize.
  const scratch = await mkdtemp(path.join(os.tmpdir(), "bench-tfjs-"));
  await writeFile(path.join(scratch, "model.json"), modelJson);
  await writeFile(path.join(scratch, "weights.bin"), weights);
  await writeFile(path.join(scratch, "d.zip"), dataset);
  async function bareSeconds(): Promise<number> {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/tfjs-bare.ts"), path.join(scratch, "model.json"), path.join(scratch, "weights.bin"), path.join(scratch, "d.zip"), String(EPOCHS)], { timeout: 600_000, cwd: ROOT });
    return (JSON.parse(stdout.trim().split("\n").pop()!) as { seconds: number }).seconds;
  }

  const worker = await startWorker({ concurrency: 1, capabilities: await detectCapabilities() });
  let n = 0;
  /** A whole job on the worker: from the moment it starts (base loaded, data prepared, trained, published) to the moment it has finished. */
  async function jobSeconds(base: string, hardware: "cpu" | "gpu", data: Buffer, p: object): Promise<number> {
    const job = await submitFineTune({ actor, base, task: "image-classification", dataset: { name: "d.zip", bytes: data }, params: p, hardware, outputName: `bench-${n++}`, outputPrivate: false, publishAnyway: true });
    for (;;) {
      const j = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
      if (j.status === "succeeded" || j.status === "not_learned") return (j.finishedAt!.getTime() - j.startedAt!.getTime()) / 1000;
      if (j.status === "failed") throw new Error(j.error ?? "job failed");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const spread = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} s`;
  const results: { name: string; overhead: number }[] = [];
  async function compare(name: string, samples: number, bare: () => Promise<number>, viaJob: () => Promise<number>) {
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      // interleaved: the machine is shared, only ratios from the same rounds count
      a.push(await bare());
      b.push(await viaJob());
    }
    const [ma, mb] = [median(a), median(b)];
    const overhead = 1 - ma / mb;
    console.log(`${name.padEnd(8)} bare loop   ${(samples / ma).toFixed(0).padStart(6)} samples/s  (median ${ma.toFixed(2)} s, ${spread(a)})`);
    console.log(`${"".padEnd(8)} worker job  ${(samples / mb).toFixed(0).padStart(6)} samples/s  (median ${mb.toFixed(2)} s, ${spread(b)})  overhead ${(overhead * 100).toFixed(1)}% of the job (target ≤ 15%)`);
    results.push({ name, overhead });
  }

  console.log(`bench/train: whole jobs (base loaded, data prepared, trained, published) against a bare loop doing the same work, ${ROUNDS} interleaved rounds, medians`);
  console.log(`TF.js: ${IMAGES} images 16×16, ${EPOCHS} epochs, a CNN fully trained (unfreeze all), batch 32`);
  if (values.only !== "pytorch") await compare("tfjs", IMAGES * EPOCHS, () => bareSeconds(), () => jobSeconds("bench/cnn-base", "cpu", dataset, params));

  const torch = worker.capabilities.runtimes?.pytorch ?? null;
  if (torch && values.only !== "tfjs") {
    const { seedPytorchDemo, PYTORCH_DEMO } = await import("../lib/demo/seed-pytorch");
    await seedPytorchDemo();
    const torchData = zip(Array.from({ length: IMAGES }, (_, i) => ({ name: `${i % 2 ? "warm" : "cold"}/${i}.png`, data: png(64, 64, i % 2 ? [200, 40 + (i % 50), 20] : [20, 40 + (i % 50), 200]) })));
    const baseDir = await mkdtemp(path.join(os.tmpdir(), "bench-torch-"));
    const repo = (await findRepo("modelhub", PYTORCH_DEMO))!;
    for (const f of ["config.json", "model.safetensors"]) await writeFile(path.join(baseDir, f), await readBlobBytes((await fileAt(repo.id, "main", f)).sha256));
    await writeFile(path.join(baseDir, "d.zip"), torchData);
    const outDir = await mkdtemp(path.join(os.tmpdir(), "bench-torch-out-"));
    const torchParams = { epochs: EPOCHS, learningRate: 0.001, batchSize: 32, validationSplit: 0, seed: 7, unfreeze: 100 };
    const bareTorch = async (device: string) => {
      const { stdout } = await promisify(execFile)(pythonCommand(), [path.join(ROOT, "bench/pytorch_bare.py"), baseDir, path.join(baseDir, "d.zip"), outDir, String(EPOCHS), "32", "0.001", device], { timeout: 600_000 });
      return (JSON.parse(stdout.trim().split("\n").pop()!) as { seconds: number }).seconds;
    };
    console.log(`PyTorch ${torch.version}: ${IMAGES} images 64×64, ${EPOCHS} epochs, mobilenet_v3_small fully trained, batch 32`);
    await compare("pytorch", IMAGES * EPOCHS, () => bareTorch("cpu"), () => jobSeconds(`modelhub/${PYTORCH_DEMO}`, "cpu", torchData, torchParams));
    if (torch.cuda) {
      const [cpu, gpu] = [await jobSeconds(`modelhub/${PYTORCH_DEMO}`, "cpu", torchData, torchParams), await jobSeconds(`modelhub/${PYTORCH_DEMO}`, "gpu", torchData, torchParams)];
      console.log(`pytorch  CUDA (${torch.cuda.device}) job ${gpu.toFixed(2)} s against CPU job ${cpu.toFixed(2)} s: ${(cpu / gpu).toFixed(2)}× faster`);
    } else console.log("pytorch  no CUDA device here: GPU figures not measured");
    await rm(baseDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  } else console.log("pytorch  not installed here (apt-get install python3-torch python3-torchvision): not measured");

  if (worker.capabilities.gpu) {
    const [cpu, gpu] = [await jobSeconds("bench/cnn-base", "cpu", dataset, params), await jobSeconds("bench/cnn-base", "gpu", dataset, params)];
    console.log(`tfjs     WebGPU job ${gpu.toFixed(2)} s against CPU job ${cpu.toFixed(2)} s: ${(cpu / gpu).toFixed(2)}× faster`);
  } else console.log("tfjs     no WebGPU adapter here: GPU figures not measured");
  await worker.stop();
  await rm(scratch, { recursive: true, force: true });
  await teardown();
  const met = results.filter((r) => r.overhead <= 0.15).length;
  console.log(`targets met: ${met} of ${results.length}`);
}

runBench(main);
