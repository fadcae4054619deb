// Datasets to tensors shaped for a base model's input: token ids for text
// (the base's vocab.txt), resized and scaled pixels for images.
import * as tf from "@tensorflow/tfjs";
import { badRequest } from "../errors";
import { readImageDataset } from "./image-dataset";
import { parseTextDataset } from "./text-dataset";
import { tokenizer } from "./tokenizer";

export type Task = "text-classification" | "image-classification";
export type Prepared = { x: tf.Tensor; labels: number[]; classNames: string[] };

const MAX_TENSOR_BYTES = 2 * 1024 ** 3;

function inputShape(base: tf.LayersModel): (number | null)[] {
  return base.inputs[0]!.shape;
}

export async function prepareData(task: Task, datasetName: string, bytes: Buffer, base: tf.LayersModel, vocab: string[] | null): Promise<Prepared> {
  const shape = inputShape(base);
  if (task === "text-classification") {
    if (shape.length !== 2 || !shape[1]) throw badRequest("Text fine-tuning needs a base whose input is a sequence of token ids ([batch, length])");
    if (!vocab) throw badRequest("Text fine-tuning needs the base's vocab.txt (one token per line, line number = token id)");
    const rows = parseTextDataset(datasetName, bytes);
    const classNames = [...new Set(rows.map((r) => r.label))].sort();
    const tok = tokenizer(vocab, shape[1]);
    const ids = rows.flatMap((r) => tok(r.text));
    return { x: tf.tensor2d(ids, [rows.length, shape[1]], "int32"), labels: rows.map((r) => classNames.indexOf(r.label)), classNames };
  }
  if (shape.length !== 4 || !shape[1] || !shape[2] || shape[3] !== 3) throw badRequest("Image fine-tuning needs a base whose input is [batch, height, width, 3]");
  const [h, w] = [shape[1], shape[2]];
  const images: { label: string; t: tf.Tensor3D }[] = [];
  const { labels: classNames, count } = await readImageDataset(bytes);
  if (count * h * w * 3 * 4 > MAX_TENSOR_BYTES) throw badRequest(`${count} images at ${h}×${w} need more than 2 GiB: use fewer images`);
  await readImageDataset(bytes, (img) => {
    images.push({
      label: img.label,
      t: tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(img.rgb, [img.height, img.width, 3], "int32").toFloat(), [h, w]).div(255) as tf.Tensor3D),
    });
  });
  const x = tf.stack(images.map((i) => i.t));
  tf.dispose(images.map((i) => i.t));
  return { x, labels: images.map((i) => classNames.indexOf(i.label)), classNames };
}
