// Which fine-tuning tasks a base can do, from its model.json's input and its card's demo
// section, without loading its weights: the form offers only these.
import { parseTfjsModel } from "../formats/tfjs";
import { readBlobText } from "../repos/read-blob";
import { baseDemoSpec, type FineTuneTask } from "./base-input";
import { findTfjsModel } from "./load-base-model";

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
  if (spec && (spec.task === "text-classification" || spec.task === "image-classification" || spec.task === "tabular-classification")) return [spec.task];
  if (shape.length === 4) return ["image-classification"];
  if (shape.length === 2 && base.files.has(`${base.dir}vocab.txt`)) return ["text-classification"];
  if (shape.length === 2 && spec?.features.length) return ["tabular-classification"];
  return [];
}
