// bench/train: the worker's fine-tuning throughput against a bare TF.js
// training loop on the same model and data (same run), job pickup latency on
// an idle worker, and the GPU speed-up where a WebGPU adapter exists.
//   npm run bench:train [-- --epochs 3 --images 256 --jobs 10]
import { baseInput } from "../lib/finetune/base-input";
import { parseArgs } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { benchData, median, runBench } from "./hub-process";

const { values } = parseArgs({ options: { epochs: { type: "string", default: "3" }, images: { type: "string", default: "256" }, jobs: { type: "string", default: "10" } } });
const EPOCHS = Number(values.epochs);
const IMAGES = Number(values.images);
const JOBS = Number(values.jobs);

async function main() {
  const { teardown } = await benchData("train-data");
  const { db } = await import("../lib/db/client");
  const { createUser } = await import("../lib/auth/users");
  const { createRepo } = await import("../lib/repos/create-repo");
  const { commitFiles } = await import("../lib/repos/commit-files");
  const { storeBytes } = await import("../lib/repos/ingest-blob");
  const { submitFineTune } = await import("../lib/finetune/jobs");
  const { startWorker } = await import("../lib/worker/start-worker");
  const { serializeModel, featureExtractor } = await import("../lib/finetune/trainer");
  const { prepareData } = await import("../lib/finetune/prepare-data");
  const { useBackend } = await import("../lib/finetune/tfjs-transfer-trainer");
  const { webgpuAdapter } = await import("../lib/jobs/capabilities");
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

  // bare TF.js: the same extractor + head, the same tensors, model.fit
  async function bareSamplesPerSecond(backend: "cpu" | "gpu"): Promise<number> {
    await useBackend(backend);
    const fresh = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: JSON.parse(modelJson).modelTopology, weightSpecs: JSON.parse(modelJson).weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.length) as ArrayBuffer }));
    const data = await prepareData("image-classification", { name: "d.zip", bytes: dataset }, baseInput("image-classification", fresh, null, null), { text: "text", label: "label" });
    const ex = featureExtractor(fresh);
    const model = tf.model({ inputs: ex.inputs, outputs: tf.layers.dense({ units: 2, activation: "softmax" }).apply(ex.outputs[0]!) as tf.SymbolicTensor });
    model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
    const y = tf.oneHot(tf.tensor1d(data.labels, "int32"), 2);
    const rates: number[] = [];
    for (let e = 0; e < EPOCHS; e++) {
      const t = performance.now();
      await model.fit(data.x, y, { epochs: 1, batchSize: 32, shuffle: true, verbose: 0 });
      rates.push(data.labels.length / ((performance.now() - t) / 1000));
    }
    tf.dispose([data.x, y]);
    return median(rates);
  }

  const worker = await startWorker({ concurrency: 1, capabilities: { cpu: { cores: 1, model: "bench" }, gpu: (await webgpuAdapter()) ? { adapter: "webgpu", vendor: "", memoryMiB: null } : null } });
  async function jobSamplesPerSecond(hardware: "cpu" | "gpu", name: string): Promise<number> {
    const job = await submitFineTune({ actor, base: "bench/cnn-base", task: "image-classification", dataset: { name: "d.zip", bytes: dataset }, params, hardware, outputName: name, outputPrivate: false });
    for (;;) {
      const j = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
      if (j.status === "succeeded") break;
      if (j.status === "failed") throw new Error(j.error ?? "job failed");
      await new Promise((r) => setTimeout(r, 100));
    }
    const epochs = await db().jobEvent.findMany({ where: { jobId: job.id, kind: "epoch" } });
    // the trainer reports samples/s over the training examples of each epoch
    return median(epochs.map((e) => (e.data as { samplesPerSecond: number }).samplesPerSecond));
  }

  console.log(`bench/train: ${IMAGES} images 16×16, ${EPOCHS} epochs, CNN fully trained (unfreeze all), batch 32, median per epoch`);
  const bare = await bareSamplesPerSecond("cpu");
  const viaJob = await jobSamplesPerSecond("cpu", "bench-cpu");
  console.log(`bare TF.js loop (cpu)             ${bare.toFixed(0).padStart(7)} samples/s`);
  console.log(`worker job trainer (cpu)          ${viaJob.toFixed(0).padStart(7)} samples/s  overhead ${((1 - viaJob / bare) * 100).toFixed(1)}% (target ≤ 10%)`);

  // pickup: an idle worker, jobs submitted one at a time; created → started
  const pickups: number[] = [];
  for (let i = 0; i < JOBS; i++) {
    const job = await submitFineTune({ actor, base: "bench/cnn-base", task: "image-classification", dataset: { name: "d.zip", bytes: dataset }, params: { ...params, epochs: 1 }, hardware: "cpu", outputName: `pickup-${i}`, outputPrivate: false });
    for (;;) {
      const j = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
      if (["succeeded", "failed"].includes(j.status)) {
        pickups.push(j.startedAt!.getTime() - j.createdAt.getTime());
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  console.log(`job pickup latency (created → started), ${JOBS} jobs: median ${median(pickups)} ms, max ${Math.max(...pickups)} ms`);

  if (worker.capabilities.gpu) {
    const gpu = await jobSamplesPerSecond("gpu", "bench-gpu");
    console.log(`worker job trainer (gpu, WebGPU)  ${gpu.toFixed(0).padStart(7)} samples/s  speed-up vs cpu ${(gpu / viaJob).toFixed(2)}×`);
  } else console.log("no WebGPU adapter on this machine: GPU figures not measured");
  await worker.stop();
  await teardown();
}

runBench(main);
