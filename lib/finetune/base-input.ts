// How a base model is fed, so that training feeds it the same way its demo does: the
// card's `demo` section (tokenizer mode and length, image size, channels and range,
// tabular features) checked against the model's own input shape. Without a demo
// section, the model itself decides (an Embedding first layer reads token ids; a
// vocab-sized input is a bag of words). A mismatch is refused before training.
import type * as tf from "@tensorflow/tfjs";
import { parseCard } from "../cards/front-matter";
import { parseDemoSpec, type DemoSpec, type Feature, type ImageInput } from "../demo/demo-spec";
import { badRequest } from "../errors";
import { readBlobText } from "../repos/read-blob";
import type { BaseModelFiles } from "./load-base-model";

export type BaseInput =
  | { kind: "text"; mode: "sequence"; maxLength: number; vocab: string[] }
  | { kind: "text"; mode: "bag-of-words"; vocab: string[] }
  | { kind: "image"; width: number; height: number; channels: 1 | 3; range: [number, number] }
  | { kind: "tabular"; features: Feature[] };

export type FineTuneTask = "text-classification" | "image-classification" | "tabular-classification" | "tabular-regression";

/** The base's demo spec from its card (README.md beside the repo root), or null. */
export async function baseDemoSpec(base: BaseModelFiles): Promise<DemoSpec | null> {
  const readme = base.files.get("README.md");
  if (!readme) return null;
  const text = await readBlobText(readme.sha256, readme.size);
  if (!text) return null;
  return parseDemoSpec(parseCard(text).data, [...base.files.keys()]).spec;
}

export function baseInput(task: FineTuneTask, model: tf.LayersModel, vocab: string[] | null, spec: DemoSpec | null): BaseInput {
  const shape = model.inputs[0]!.shape;
  if (task === "text-classification") {
    if (shape.length !== 2 || !shape[1]) throw badRequest(`Text fine-tuning needs a base whose input is [batch, length] (token ids) or [batch, vocabulary] (a bag of words); this one takes ${JSON.stringify(shape)}`);
    if (!vocab) throw badRequest("Text fine-tuning needs the base's vocab.txt (one token per line, line number = token id)");
    const width = shape[1];
    const firstIsEmbedding = model.layers.find((l) => l.getClassName() !== "InputLayer")?.getClassName() === "Embedding";
    const mode = spec?.tokenizer?.mode ?? (firstIsEmbedding ? "sequence" : width === vocab.length ? "bag-of-words" : "sequence");
    if (mode === "bag-of-words") {
      if (width !== vocab.length) throw badRequest(`The base's card says bag-of-words, but its input has ${width} entries for a vocabulary of ${vocab.length}`);
      return { kind: "text", mode, vocab };
    }
    if (spec?.tokenizer && spec.tokenizer.maxLength !== width) throw badRequest(`The base's card says sequences of ${spec.tokenizer.maxLength} tokens, but its input takes ${width}`);
    return { kind: "text", mode: "sequence", maxLength: width, vocab };
  }
  if (task === "image-classification") {
    if (shape.length !== 4 || !shape[1] || !shape[2] || (shape[3] !== 3 && shape[3] !== 1)) throw badRequest(`Image fine-tuning needs a base whose input is [batch, height, width, 1 or 3]; this one takes ${JSON.stringify(shape)}`);
    const image: ImageInput | null = spec?.image ?? null;
    if (image && (image.width !== shape[2] || image.height !== shape[1])) throw badRequest(`The base's card says ${image.width}×${image.height} images, but its input takes ${shape[2]}×${shape[1]}`);
    return { kind: "image", width: shape[2], height: shape[1], channels: shape[3] as 1 | 3, range: image?.range ?? [0, 1] };
  }
  const features = spec?.features ?? [];
  if (!features.length) throw badRequest("Tabular fine-tuning needs the base's card to list its input features (demo.features)");
  const width = features.reduce((n, f) => n + (f.type === "category" ? f.values.length : 1), 0);
  if (shape.length !== 2 || shape[1] !== width) throw badRequest(`The base's features make ${width} inputs, but its input takes ${JSON.stringify(shape)}`);
  return { kind: "tabular", features };
}

/** The demo section of a fine-tuned model: the base's way of feeding it, the new labels (or, for a regressor, the target's name as its unit). */
export function demoYaml(task: FineTuneTask, input: BaseInput, examples: string, target?: string): string {
  const regression = task === "tabular-regression";
  const head = `demo:\n  task: ${task}\n  model: model.json\n${regression ? "" : "  labels: labels.json\n"}`;
  const out = regression ? `  output: { decoder: value${target ? `, unit: ${JSON.stringify(target.slice(0, 40))}` : ""} }\n` : "  output: { decoder: probabilities }\n";
  if (input.kind === "text") {
    const tok = input.mode === "bag-of-words" ? "{ vocab: vocab.txt, mode: bag-of-words }" : `{ vocab: vocab.txt, mode: sequence, max_length: ${input.maxLength} }`;
    return `${head}  tokenizer: ${tok}\n${out}${examples}`;
  }
  if (input.kind === "image") {
    return `${head}  input: { size: [${input.width}, ${input.height}], channels: ${input.channels}, range: [${input.range[0]}, ${input.range[1]}] }\n${out}${examples}`;
  }
  return `${head}  features: ${JSON.stringify(input.features)}\n${out}${examples}`;
}
