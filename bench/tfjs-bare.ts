// bench/train's bare TF.js loop, in a process of its own like a user's script: decode the
// zip into tensors, build extractor + head, fit, serialize. Prints its own seconds as JSON.
//   tsx bench/tfjs-bare.ts MODEL_JSON WEIGHTS DATA_ZIP EPOCHS
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { baseInput } from "../lib/finetune/base-input";
import { prepareData } from "../lib/finetune/prepare-data";
import { featureExtractor, serializeModel } from "../lib/finetune/trainer";

async function main() {
  const [modelPath, weightsPath, dataPath, epochs] = process.argv.slice(2);
  const t0 = performance.now();
  await tf.setBackend("cpu");
  const doc = JSON.parse(readFileSync(modelPath!, "utf8"));
  const weights = readFileSync(weightsPath!);
  const fresh = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: doc.modelTopology, weightSpecs: doc.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.length) as ArrayBuffer }));
  const data = await prepareData("image-classification", { name: "d.zip", bytes: readFileSync(dataPath!) }, baseInput("image-classification", fresh, null, null), { text: "text", label: "label" });
  if (data.kind !== "classes") throw new Error("image data yields classes");
  const ex = featureExtractor(fresh);
  const model = tf.model({ inputs: ex.inputs, outputs: tf.layers.dense({ units: 2, activation: "softmax", name: "bare_head" }).apply(ex.outputs[0]!) as tf.SymbolicTensor });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  const y = tf.oneHot(tf.tensor1d(data.labels, "int32"), 2);
  await model.fit(data.x, y, { epochs: Number(epochs), batchSize: 32, shuffle: true, verbose: 0 });
  await serializeModel(model);
  console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
