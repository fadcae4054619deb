// Multipart LFS uploads through the hub (local-disk driver): parts are written in
// place into one staging file, which is hashed in order while the parts arrive
// (running-hash.ts); at completion the rest is hashed and, if the sha256 matches,
// the file is moved into the store. Nothing counts before that check.
import { createWriteStream } from "node:fs";
import { mkdir, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import crypto from "node:crypto";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { grantContent } from "../blobs/possession";
import { badRequest } from "../errors";
import type { StoredBlob } from "../repos/blob-digests";
import { storeStagedFile } from "../repos/ingest-blob";
import { stagingDir } from "../storage";
import { finishHash, forgetHash, partChanging, partStored } from "./running-hash";
import { claimCompletion, claimPart } from "./staging-lock";
import type { UploadGrant } from "./upload-urls";

export const LFS_CHUNK_SIZE = 16 * 1024 * 1024;
/** Up to this size an object is one PUT; above it, parts of chunkSizeFor(size). */
export const LFS_BASIC_MAX = 32 * 1024 * 1024;
const MAX_PARTS = 10_000; // S3's limit; parts grow past 16 MiB for objects over ~156 GiB

export const chunkSizeFor = (size: number) => Math.max(LFS_CHUNK_SIZE, Math.ceil(size / MAX_PARTS / (1 << 20)) * (1 << 20));
export const partCount = (size: number) => Math.max(1, Math.ceil(size / chunkSizeFor(size)));

export function partSize(size: number, n: number): number {
  const chunk = chunkSizeFor(size);
  return Math.min(chunk, size - (n - 1) * chunk);
}

function partsDir(g: UploadGrant): string {
  return path.join(stagingDir(), `lfs-${g.oid}-${g.userId.replace(/[^A-Za-z0-9]/g, "")}`);
}

/**
 * Stores part n at its offset in the upload's one staging file (retries overwrite
 * it) and returns its ETag: the part's sha256. Writing in place means completion
 * has no copy to make, and what the running hash has not read yet is all it hashes.
 */
export async function storePart(g: UploadGrant, n: number, body: Readable): Promise<string> {
  if (!Number.isInteger(n) || n < 1 || n > partCount(g.size)) throw badRequest(`Part ${n} is out of range`);
  const expected = partSize(g.size, n);
  const chunk = chunkSizeFor(g.size);
  const dir = partsDir(g);
  const release = claimPart(dir, n);
  try {
    await mkdir(dir, { recursive: true });
    const data = path.join(dir, "data");
    await open(data, "a").then((fh) => fh.close()); // create without truncating parts already written
    partChanging(dir, g.size, chunk, n);
    const hash = crypto.createHash("sha256");
    let received = 0;
    const meter = new Transform({
      transform(bytes: Buffer, _e, done) {
        received += bytes.length;
        if (received > expected) return done(badRequest(`Part ${n} is longer than ${expected} bytes`));
        hash.update(bytes);
        done(null, bytes);
      },
    });
    await rm(path.join(dir, `${n}.etag`), { force: true }); // a part being rewritten is not done
    const out = createWriteStream(data, { flags: "r+", start: (n - 1) * chunk, highWaterMark: 1 << 20 });
    const closed = new Promise<void>((r) => out.once("close", () => r()));
    try {
      await pipeline(body, meter, out);
    } finally {
      await closed; // no write of this request may land after the part is released
    }
    if (received !== expected) throw badRequest(`Part ${n} has ${received} bytes, expected ${expected}`);
    const etag = hash.digest("hex");
    await writeFile(path.join(dir, `${n}.etag`), etag);
    partStored(dir, data, n);
    return etag;
  } finally {
    release();
  }
}

export async function completeMultipart(g: UploadGrant, parts: { partNumber: number; etag: string }[]): Promise<StoredBlob> {
  const dir = partsDir(g);
  const release = claimCompletion(dir); // from here until the file is stored or removed, no part write touches it
  try {
    const count = partCount(g.size);
    if (parts.length !== count) throw badRequest(`Expected ${count} parts, got ${parts.length}`);
    const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    for (let i = 0; i < count; i++) {
      const p = sorted[i]!;
      if (p.partNumber !== i + 1) throw badRequest(`Part ${i + 1} is missing`);
      const stored = await readFile(path.join(dir, `${p.partNumber}.etag`), "utf8").catch(() => null);
      if (stored === null) throw badRequest(`Part ${p.partNumber} was never uploaded`);
      if (stored !== String(p.etag).replace(/"/g, "")) throw badRequest(`Part ${p.partNumber} has a different ETag`);
    }
    const data = path.join(dir, "data");
    try {
      if ((await stat(data)).size !== g.size) throw badRequest("The joined parts do not have the announced size");
      const blob = await finishHash(dir, data, g.size, chunkSizeFor(g.size));
      if (blob.sha256 !== g.oid) throw badRequest(`Uploaded content has sha256 ${blob.sha256}, not the announced ${g.oid}`);
      await storeStagedFile(data, blob);
      await grantContent(g.userId, [blob.sha256]);
      return blob;
    } finally {
      await abortMultipart(g);
    }
  } finally {
    release();
  }
}

/** Cancels a multipart upload: its staged parts are deleted. */
export async function abortMultipart(g: UploadGrant): Promise<void> {
  forgetHash(partsDir(g));
  await rm(partsDir(g), { recursive: true, force: true });
}
