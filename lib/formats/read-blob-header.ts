// Range reads on stored blobs for format viewers: only the bytes a header needs.
import { readBlobRange } from "../storage";
import { readBlobText } from "../repos/read-blob";
import { readSafetensorsHeader, FormatError, type SafetensorsInfo } from "./safetensors";
import { readGgufHeader, type GgufInfo } from "./gguf";
import { readOnnxHeader, type OnnxInfo } from "./onnx";
import { MAX_MODEL_JSON_BYTES, parseTfjsModel, type TfjsInfo } from "./tfjs";
import { MAX_INDEX_BYTES, readShardedSafetensors, type ShardFile, type ShardedInfo } from "./sharded-safetensors";

export type HeaderResult<T> = { ok: true; info: T } | { ok: false; error: string };
type StoredFile = { sha256: string; size: number };

type Reader<T> = (size: number, read: (s: number, e: number) => Promise<Buffer>) => Promise<T>;

async function parsed<T>(fn: () => Promise<T>): Promise<HeaderResult<T>> {
  try {
    return { ok: true, info: await fn() };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, error: e.message };
    throw e;
  }
}

const header = <T>(file: StoredFile, reader: Reader<T>) => parsed(() => reader(file.size, (s, e) => readBlobRange(file.sha256, s, e)));

async function jsonText(file: StoredFile, max: number, what: string): Promise<string> {
  const text = await readBlobText(file.sha256, file.size, max);
  if (text === null) throw new FormatError(`cannot parse: ${what} is larger than ${max / 1024 / 1024} MiB`);
  return text;
}

export const safetensorsHeader = (file: StoredFile) => header<SafetensorsInfo>(file, readSafetensorsHeader);
export const ggufHeader = (file: StoredFile) => header<GgufInfo>(file, readGgufHeader);
export const onnxHeader = (file: StoredFile) => header<OnnxInfo>(file, readOnnxHeader);
export const tfjsModel = (file: StoredFile) => parsed<TfjsInfo>(async () => parseTfjsModel(await jsonText(file, MAX_MODEL_JSON_BYTES, "model.json")));
export const shardedSafetensors = (file: StoredFile, findShard: (relPath: string) => Promise<ShardFile | null>) =>
  parsed<ShardedInfo>(async () => readShardedSafetensors(await jsonText(file, MAX_INDEX_BYTES, "the index"), findShard, readBlobRange));

/** Which viewer a path gets. */
export type FormatKind = "safetensors" | "safetensors-index" | "gguf" | "onnx" | "tfjs";
export function formatOf(path: string): FormatKind | null {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (base.endsWith(".safetensors.index.json")) return "safetensors-index";
  if (base.endsWith(".safetensors")) return "safetensors";
  if (base.endsWith(".gguf")) return "gguf";
  if (base.endsWith(".onnx")) return "onnx";
  if (base === "model.json") return "tfjs";
  return null;
}
