// Range reads on stored blobs for format viewers: only the bytes a header needs.
import { blobStore } from "../storage";
import { readSafetensorsHeader, FormatError, type SafetensorsInfo } from "./safetensors";

async function readRange(sha256: string, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await blobStore().read(sha256, { start, end })) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

export type HeaderResult<T> = { ok: true; info: T } | { ok: false; error: string };

export async function safetensorsHeader(file: { sha256: string; size: number }): Promise<HeaderResult<SafetensorsInfo>> {
  try {
    return { ok: true, info: await readSafetensorsHeader(file.size, (s, e) => readRange(file.sha256, s, e)) };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, error: e.message };
    throw e;
  }
}
