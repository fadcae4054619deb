// A sharded checkpoint (`*.safetensors.index.json` + its shards) read as one:
// every shard's header by range reads, tensors combined with the file they
// live in, and every disagreement between the index and the shards reported.
import { FormatError, readSafetensorsHeader, type Tensor } from "./safetensors";
import { parseStrictJson, StrictJsonError } from "./strict-json";
import { isSafeRelative } from "./tfjs";

export const MAX_INDEX_BYTES = 32 * 1024 * 1024;
const MAX_SHARDS = 10_000;

export type ShardFile = { sha256: string; size: number };
export type ShardedInfo = {
  shards: { path: string; size: number | null; tensors: number; error: string | null }[];
  tensors: (Tensor & { file: string })[];
  parameters: Record<string, number>;
  total: number;
  declaredSize: number | null;
  tensorBytes: number;
  problems: string[];
};
type ReadRange = (sha256: string, start: number, end: number) => Promise<Buffer>;

export function parseSafetensorsIndex(text: string): { weightMap: Map<string, string>; declaredSize: number | null } {
  let doc: unknown;
  try {
    doc = parseStrictJson(text);
  } catch (e) {
    throw new FormatError(`cannot parse: the index is not valid JSON (${e instanceof StrictJsonError ? e.message : "syntax error"})`);
  }
  const o = doc as { weight_map?: unknown; metadata?: { total_size?: unknown } };
  if (!o || typeof o !== "object" || !o.weight_map || typeof o.weight_map !== "object" || Array.isArray(o.weight_map)) {
    throw new FormatError("cannot parse: the index has no weight_map object");
  }
  const weightMap = new Map<string, string>();
  for (const [tensor, file] of Object.entries(o.weight_map)) {
    if (typeof file !== "string" || !isSafeRelative(file) || !file.endsWith(".safetensors")) {
      throw new FormatError(`cannot parse: tensor ${JSON.stringify(tensor.slice(0, 200))} maps to ${JSON.stringify(String(file).slice(0, 200))}, not a .safetensors file next to the index`);
    }
    weightMap.set(tensor, file);
  }
  const size = o.metadata?.total_size;
  return { weightMap, declaredSize: Number.isSafeInteger(size) ? (size as number) : null };
}

export async function readShardedSafetensors(
  indexText: string,
  findShard: (relPath: string) => Promise<ShardFile | null>,
  read: ReadRange,
): Promise<ShardedInfo> {
  const { weightMap, declaredSize } = parseSafetensorsIndex(indexText);
  const files = [...new Set(weightMap.values())].sort();
  if (files.length > MAX_SHARDS) throw new FormatError(`cannot parse: the index names ${files.length} shards (limit ${MAX_SHARDS})`);
  const out: ShardedInfo = { shards: [], tensors: [], parameters: {}, total: 0, declaredSize, tensorBytes: 0, problems: [] };
  const seen = new Map<string, string>();
  for (const path of files) {
    const file = await findShard(path);
    if (!file) {
      out.shards.push({ path, size: null, tensors: 0, error: "missing from this revision" });
      out.problems.push(`${path} is named by the index but is not in the repo`);
      continue;
    }
    try {
      const info = await readSafetensorsHeader(file.size, (s, e) => read(file.sha256, s, e));
      out.shards.push({ path, size: file.size, tensors: info.tensors.length, error: null });
      for (const t of info.tensors) {
        const other = seen.get(t.name);
        if (other) out.problems.push(`${t.name} is in both ${other} and ${path}`);
        seen.set(t.name, path);
        const mapped = weightMap.get(t.name);
        if (mapped !== path) out.problems.push(mapped ? `${t.name} is in ${path} but the index says ${mapped}` : `${t.name} is in ${path} but not in the index`);
        out.tensors.push({ ...t, file: path });
        out.tensorBytes += t.offsets[1] - t.offsets[0];
      }
      for (const [dtype, n] of Object.entries(info.parameters)) out.parameters[dtype] = (out.parameters[dtype] ?? 0) + n;
      out.total += info.total;
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      out.shards.push({ path, size: file.size, tensors: 0, error: e.message });
      out.problems.push(`${path}: ${e.message}`);
    }
  }
  for (const [tensor, file] of weightMap) {
    if (!seen.has(tensor) && out.shards.find((s) => s.path === file)?.error === null) out.problems.push(`${tensor} is in the index but not in ${file}`);
  }
  if (declaredSize !== null && out.problems.length === 0 && declaredSize !== out.tensorBytes) {
    out.problems.push(`metadata.total_size is ${declaredSize} but the shards hold ${out.tensorBytes} bytes of tensors`);
  }
  if (out.problems.length > 200) out.problems.splice(200, out.problems.length - 200, `…and more problems`);
  return out;
}
