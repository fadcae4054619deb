// Small TF.js layers models and datasets for fine-tuning tests, built the way
// users publish them: model.json + weights.bin (+ vocab.txt for text).
import * as tf from "@tensorflow/tfjs";
import { PNG } from "pngjs";
import { serializeModel } from "../../lib/finetune/trainer";
import { zip } from "./zip-writer";

export const VOCAB = ["[PAD]", "[UNK]", "good", "great", "fine", "bad", "awful", "poor", "movie", "the", "was", "a", "plot", "acting"];

export async function textBaseFiles(): Promise<Record<string, Buffer>> {
  await tf.setBackend("cpu");
  const m = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: VOCAB.length, outputDim: 8, inputLength: 6, embeddingsInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 7 }) }),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({ units: 8, activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
      tf.layers.dense({ units: 4, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 9 }) }),
    ],
  });
  const { modelJson, weights } = await serializeModel(m);
  return { "model.json": Buffer.from(modelJson), "weights.bin": weights, "vocab.txt": Buffer.from(VOCAB.join("\n")) };
}

export function sentimentCsv(rows = 40): Buffer {
  const pos = ["good movie", "great acting", "the plot was fine", "a great movie", "good plot"];
  const neg = ["bad movie", "awful acting", "the plot was poor", "a bad movie", "awful plot"];
  const lines = ["text,label"];
  for (let i = 0; i < rows; i++) lines.push(i % 2 ? `"${pos[i % 5]}",positive` : `"${neg[i % 5]}",negative`);
  return Buffer.from(lines.join("\n") + "\n");
}

export async function imageBaseFiles(): Promise<Record<string, Buffer>> {
  await tf.setBackend("cpu");
  const m = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 3], filters: 4, kernelSize: 3, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 3, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  const { modelJson, weights } = await serializeModel(m);
  return { "model.json": Buffer.from(modelJson), "weights.bin": weights };
}

export function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const p = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) p.data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
  return PNG.sync.write(p);
}

/** Reds and blues in one folder per class, under a top folder as zips from file managers are. */
export function colorZip(perClass = 6): Buffer {
  const members = [];
  for (let i = 0; i < perClass; i++) {
    members.push({ name: `colors/red/r${i}.png`, data: png(10 + i, 10, [200 + i * 5, 20, 20]), deflate: true });
    members.push({ name: `colors/blue/b${i}.png`, data: png(10, 10 + i, [20, 20, 200 + i * 5]), deflate: true });
  }
  return zip(members);
}
