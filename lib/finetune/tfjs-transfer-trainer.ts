// TF.js transfer learning as a Trainer: load the base from the blob store,
// shape the dataset for its input, train a new head (optionally unfreezing
// top layers) on the CPU backend or WebGPU, and serialize the result.
import * as tf from "@tensorflow/tfjs";
import { webgpuAdapter } from "../jobs/capabilities";
import { findTfjsModel, loadBaseModel } from "./load-base-model";
import { baseDemoSpec, baseInput, type BaseInput } from "./base-input";
import { judge, judgeRegression, majorityBaseline, meanBaseline, short, type Verdict } from "./learning-check";
import { prepareData } from "./prepare-data";
import { serializeModel, trainHead, type TrainResult } from "./trainer";
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

function describeInput(i: BaseInput): string {
  if (i.kind === "text") return i.mode === "bag-of-words" ? `a bag of words over ${i.vocab.length} vocabulary entries` : `sequences of ${i.maxLength} token ids`;
  if (i.kind === "image") return `${i.width}×${i.height} images, ${i.channels} channel(s), pixels mapped to [${i.range.join(", ")}]`;
  return `${i.features.length} features (${i.features.map((f) => f.name).join(", ")})`;
}

export const tfjsTransferTrainer: Trainer = {
  id: "tfjs-transfer",
  runtime: "tfjs",
  tasks: ["text-classification", "image-classification", "tabular-classification", "tabular-regression"],
  hardware: ["cpu", "gpu"],
  async train({ task, hardware, baseTree, dataset, params, hooks }) {
    const files = await findTfjsModel(baseTree);
    const log = hooks.log ?? (() => {});
    const backend = await useBackend(hardware);
    log(`TF.js backend: ${backend}`);
    const { model: base, vocab } = await loadBaseModel(files);
    log(`Loaded the base: ${base.layers.length} layers, input ${JSON.stringify(base.inputs[0]!.shape)}`);
    const input = baseInput(task, base, vocab, await baseDemoSpec(files));
    log(`Feeding it as its card says: ${describeInput(input)}`);
    const data = await prepareData(task, dataset, input, { text: params.textColumn, label: params.labelColumn });
    try {
      let r: TrainResult;
      let verdict: Verdict;
      if (data.kind === "values") {
        log(`Dataset ${dataset.name}: ${data.targets.length} examples, predicting ${data.target} (from ${short(data.targets.reduce((a, b) => Math.min(a, b)))} to ${short(data.targets.reduce((a, b) => Math.max(a, b)))})`);
        const onSplit = (train: number[], evaluation: number[], split: "validation" | "training") => hooks.baseline?.(meanBaseline(train, evaluation, split));
        r = await trainHead(base, data.x, { kind: "values", values: data.targets }, params, { ...hooks, onSplit });
        verdict = judgeRegression(r.history, meanBaseline(r.trainLabels, r.evalLabels, r.evalSplit), r.evalLabels, r.evalPredictions, r.trainLabels, params.learningRate);
      } else {
        log(`Dataset ${dataset.name}: ${data.labels.length} examples, labels ${data.classNames.join(", ")}`);
        const classNames = data.classNames;
        const onSplit = (train: number[], evaluation: number[], split: "validation" | "training") => hooks.baseline?.(majorityBaseline(train, evaluation, classNames, split));
        r = await trainHead(base, data.x, { kind: "classes", labels: data.labels, numClasses: classNames.length }, params, { ...hooks, onSplit });
        verdict = judge(r.history, majorityBaseline(r.trainLabels, r.evalLabels, classNames, r.evalSplit), r.trainLabels, classNames, params.learningRate);
      }
      const { modelJson, weights } = await serializeModel(r.model);
      return {
        stopped: r.stopped,
        // The vocabulary travels with a text model: without it, nobody can feed it.
        files: { "model.json": Buffer.from(modelJson), "weights.bin": weights, ...(vocab ? { "vocab.txt": Buffer.from(vocab.join("\n")) } : {}) },
        classNames: data.kind === "classes" ? data.classNames : [],
        ...(data.kind === "values" ? { target: data.target } : {}),
        history: r.history,
        backend,
        trainSamples: r.trainSamples,
        valSamples: r.valSamples,
        verdict,
        input,
        examples: data.examples,
      };
    } finally {
      data.x.dispose();
    }
  },
};
