// Datasets to tensors shaped exactly as the base is fed (lib/finetune/base-input): token
// ids or a bag of words over the base's vocabulary for text, pixels resized and mapped
// onto the base's range (one or three channels) for images, the base's feature encoding
// for tables. The same shaping as the model page's demo, so what trains is what runs.
// Classification yields label indices; regression yields the target column's numbers.
import * as tf from "@tensorflow/tfjs";
import { PNG } from "pngjs";
import { encodeFeatures, pixelTransform } from "../demo/demo-io";
import { badRequest } from "../errors";
import type { BaseInput, FineTuneTask } from "./base-input";
import { readImageDataset } from "./image-dataset";
import { column, readTable } from "./table-dataset";
import { checkLabels, readTextDataset } from "./text-dataset";
import { bagOfWords, tokenizer } from "./tokenizer";
import { short } from "./learning-check";

export type Task = FineTuneTask;
/** `examples`: a few rows of the data as the demo's widget takes them (text, or feature values), by label. */
export type Example = { label: string; text?: string; values?: Record<string, string | number>; image?: Buffer };
export type Prepared = { x: tf.Tensor; examples: Example[] } & ({ kind: "classes"; labels: number[]; classNames: string[] } | { kind: "values"; targets: number[]; target: string });
export type Columns = { text: string; label: string };

const MAX_TENSOR_BYTES = 2 * 1024 ** 3;

export async function prepareData(task: Task, dataset: { name: string; bytes: Buffer }, input: BaseInput, cols: Columns): Promise<Prepared> {
  if (task === "text-classification" && input.kind === "text") {
    const rows = await readTextDataset(dataset.name, dataset.bytes, cols);
    const classNames = [...new Set(rows.map((r) => r.label))].sort();
    const width = input.mode === "bag-of-words" ? input.vocab.length : input.maxLength;
    if (rows.length * width * 4 > MAX_TENSOR_BYTES) throw badRequest(`${rows.length} texts at ${width} inputs each need more than 2 GiB: use fewer rows`);
    const encode = input.mode === "bag-of-words" ? bagOfWords(input.vocab) : tokenizer(input.vocab, input.maxLength);
    const flat = rows.flatMap((r) => encode(r.text));
    const x = input.mode === "bag-of-words" ? tf.tensor2d(flat, [rows.length, width], "float32") : tf.tensor2d(flat, [rows.length, width], "int32");
    return { kind: "classes", x, labels: rows.map((r) => classNames.indexOf(r.label)), classNames, examples: firstOfEach(rows, (r) => r.label, (r) => ({ label: r.label, text: r.text.slice(0, 500) })) };
  }
  if (task === "image-classification" && input.kind === "image") return prepareImages(dataset.bytes, input);
  if ((task === "tabular-classification" || task === "tabular-regression") && input.kind === "tabular") return prepareTable(task, dataset, input, cols.label);
  throw badRequest(`This base cannot be fine-tuned for ${task}: it takes ${input.kind} input`);
}

async function prepareTable(task: Task, dataset: { name: string; bytes: Buffer }, input: Extract<BaseInput, { kind: "tabular" }>, wanted: string): Promise<Prepared> {
  const regression = task === "tabular-regression";
  const rows = await readTable(dataset.name, dataset.bytes);
  if (!rows.length) throw badRequest("The dataset has no rows");
  const labelCol = column(rows, wanted, regression ? "target" : "label");
  for (const f of input.features) column(rows, f.name, `feature ${f.name}`);
  const labelsText = rows.map((r, i) => {
    const v = r[labelCol];
    if (v === null || v === undefined || String(v).trim() === "") throw badRequest(`row ${i + 1}: the ${regression ? "target" : "label"} is empty`);
    return String(v).trim();
  });
  const encoded = rows.map((r, i) => {
    try {
      return encodeFeatures(input.features, cellValues(r));
    } catch (e) {
      throw badRequest(`row ${i + 1}: ${(e as Error).message}`);
    }
  });
  const examples = (labelOf: (i: number) => string) =>
    firstOfEach(rows.map((r, i) => ({ r, label: labelOf(i) })), (e) => e.label, (e) => ({ label: e.label, values: Object.fromEntries(input.features.map((f) => [f.name, cellValues(e.r)[f.name]!])) }));
  if (regression) {
    const targets = labelsText.map((t, i) => {
      const v = Number(t);
      if (!Number.isFinite(v) || Math.abs(v) > 1e15) throw badRequest(`row ${i + 1}: the target "${t.slice(0, 40)}" in column ${labelCol} is not a number`);
      return v;
    });
    return { kind: "values", x: tf.tensor2d(encoded), targets, target: labelCol, examples: examples((i) => `${labelCol} ${short(targets[i]!)}`) };
  }
  const classNames = checkLabels(labelsText);
  return { kind: "classes", x: tf.tensor2d(encoded), labels: labelsText.map((l) => classNames.indexOf(l)), classNames, examples: examples((i) => labelsText[i]!) };
}

/** A table row's cells as the feature encoder reads them (numbers stay numbers). */
function cellValues(r: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r)) out[k] = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v === null || v === undefined ? "" : String(v);
  return out;
}

/** The first row of each label, up to four: the output model's demo examples come from its own data. */
function firstOfEach<T, E>(rows: T[], labelOf: (r: T) => string, pick: (r: T) => E): E[] {
  const seen = new Map<string, E>();
  for (const r of rows) {
    if (seen.size >= 4) break;
    if (!seen.has(labelOf(r))) seen.set(labelOf(r), pick(r));
  }
  return [...seen.values()];
}

async function prepareImages(bytes: Buffer, input: Extract<BaseInput, { kind: "image" }>): Promise<Prepared> {
  const { width: w, height: h, channels } = input;
  const { labels: classNames, count } = await readImageDataset(bytes);
  if (count * h * w * channels * 4 > MAX_TENSOR_BYTES) throw badRequest(`${count} images at ${w}×${h} need more than 2 GiB: use fewer images`);
  const { scale, offset } = pixelTransform(input.range);
  const images: { label: string; t: tf.Tensor3D }[] = [];
  const examples = new Map<string, Example>();
  await readImageDataset(bytes, (img) => {
    // the first picture of each label (up to four) becomes a demo example of the output model
    if (examples.size < 4 && !examples.has(img.label) && img.width * img.height <= 1024 * 1024) examples.set(img.label, { label: img.label, image: pngOf(img) });
    images.push({
      label: img.label,
      t: tf.tidy(() => {
        let t = tf.image.resizeBilinear(tf.tensor3d(img.rgb, [img.height, img.width, 3], "int32").toFloat(), [h, w]);
        if (channels === 1) t = t.mean(2, true); // the base reads grey levels
        return t.mul(scale).add(offset) as tf.Tensor3D;
      }),
    });
  });
  const x = tf.stack(images.map((i) => i.t));
  tf.dispose(images.map((i) => i.t));
  return { kind: "classes", x, labels: images.map((i) => classNames.indexOf(i.label)), classNames, examples: [...examples.values()] };
}

function pngOf(img: { width: number; height: number; rgb: Uint8Array }): Buffer {
  const p = new PNG({ width: img.width, height: img.height });
  for (let i = 0; i < img.width * img.height; i++) p.data.set([img.rgb[i * 3]!, img.rgb[i * 3 + 1]!, img.rgb[i * 3 + 2]!, 255], i * 4);
  return PNG.sync.write(p);
}
