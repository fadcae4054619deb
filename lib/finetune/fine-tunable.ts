// Which fine-tuning tasks a base can do and with which runtime, without loading its
// weights: a torchvision model in safetensors (PyTorch), or a TF.js layers model judged
// by its model.json's input and its card's demo section. The form offers only these.
import { parseTfjsModel } from "../formats/tfjs";
import { readBlobText } from "../repos/read-blob";
import { baseDemoSpec, type FineTuneTask } from "./base-input";
import { findTfjsModel } from "./load-base-model";
import { db } from "../db/client";
import { TreeReader } from "../repos/tree-entries";

/** torchvision architectures the PyTorch trainer fine-tunes (workers/trainers/pytorch_image.py). */
export const TORCHVISION_ARCHITECTURES = ["resnet18", "resnet34", "resnet50", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0", "efficientnet_b1"];

export type FineTuneTarget = { runtime: "tfjs" | "pytorch"; tasks: FineTuneTask[] };

/** The runtime a base needs and the tasks it can be fine-tuned for: PyTorch (safetensors + config.json naming a torchvision architecture) or TF.js. */
export async function fineTuneTarget(treeId: string): Promise<FineTuneTarget> {
  const files = new Map((await new TreeReader(db()).listFiles(treeId)).map((f) => [f.path, f]));
  const config = files.get("config.json");
  if (config && files.has("model.safetensors")) {
    let arch: unknown = null;
    try {
      arch = (JSON.parse((await readBlobText(config.sha256, config.size, 1024 * 1024)) ?? "{}") as { architecture?: unknown }).architecture;
    } catch {
      // not JSON: not a PyTorch base this hub knows
    }
    if (typeof arch === "string" && TORCHVISION_ARCHITECTURES.includes(arch)) return { runtime: "pytorch", tasks: ["image-classification"] };
  }
  return { runtime: "tfjs", tasks: await fineTunableTasks(treeId) };
}

export async function fineTunableTasks(treeId: string): Promise<FineTuneTask[]> {
  const base = await findTfjsModel(treeId);
  const text = await readBlobText(base.modelJson.sha256, base.modelJson.size, 64 * 1024 * 1024);
  let shape: (number | null)[] = [];
  try {
    const info = parseTfjsModel(text ?? "");
    if (info.format !== "layers-model") return [];
    shape = info.inputs[0]?.shape ?? [];
  } catch {
    return [];
  }
  const spec = await baseDemoSpec(base).catch(() => null);
  // A tabular base's features serve a new head of either kind: its own task comes first.
  if (spec?.task === "tabular-classification") return ["tabular-classification", "tabular-regression"];
  if (spec?.task === "tabular-regression") return ["tabular-regression", "tabular-classification"];
  if (spec && (spec.task === "text-classification" || spec.task === "image-classification")) return [spec.task];
  if (shape.length === 4) return ["image-classification"];
  if (shape.length === 2 && base.files.has(`${base.dir}vocab.txt`)) return ["text-classification"];
  if (shape.length === 2 && spec?.features.length) return ["tabular-classification", "tabular-regression"];
  return [];
}
