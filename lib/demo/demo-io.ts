// Inputs to numbers and model outputs to results, for the in-browser demo. Pure
// functions over plain arrays (no TF.js), so the worker stays thin and every
// decoding rule is tested in Node.
import type { DemoSpec, Feature } from "./demo-spec";

export type Scored = { label: string; score: number };
export type Box = { label: string; score: number; x: number; y: number; width: number; height: number }; // fractions of the image
export type Keypoint = { name: string; x: number; y: number; score: number }; // fractions of the image
export type DemoResult =
  | { kind: "classes"; top: Scored[] }
  | { kind: "boxes"; boxes: Box[] }
  | { kind: "keypoints"; points: Keypoint[]; skeleton: [number, number][]; threshold: number }
  | { kind: "value"; value: number; unit: string | null };

/** Tabular values in the model's column order: numbers standardised, categories one-hot. */
/** How many numbers encodeFeatures makes: one per number, one per category value (one-hot). */
export function encodedWidth(features: Feature[]): number {
  return features.reduce((n, f) => n + (f.type === "category" ? f.values.length : 1), 0);
}

export function encodeFeatures(features: Feature[], values: Record<string, string | number>): number[] {
  const out: number[] = [];
  for (const f of features) {
    const v = values[f.name];
    if (f.type === "category") {
      const i = f.values.indexOf(String(v ?? ""));
      if (i < 0) throw new Error(`${f.name}: choose one of ${f.values.join(", ")}`);
      for (let k = 0; k < f.values.length; k++) out.push(k === i ? 1 : 0);
    } else {
      const n = typeof v === "number" ? v : Number(String(v ?? "").trim());
      if (v === undefined || String(v).trim() === "" || !Number.isFinite(n)) throw new Error(`${f.name}: enter a number`);
      out.push((n - f.mean) / f.std);
    }
  }
  return out;
}

/** Linear map of 0..255 pixels onto the model's range: value = pixel * scale + offset. */
export function pixelTransform(range: [number, number]): { scale: number; offset: number } {
  return { scale: (range[1] - range[0]) / 255, offset: range[0] };
}

export function softmax(xs: number[]): number[] {
  const m = Math.max(...xs);
  const e = xs.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/**
 * `data` is the flat output tensor, `shape` its shape. Boxes and keypoints come
 * back as fractions of the input, so the page can draw them over any image size.
 */
export function decodeOutput(spec: Pick<DemoSpec, "output" | "image" | "keypoints">, labels: string[], data: ArrayLike<number>, shape: number[]): DemoResult {
  const { output } = spec;
  const label = (i: number) => labels[i] ?? `class ${i}`;
  switch (output.decoder) {
    case "probabilities":
    case "logits": {
      const row = Array.from(data).slice(0, shape[shape.length - 1] ?? data.length);
      const p = output.decoder === "logits" ? softmax(row) : row;
      const top = p.map((score, i) => ({ label: label(i), score })).sort((a, b) => b.score - a.score).slice(0, output.topK);
      return { kind: "classes", top };
    }
    case "boxes-xyxy-score-class": {
      const width = shape[shape.length - 1] ?? 6;
      if (width < 6) throw new Error(`Detections need 6 numbers per row (x1, y1, x2, y2, score, class); this output has ${width}`);
      const [w, h] = output.coordinates === "input-pixels" && spec.image ? [spec.image.width, spec.image.height] : [1, 1];
      const boxes: Box[] = [];
      for (let r = 0; r + width <= data.length; r += width) {
        const [x1, y1, x2, y2, score, cls] = [data[r]!, data[r + 1]!, data[r + 2]!, data[r + 3]!, data[r + 4]!, data[r + 5]!];
        if (!(score >= output.threshold)) continue;
        const x = clamp01(Math.min(x1, x2) / w);
        const y = clamp01(Math.min(y1, y2) / h);
        boxes.push({ label: label(Math.round(cls)), score, x, y, width: clamp01(Math.max(x1, x2) / w) - x, height: clamp01(Math.max(y1, y2) / h) - y });
      }
      boxes.sort((a, b) => b.score - a.score);
      return { kind: "boxes", boxes: boxes.slice(0, 100) };
    }
    case "keypoints-yxs": {
      const names = spec.keypoints?.names ?? [];
      const n = names.length || Math.floor(data.length / 3);
      const points: Keypoint[] = [];
      for (let i = 0; i < n && i * 3 + 2 < data.length; i++) {
        points.push({ name: names[i] ?? `point ${i}`, y: clamp01(data[i * 3]!), x: clamp01(data[i * 3 + 1]!), score: data[i * 3 + 2]! });
      }
      return { kind: "keypoints", points, skeleton: spec.keypoints?.skeleton ?? [], threshold: output.threshold };
    }
    case "value":
      return { kind: "value", value: data[0] ?? NaN, unit: output.unit };
  }
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
