// Loads a TF.js layers model from a repo at an exact commit, straight from the
// blob store (model.json + its weight shards), plus its vocabulary for text.
import * as tf from "@tensorflow/tfjs";
import { badRequest } from "../errors";
import { parseTfjsModel } from "../formats/tfjs";
import { readBlobText } from "../repos/read-blob";
import { TreeReader, type FileEntry } from "../repos/tree-entries";
import { db } from "../db/client";
import { readBlobBytes } from "../storage";

export type BaseModelFiles = { modelJson: FileEntry & { path: string }; dir: string; files: Map<string, FileEntry & { path: string }> };

/** Finds the TF.js model in a tree: model.json at the root, else the first one found. */
export async function findTfjsModel(treeId: string): Promise<BaseModelFiles> {
  const list = await new TreeReader(db()).listFiles(treeId);
  const files = new Map(list.map((f) => [f.path, f]));
  const modelJson = files.get("model.json") ?? list.find((f) => f.path.endsWith("/model.json"));
  if (!modelJson) throw badRequest("This model has no TF.js model.json: only TF.js layers models can be fine-tuned");
  return { modelJson, dir: modelJson.path.slice(0, modelJson.path.length - "model.json".length), files };
}


export async function loadBaseModel(base: BaseModelFiles): Promise<{ model: tf.LayersModel; vocab: string[] | null }> {
  const text = await readBlobText(base.modelJson.sha256, base.modelJson.size, 64 * 1024 * 1024);
  if (text === null) throw badRequest("model.json is too large");
  const info = parseTfjsModel(text); // validated: shard paths, shapes, dtypes
  if (info.format !== "layers-model") throw badRequest("This is a TF.js graph model: fine-tuning needs a layers model (trainable weights)");
  const doc = JSON.parse(text) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const buffers: Buffer[] = [];
  for (const group of doc.weightsManifest) {
    for (const p of group.paths) {
      const f = base.files.get(base.dir + p);
      if (!f) throw badRequest(`The weight shard ${p} named by model.json is missing`);
      buffers.push(await readBlobBytes(f.sha256));
    }
  }
  const weightData = Buffer.concat(buffers);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: doc.modelTopology,
      weightSpecs: doc.weightsManifest.flatMap((g) => g.weights),
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.length) as ArrayBuffer,
    }),
  );
  const vocabFile = base.files.get(`${base.dir}vocab.txt`);
  const vocab = vocabFile ? ((await readBlobText(vocabFile.sha256, vocabFile.size, 16 * 1024 * 1024)) ?? "").split(/\r?\n/) : null;
  return { model, vocab };
}
