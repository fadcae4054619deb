// safetensors headers, read with two range reads (8 bytes, then the header) and
// checked field by field: a hostile file gets "cannot parse: why", never a crash,
// a hang or a huge allocation.
import { parseStrictJson, StrictJsonError } from "./strict-json";

export const MAX_HEADER_BYTES = 100 * 1024 * 1024;

const DTYPE_BYTES: Record<string, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E4M3: 1, F8_E5M2: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, I64: 8, U64: 8, F64: 8,
};

export type Tensor = { name: string; dtype: string; shape: number[]; offsets: [number, number] };
export type SafetensorsInfo = {
  headerBytes: number;
  tensors: Tensor[];
  parameters: Record<string, number>;
  total: number;
  metadata: Record<string, string>;
};

export class FormatError extends Error {}

type ReadRange = (start: number, end: number) => Promise<Buffer>; // inclusive end

const FIRST_READ = 64 * 1024;

export async function readSafetensorsHeader(fileSize: number, read: ReadRange): Promise<SafetensorsInfo> {
  if (fileSize < 8) throw new FormatError("cannot parse: file is shorter than the 8-byte header length");
  // Most headers fit the first 64 KiB: their length and body then come in one range read.
  const first = await read(0, Math.min(fileSize, FIRST_READ) - 1);
  const n = first.readBigUInt64LE(0);
  if (n > BigInt(MAX_HEADER_BYTES)) throw new FormatError(`cannot parse: header length ${n} is over the 100 MB limit`);
  const headerBytes = Number(n);
  if (headerBytes + 8 > fileSize) throw new FormatError(`cannot parse: header length ${headerBytes} is larger than the file`);
  if (headerBytes < 2) throw new FormatError("cannot parse: header is empty");
  const end = 8 + headerBytes;
  const bytes = end <= first.length ? first.subarray(8, end) : Buffer.concat([first.subarray(8), await read(first.length, end - 1)]);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).trimEnd();
  } catch {
    throw new FormatError("cannot parse: header is not UTF-8");
  }
  let header: unknown;
  try {
    header = parseStrictJson(text);
  } catch (e) {
    throw new FormatError(`cannot parse: header is not valid JSON (${e instanceof StrictJsonError ? e.message : "syntax error"})`);
  }
  if (!header || typeof header !== "object" || Array.isArray(header)) throw new FormatError("cannot parse: header is not a JSON object");
  return checkHeader(header as Record<string, unknown>, headerBytes, fileSize - 8 - headerBytes);
}

function checkHeader(header: Record<string, unknown>, headerBytes: number, dataBytes: number): SafetensorsInfo {
  const metadata: Record<string, string> = {};
  const tensors: Tensor[] = [];
  for (const [name, raw] of Object.entries(header)) {
    if (name === "__metadata__") {
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new FormatError("cannot parse: __metadata__ is not an object");
      for (const [k, v] of Object.entries(raw)) {
        if (typeof v !== "string") throw new FormatError(`cannot parse: __metadata__.${k} is not a string`);
        metadata[k] = v;
      }
      continue;
    }
    const t = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    const where = `tensor ${JSON.stringify(name.slice(0, 200))}`;
    if (!t || typeof t !== "object") throw new FormatError(`cannot parse: ${where} is not an object`);
    if (typeof t.dtype !== "string" || !(t.dtype in DTYPE_BYTES)) throw new FormatError(`cannot parse: ${where} has unknown dtype ${JSON.stringify(t.dtype)}`);
    if (!Array.isArray(t.shape) || t.shape.length > 32 || !t.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
      throw new FormatError(`cannot parse: ${where} has an invalid shape`);
    }
    const offs = t.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isSafeInteger(o) && o >= 0) || offs[0] > offs[1]) {
      throw new FormatError(`cannot parse: ${where} has invalid data_offsets`);
    }
    if (offs[1] > dataBytes) throw new FormatError(`cannot parse: ${where} ends past the end of the file`);
    const elements = (t.shape as number[]).reduce((a, d) => a * BigInt(d), 1n);
    if (elements * BigInt(DTYPE_BYTES[t.dtype]!) !== BigInt(offs[1] - offs[0])) {
      throw new FormatError(`cannot parse: ${where} has ${elements} elements of ${t.dtype}, which does not fit its ${offs[1] - offs[0]} bytes`);
    }
    tensors.push({ name, dtype: t.dtype, shape: t.shape as number[], offsets: [offs[0], offs[1]] });
  }
  const byOffset = [...tensors].sort((a, b) => a.offsets[0] - b.offsets[0]);
  for (let k = 1; k < byOffset.length; k++) {
    if (byOffset[k]!.offsets[0] < byOffset[k - 1]!.offsets[1]) {
      throw new FormatError(`cannot parse: tensors ${JSON.stringify(byOffset[k - 1]!.name)} and ${JSON.stringify(byOffset[k]!.name)} overlap`);
    }
  }
  const parameters: Record<string, number> = {};
  for (const t of tensors) parameters[t.dtype] = (parameters[t.dtype] ?? 0) + t.shape.reduce((a, d) => a * d, 1);
  return { headerBytes, tensors, parameters, total: Object.values(parameters).reduce((a, b) => a + b, 0), metadata };
}
