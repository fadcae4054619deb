// GGUF headers (llama.cpp's format, versions 2 and 3): metadata key/values and the
// tensor list, read sequentially by range. Big arrays (tokenizer vocabularies) are
// summarized, not kept; every count and length is checked against what remains.
import { RangeCursor, type ReadRange } from "./range-cursor";
import { FormatError } from "./safetensors";

export const MAX_GGUF_HEADER = 256 * 1024 * 1024;
const MAX_STRING = 1024 * 1024;
const KEPT_ARRAY_ITEMS = 16;

const SCALARS: Record<number, [string, number]> = {
  0: ["u8", 1], 1: ["i8", 1], 2: ["u16", 2], 3: ["i16", 2], 4: ["u32", 4], 5: ["i32", 4], 6: ["f32", 4], 7: ["bool", 1], 10: ["u64", 8], 11: ["i64", 8], 12: ["f64", 8],
};
const STRING = 8;
const ARRAY = 9;

// ggml tensor types: name and [block size, bytes per block].
const GGML_TYPES: Record<number, string> = {
  0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1", 10: "Q2_K", 11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K",
  16: "IQ2_XXS", 17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S", 20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S", 23: "IQ4_XS", 24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M", 30: "BF16",
};

export type GgufValue = string | number | boolean | bigint | { array: string; length: number; first: (string | number | boolean)[] };
export type GgufInfo = {
  version: number;
  metadata: Record<string, GgufValue>;
  tensors: { name: string; type: string; shape: number[]; offset: string }[];
  parameters: number;
  architecture: string | null;
};

async function str(c: RangeCursor): Promise<string> {
  const n = await c.u64();
  if (n > BigInt(MAX_STRING)) throw new FormatError(`cannot parse: a string of ${n} bytes at byte ${c.pos - 8}`);
  return (await c.take(Number(n))).toString("utf8");
}

async function scalar(c: RangeCursor, type: number): Promise<string | number | boolean | bigint> {
  const spec = SCALARS[type];
  if (!spec) throw new FormatError(`cannot parse: unknown value type ${type}`);
  const b = await c.take(spec[1]);
  switch (spec[0]) {
    case "u8": return b.readUInt8(0);
    case "i8": return b.readInt8(0);
    case "u16": return b.readUInt16LE(0);
    case "i16": return b.readInt16LE(0);
    case "u32": return b.readUInt32LE(0);
    case "i32": return b.readInt32LE(0);
    case "f32": return b.readFloatLE(0);
    case "bool": return b.readUInt8(0) !== 0;
    case "u64": return b.readBigUInt64LE(0);
    case "i64": return b.readBigInt64LE(0);
    default: return b.readDoubleLE(0);
  }
}

async function value(c: RangeCursor, type: number, depth = 0): Promise<GgufValue> {
  if (type === STRING) return str(c);
  if (type !== ARRAY) return scalar(c, type);
  if (depth > 2) throw new FormatError("cannot parse: arrays nested too deeply");
  const itemType = await c.u32();
  const count = await c.u64();
  if (count > BigInt(MAX_GGUF_HEADER)) throw new FormatError(`cannot parse: an array of ${count} items`);
  const first: (string | number | boolean)[] = [];
  for (let i = 0; i < Number(count); i++) {
    const v = await value(c, itemType, depth + 1);
    if (i < KEPT_ARRAY_ITEMS && typeof v !== "object") first.push(typeof v === "bigint" ? Number(v) : v);
  }
  return { array: itemType === STRING ? "string" : (SCALARS[itemType]?.[0] ?? "array"), length: Number(count), first };
}

export async function readGgufHeader(fileSize: number, read: ReadRange): Promise<GgufInfo> {
  const c = new RangeCursor(read, fileSize, MAX_GGUF_HEADER);
  if (fileSize < 24) throw new FormatError("cannot parse: file is too small for a GGUF header");
  if ((await c.take(4)).toString("latin1") !== "GGUF") throw new FormatError("cannot parse: bad magic (not a GGUF file)");
  const version = await c.u32();
  if (version !== 2 && version !== 3) throw new FormatError(`cannot parse: unsupported GGUF version ${version}`);
  const tensorCount = await c.u64();
  const kvCount = await c.u64();
  // Each entry takes at least 8 bytes: counts past what the file can hold are lies.
  const most = BigInt(Math.floor(fileSize / 8));
  if (tensorCount > most || kvCount > most) throw new FormatError(`cannot parse: absurd counts (${tensorCount} tensors, ${kvCount} metadata entries)`);
  const metadata: Record<string, GgufValue> = Object.create(null);
  for (let i = 0; i < Number(kvCount); i++) {
    const key = await str(c);
    if (key in metadata) throw new FormatError(`cannot parse: duplicate metadata key ${JSON.stringify(key.slice(0, 100))}`);
    metadata[key] = await value(c, await c.u32());
  }
  const tensors: GgufInfo["tensors"] = [];
  let parameters = 0;
  for (let i = 0; i < Number(tensorCount); i++) {
    const name = await str(c);
    const dims = await c.u32();
    if (dims > 8) throw new FormatError(`cannot parse: tensor ${JSON.stringify(name)} has ${dims} dimensions`);
    const shape: number[] = [];
    for (let d = 0; d < dims; d++) {
      const n = await c.u64();
      if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError(`cannot parse: tensor ${JSON.stringify(name)} has an absurd dimension`);
      shape.push(Number(n));
    }
    const type = await c.u32();
    if (!(type in GGML_TYPES)) throw new FormatError(`cannot parse: tensor ${JSON.stringify(name)} has unknown type ${type}`);
    const offset = await c.u64();
    const count = shape.reduce((a, d) => a * d, 1);
    if (!Number.isSafeInteger(count)) throw new FormatError(`cannot parse: tensor ${JSON.stringify(name)}'s shape overflows`);
    if (offset > BigInt(fileSize)) throw new FormatError(`cannot parse: tensor ${JSON.stringify(name)} starts past the end of the file`);
    parameters += count;
    tensors.push({ name, type: GGML_TYPES[type]!, shape, offset: offset.toString() });
  }
  const arch = metadata["general.architecture"];
  return { version, metadata, tensors, parameters, architecture: typeof arch === "string" ? arch : null };
}
