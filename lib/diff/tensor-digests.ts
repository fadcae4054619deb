// sha256 of every tensor of a safetensors blob, computed in one sequential pass
// over its data and cached by content: a blob is hashed once, ever.
import { createHash } from "node:crypto";
import { db } from "../db/client";
import { blobStore, readBlobRange } from "../storage";
import { ByteReader } from "../scan/byte-reader";
import { readSafetensorsHeader, type SafetensorsInfo } from "../formats/safetensors";

export async function safetensorsInfo(file: { sha256: string; size: number }): Promise<SafetensorsInfo> {
  return readSafetensorsHeader(file.size, (s, e) => readBlobRange(file.sha256, s, e));
}

export async function tensorDigests(file: { sha256: string; size: number }, info: SafetensorsInfo): Promise<Record<string, string>> {
  const cached = await db().tensorDigest.findUnique({ where: { sha256: file.sha256 } });
  if (cached) return cached.digests as Record<string, string>;
  const dataStart = 8 + info.headerBytes;
  const digests: Record<string, string> = {};
  if (file.size > dataStart) {
    const r = ByteReader.from(await blobStore().read(file.sha256, { start: dataStart, end: file.size - 1 }));
    for (const t of [...info.tensors].sort((a, b) => a.offsets[0] - b.offsets[0])) {
      await r.skip(t.offsets[0] - r.pos);
      const h = createHash("sha256");
      for (let left = t.offsets[1] - t.offsets[0]; left > 0; ) {
        const chunk = await r.take(Math.min(left, 1 << 20));
        if (!chunk) throw new Error(`blob ${file.sha256} ends inside tensor ${t.name}`);
        h.update(chunk);
        left -= chunk.length;
      }
      digests[t.name] = h.digest("hex");
    }
  } else for (const t of info.tensors) digests[t.name] = createHash("sha256").digest("hex");
  await db().tensorDigest.createMany({ data: [{ sha256: file.sha256, digests }], skipDuplicates: true });
  return digests;
}
