// What the file page shows for a weights file: the parsed header of its format,
// reading sibling files (shards, weight files) at the same revision.
import { findFileAt, type FileAtRevision } from "../repos/read-files";
import { isSafeRelative } from "./tfjs";
import { formatOf, ggufHeader, onnxHeader, safetensorsHeader, shardedSafetensors, tfjsModel } from "./read-blob-header";

export type FileView =
  | { kind: "safetensors"; result: Awaited<ReturnType<typeof safetensorsHeader>> }
  | { kind: "safetensors-index"; result: Awaited<ReturnType<typeof shardedSafetensors>> }
  | { kind: "gguf"; result: Awaited<ReturnType<typeof ggufHeader>> }
  | { kind: "onnx"; result: Awaited<ReturnType<typeof onnxHeader>> }
  | { kind: "tfjs"; result: Awaited<ReturnType<typeof tfjsModel>>; present: Record<string, number | null> };

export async function fileView(file: FileAtRevision): Promise<FileView | null> {
  const kind = formatOf(file.path);
  const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/") + 1) : "";
  const sibling = async (rel: string) => (isSafeRelative(rel) ? findFileAt(file.revision.treeId, dir + rel) : null);
  switch (kind) {
    case "safetensors": return { kind, result: await safetensorsHeader(file) };
    case "gguf": return { kind, result: await ggufHeader(file) };
    case "onnx": return { kind, result: await onnxHeader(file) };
    case "safetensors-index": return { kind, result: await shardedSafetensors(file, sibling) };
    case "tfjs": {
      const result = await tfjsModel(file);
      const present: Record<string, number | null> = {};
      if (result.ok) for (const s of result.info.shards.slice(0, 1000)) present[s.path] = (await sibling(s.path))?.size ?? null;
      return { kind, result, present };
    }
    default: return null;
  }
}
