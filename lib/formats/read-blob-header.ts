// Range reads on stored blobs for format viewers: only the bytes a header needs.
import { blobStore } from "../storage";
import { readSafetensorsHeader, FormatError, type SafetensorsInfo } from "./safetensors";
import { readGgufHeader, type GgufInfo } from "./gguf";

async function readRange(sha256: string, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await blobStore().read(sha256, { start, end })) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

export type HeaderResult<T> = { ok: true; info: T } | { ok: false; error: string };

type Reader<T> = (size: number, read: (s: number, e: number) => Promise<Buffer>) => Promise<T>;

async function header<T>(file: { sha256: string; size: number }, reader: Reader<T>): Promise<HeaderResult<T>> {
  try {
    return { ok: true, info: await reader(file.size, (s, e) => readRange(file.sha256, s, e)) };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, error: e.message };
    throw e;
  }
}

export const safetensorsHeader = (file: { sha256: string; size: number }) => header<SafetensorsInfo>(file, readSafetensorsHeader);
export const ggufHeader = (file: { sha256: string; size: number }) => header<GgufInfo>(file, readGgufHeader);
