// The card's `demo` section: what a TF.js model does and how to feed it, so the
// model page can run it in the visitor's browser. Plain data, checked field by
// field; every problem is a sentence the author can act on. Example inputs come
// from the card's `widget` list, as on other hubs (src, text, structured_data).
import { isSafeRelative } from "../formats/tfjs";

export const DEMO_TASKS = ["image-classification", "object-detection", "keypoint-detection", "text-classification", "tabular-classification", "tabular-regression"] as const;
export type DemoTask = (typeof DEMO_TASKS)[number];

const _DECODERS = { probabilities: "classes", logits: "classes", "boxes-xyxy-score-class": "boxes", "keypoints-yxs": "keypoints", value: "value" } as const;
export type Decoder = keyof typeof _DECODERS;
const DECODER_FOR: Record<DemoTask, Decoder[]> = {
  "image-classification": ["probabilities", "logits"],
  "object-detection": ["boxes-xyxy-score-class"],
  "keypoint-detection": ["keypoints-yxs"],
  "text-classification": ["probabilities", "logits"],
  "tabular-classification": ["probabilities", "logits"],
  "tabular-regression": ["value"],
};

export type ImageInput = { width: number; height: number; channels: 1 | 3; dtype: "float32" | "int32"; range: [number, number]; layout: "nhwc" | "nchw" };
export type Feature = { name: string; type: "number"; mean: number; std: number; min?: number; max?: number; step?: number } | { name: string; type: "category"; values: string[] };
export type Example = { title: string } & ({ kind: "image"; path: string } | { kind: "text"; text: string } | { kind: "tabular"; values: Record<string, string | number> });

export type DemoSpec = {
  task: DemoTask;
  model: string; // path of model.json in the repo
  labels: string | null; // path of a JSON array or one-label-per-line file
  image: ImageInput | null;
  tokenizer: { vocab: string; mode: "sequence" | "bag-of-words"; maxLength: number } | null;
  features: Feature[];
  output: { tensor: string | null; decoder: Decoder; coordinates: "input-pixels" | "normalized"; threshold: number; topK: number; unit: string | null };
  keypoints: { names: string[]; skeleton: [number, number][] } | null;
  examples: Example[];
};

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Reads `demo` (and `widget` examples) from card metadata; null when the card has no demo section. */
export function parseDemoSpec(data: Record<string, unknown>, files: string[]): { spec: DemoSpec | null; problems: string[] } {
  const d = data.demo;
  if (d === undefined) return { spec: null, problems: [] };
  const problems: string[] = [];
  const bad = (m: string) => problems.push(m);
  if (!isObj(d)) return { spec: null, problems: ["must be a mapping (task, model, input, output…)"] };
  const has = (p: string) => files.includes(p);
  const path = (key: string, v: unknown, required: boolean): string | null => {
    if (v === undefined) {
      if (required) bad(`${key} is required`);
      return null;
    }
    if (typeof v !== "string" || !isSafeRelative(v.replace(/^\.\//, ""))) return bad(`${key} must be a relative path inside the repo`), null;
    const p = v.replace(/^\.\//, "");
    if (!has(p)) bad(`${key}: ${p} is not in the repo`);
    return p;
  };

  const task = (d.task ?? data.pipeline_tag) as DemoTask;
  if (!(DEMO_TASKS as readonly unknown[]).includes(task)) bad(`task must be one of ${DEMO_TASKS.join(", ")} (got ${JSON.stringify(d.task ?? data.pipeline_tag ?? null)})`);
  const model = path("model", d.model ?? "model.json", true) ?? "model.json";
  if (!model.endsWith(".json")) bad("model must name a TF.js model.json");
  const labels = path("labels", d.labels, task !== "tabular-regression" && task !== "keypoint-detection");

  // Output
  const o = isObj(d.output) ? d.output : {};
  if (d.output !== undefined && !isObj(d.output)) bad("output must be a mapping (decoder, tensor, threshold…)");
  const allowed = DECODER_FOR[task] ?? [];
  const decoder = (o.decoder ?? allowed[0]) as Decoder;
  if (allowed.length && !allowed.includes(decoder)) bad(`output.decoder for ${task} must be ${allowed.join(" or ")}`);
  if (o.tensor !== undefined && (typeof o.tensor !== "string" || !/^[\w/:.-]{1,200}$/.test(o.tensor))) bad("output.tensor must be a tensor name");
  const coordinates = (o.coordinates ?? "normalized") as "normalized" | "input-pixels";
  if (coordinates !== "normalized" && coordinates !== "input-pixels") bad("output.coordinates must be normalized or input-pixels");
  const threshold = o.threshold ?? 0.3;
  if (!isNum(threshold) || threshold < 0 || threshold > 1) bad("output.threshold must be a number from 0 to 1");
  const topK = o.top_k ?? 5;
  if (!Number.isInteger(topK) || (topK as number) < 1 || (topK as number) > 100) bad("output.top_k must be a whole number from 1 to 100");
  if (o.unit !== undefined && (typeof o.unit !== "string" || o.unit.length > 40)) bad("output.unit must be a short string");

  // Inputs, per kind of task
  let image: ImageInput | null = null;
  let tokenizer: DemoSpec["tokenizer"] = null;
  let features: Feature[] = [];
  if (task === "image-classification" || task === "object-detection" || task === "keypoint-detection") image = parseImageInput(d.input, bad);
  if (task === "text-classification") {
    const t = isObj(d.tokenizer) ? d.tokenizer : null;
    if (!t) bad("tokenizer is required for text: vocab (a vocab.txt, one token per line), mode (sequence or bag-of-words) and, for sequences, max_length");
    const vocab = path("tokenizer.vocab", t?.vocab, true);
    const mode = t?.mode ?? "sequence";
    if (mode !== "sequence" && mode !== "bag-of-words") bad("tokenizer.mode must be sequence (token ids) or bag-of-words (one 0/1 input per vocab entry)");
    const maxLength = t?.max_length ?? (mode === "bag-of-words" ? 0 : undefined);
    if (mode === "sequence" && (!Number.isInteger(maxLength) || (maxLength as number) < 1 || (maxLength as number) > 4096)) bad("tokenizer.max_length must be a whole number from 1 to 4096");
    tokenizer = vocab ? { vocab, mode: mode as "sequence", maxLength: maxLength as number } : null;
  }
  if (task === "tabular-classification" || task === "tabular-regression") features = parseFeatures(d.features, bad);

  let keypoints: DemoSpec["keypoints"] = null;
  if (task === "keypoint-detection") {
    const k = isObj(d.keypoints) ? d.keypoints : null;
    const names = k?.names;
    if (!Array.isArray(names) || !names.length || names.length > 200 || !names.every((n) => typeof n === "string" && n.length <= 60)) bad("keypoints.names must list the keypoint names in output order");
    const n = Array.isArray(names) ? names.length : 0;
    const skeleton = k?.skeleton ?? [];
    if (!Array.isArray(skeleton) || !skeleton.every((e) => Array.isArray(e) && e.length === 2 && e.every((i) => Number.isInteger(i) && i >= 0 && i < n))) {
      bad("keypoints.skeleton must be pairs of keypoint indexes");
    }
    keypoints = { names: Array.isArray(names) ? (names as string[]) : [], skeleton: Array.isArray(skeleton) ? (skeleton as [number, number][]) : [] };
  }

  const examples = parseExamples(data.widget, task, has, bad);
  if (problems.length) return { spec: null, problems };
  return {
    spec: {
      task, model, labels, image, tokenizer, features, keypoints, examples,
      output: { tensor: (o.tensor as string | undefined) ?? null, decoder, coordinates, threshold: threshold as number, topK: topK as number, unit: (o.unit as string | undefined) ?? null },
    },
    problems,
  };
}

function parseImageInput(v: unknown, bad: (m: string) => void): ImageInput | null {
  if (!isObj(v)) return bad("input is required for images: size [width, height], and optionally channels, dtype, range, layout"), null;
  const size = v.size;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((s) => Number.isInteger(s) && s >= 8 && s <= 2048)) bad("input.size must be [width, height] in pixels (8 to 2048)");
  const channels = v.channels ?? 3;
  if (channels !== 1 && channels !== 3) bad("input.channels must be 1 (grayscale) or 3 (RGB)");
  const dtype = v.dtype ?? "float32";
  if (dtype !== "float32" && dtype !== "int32") bad("input.dtype must be float32 or int32");
  const range = v.range ?? [0, 1];
  if (!Array.isArray(range) || range.length !== 2 || !range.every(isNum) || (range[0] as number) >= (range[1] as number)) bad("input.range must be [min, max] that pixel values 0..255 map to, e.g. [0, 1] or [-1, 1]");
  const layout = v.layout ?? "nhwc";
  if (layout !== "nhwc" && layout !== "nchw") bad("input.layout must be nhwc or nchw");
  if (!Array.isArray(size)) return null;
  return { width: size[0] as number, height: size[1] as number, channels: channels as 1 | 3, dtype: dtype as "float32", range: range as [number, number], layout: layout as "nhwc" };
}

function parseFeatures(v: unknown, bad: (m: string) => void): Feature[] {
  if (!Array.isArray(v) || !v.length || v.length > 200) return bad("features must list the model's input columns in order (1 to 200)"), [];
  const out: Feature[] = [];
  v.forEach((f, i) => {
    const at = `features[${i}]`;
    if (!isObj(f) || typeof f.name !== "string" || !/^[\w .()/%-]{1,80}$/.test(f.name)) return bad(`${at} needs a name`);
    if (f.type === "category") {
      if (!Array.isArray(f.values) || !f.values.length || f.values.length > 100 || !f.values.every((x) => typeof x === "string")) return bad(`${at} (${f.name}): a category needs values, the one-hot order`);
      out.push({ name: f.name, type: "category", values: f.values as string[] });
    } else if (f.type === undefined || f.type === "number") {
      const mean = f.mean ?? 0;
      const std = f.std ?? 1;
      if (!isNum(mean) || !isNum(std) || std <= 0) return bad(`${at} (${f.name}): mean and std must be numbers, std above 0`);
      for (const k of ["min", "max", "step"] as const) if (f[k] !== undefined && !isNum(f[k])) return bad(`${at} (${f.name}): ${k} must be a number`);
      out.push({ name: f.name, type: "number", mean, std, min: f.min as number | undefined, max: f.max as number | undefined, step: f.step as number | undefined });
    } else bad(`${at} (${f.name}): type must be number or category`);
  });
  return out;
}

function parseExamples(v: unknown, task: DemoTask, has: (p: string) => boolean, bad: (m: string) => void): Example[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return bad("widget must be a list of example inputs"), [];
  const out: Example[] = [];
  v.slice(0, 20).forEach((w, i) => {
    if (!isObj(w)) return;
    const title = typeof w.example_title === "string" ? w.example_title.slice(0, 100) : `Example ${i + 1}`;
    if (task === "text-classification" && typeof w.text === "string") out.push({ title, kind: "text", text: w.text.slice(0, 10_000) });
    else if (task.startsWith("tabular") && isObj(w.structured_data)) {
      const values: Record<string, string | number> = {};
      for (const [k, x] of Object.entries(w.structured_data)) {
        const one = Array.isArray(x) ? x[0] : x;
        if (typeof one === "string" || isNum(one)) values[k] = one;
      }
      out.push({ title, kind: "tabular", values });
    } else if (typeof w.src === "string" && /image|object|keypoint/.test(task)) {
      const p = w.src.replace(/^\.\//, "");
      if (!isSafeRelative(p) || !has(p)) bad(`widget[${i}].src: ${p} is not in the repo (examples are files of the repo)`);
      else out.push({ title, kind: "image", path: p });
    }
  });
  return out;
}
