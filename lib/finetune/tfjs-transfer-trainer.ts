// TF.js transfer learning as a Trainer: load the base from the blob store,
// shape the dataset for its input, train a new head (optionally unfreezing
// top layers) on the CPU backend or WebGPU, and serialize the result.
import * as tf from "@tensorflow/tfjs";
import { webgpuAdapter } from "../jobs/capabilities";
import { loadBaseModel } from "./load-base-model";
import { prepareData } from "./prepare-data";
import { serializeModel, trainClassifier } from "./trainer";
import type { Trainer } from "./trainer-protocol";

/** The TF.js backend for a job: WebGPU (Dawn) for gpu jobs, the pure-JS CPU backend otherwise. */
export async function useBackend(hardware: "cpu" | "gpu"): Promise<string> {
  if (hardware === "gpu") {
    if (!(await webgpuAdapter())) throw new Error("This worker has no WebGPU adapter");
    await import("@tensorflow/tfjs-backend-webgpu");
    if (!(await tf.setBackend("webgpu"))) throw new Error("The WebGPU backend did not initialise");
  } else await tf.setBackend("cpu");
  await tf.ready();
  return tf.getBackend();
}

export const tfjsTransferTrainer: Trainer = {
  id: "tfjs-transfer",
  tasks: ["text-classification", "image-classification"],
  hardware: ["cpu", "gpu"],
  async train({ task, hardware, base: files, dataset, params, hooks }) {
    const log = hooks.log ?? (() => {});
    const backend = await useBackend(hardware);
    log(`TF.js backend: ${backend}`);
    const { model: base, vocab } = await loadBaseModel(files);
    log(`Loaded the base: ${base.layers.length} layers, input ${JSON.stringify(base.inputs[0]!.shape)}`);
    const data = await prepareData(task, dataset.name, dataset.bytes, base, vocab);
    log(`Dataset ${dataset.name}: ${data.labels.length} examples, labels ${data.classNames.join(", ")}`);
    try {
      const r = await trainClassifier(base, data.x, data.labels, data.classNames.length, params, hooks);
      const { modelJson, weights } = await serializeModel(r.model);
      return {
        stopped: r.stopped,
        // The vocabulary travels with a text model: without it, nobody can feed it.
        files: { "model.json": Buffer.from(modelJson), "weights.bin": weights, ...(vocab ? { "vocab.txt": Buffer.from(vocab.join("\n")) } : {}) },
        classNames: data.classNames,
        history: r.history,
        backend,
        trainSamples: r.trainSamples,
        valSamples: r.valSamples,
      };
    } finally {
      data.x.dispose();
    }
  },
};
