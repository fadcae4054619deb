// Multipart LFS uploads through the hub (local-disk driver, and S3 until direct
// part URLs land): parts are staged on disk, then streamed once, in order, through
// the same hashing ingest as any upload; the object counts only if its sha256 matches.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import crypto from "node:crypto";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { badRequest } from "../errors";
import { ingestBlob, type StoredBlob } from "../repos/ingest-blob";
import { stagingDir } from "../storage";
import type { UploadGrant } from "./upload-urls";

export const LFS_CHUNK_SIZE = 16 * 1024 * 1024;
/** Up to this size an object is one PUT; above it, parts of chunkSizeFor(size). */
export const LFS_BASIC_MAX = 32 * 1024 * 1024;
const MAX_PARTS = 10_000; // S3's limit; parts grow past 16 MiB for objects over ~156 GiB

export const chunkSizeFor = (size: number) => Math.max(LFS_CHUNK_SIZE, Math.ceil(size / MAX_PARTS / (1 << 20)) * (1 << 20));
export const partCount = (size: number) => Math.max(1, Math.ceil(size / chunkSizeFor(size)));

function partSize(size: number, n: number): number {
  const chunk = chunkSizeFor(size);
  return Math.min(chunk, size - (n - 1) * chunk);
}

function partsDir(g: UploadGrant): string {
  return path.join(stagingDir(), `lfs-${g.oid}-${g.userId.replace(/[^A-Za-z0-9]/g, "")}`);
}

/** Stores part n (retries overwrite it) and returns its ETag: the part's sha256. */
export async function storePart(g: UploadGrant, n: number, body: ReadableStream<Uint8Array>): Promise<string> {
  if (!Number.isInteger(n) || n < 1 || n > partCount(g.size)) throw badRequest(`Part ${n} is out of range`);
  const expected = partSize(g.size, n);
  const dir = partsDir(g);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `${n}.${crypto.randomUUID()}.tmp`);
  const hash = crypto.createHash("sha256");
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _e, done) {
      received += chunk.length;
      if (received > expected) return done(badRequest(`Part ${n} is longer than ${expected} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), meter, createWriteStream(tmp));
    if (received !== expected) throw badRequest(`Part ${n} has ${received} bytes, expected ${expected}`);
    const etag = hash.digest("hex");
    await writeFile(path.join(dir, `${n}.etag`), etag);
    await rename(tmp, path.join(dir, `${n}.part`));
    return etag;
  } finally {
    await rm(tmp, { force: true });
  }
}

export async function completeMultipart(g: UploadGrant, parts: { partNumber: number; etag: string }[]): Promise<StoredBlob> {
  const dir = partsDir(g);
  const count = partCount(g.size);
  if (parts.length !== count) throw badRequest(`Expected ${count} parts, got ${parts.length}`);
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  for (let i = 0; i < count; i++) {
    const p = sorted[i]!;
    if (p.partNumber !== i + 1) throw badRequest(`Part ${i + 1} is missing`);
    const stored = await readFile(path.join(dir, `${p.partNumber}.etag`), "utf8").catch(() => null);
    if (stored === null || (await stat(path.join(dir, `${p.partNumber}.part`)).catch(() => null)) === null) {
      throw badRequest(`Part ${p.partNumber} was never uploaded`);
    }
    if (stored !== String(p.etag).replace(/"/g, "")) throw badRequest(`Part ${p.partNumber} has a different ETag`);
  }
  const files = sorted.map((p) => path.join(dir, `${p.partNumber}.part`));
  const joined = Readable.from(
    (async function* () {
      for (const f of files) yield* createReadStream(f, { highWaterMark: 1 << 20 });
    })(),
  );
  try {
    return await ingestBlob(joined, { size: g.size, maxBytes: Number.MAX_SAFE_INTEGER, expectedSha256: g.oid });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Cancels a multipart upload: its staged parts are deleted. */
export async function abortMultipart(g: UploadGrant): Promise<void> {
  await rm(partsDir(g), { recursive: true, force: true });
}
