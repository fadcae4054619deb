// Streams an upload to a staging file while hashing it, then stores it by its
// sha256. Nothing is visible until the whole body arrived and matched its size.
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import crypto from "node:crypto";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { reviveBlobs } from "../blobs/collect-garbage";
import { db } from "../db/client";
import { badRequest, HubError, payloadTooLarge } from "../errors";
import { blobStore, stagingDir } from "../storage";
import { blobDigests, foldBytes, storedBlobOf, type StoredBlob } from "./blob-digests";



export async function ingestBlob(
  body: ReadableStream<Uint8Array> | Readable,
  opts: { size: number; maxBytes: number; expectedSha256?: string },
): Promise<StoredBlob> {
  const { size } = opts;
  if (!Number.isSafeInteger(size) || size < 0) throw badRequest("A valid file size is required");
  if (size > opts.maxBytes) throw payloadTooLarge(`File is larger than the ${opts.maxBytes}-byte limit`);

  await mkdir(stagingDir(), { recursive: true });
  const tmp = path.join(stagingDir(), `upload-${crypto.randomUUID()}`);
  const digests = blobDigests(size);
  let received = 0;

  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > size) return done(badRequest(`Body is longer than the declared ${size} bytes`));
      foldBytes(digests, chunk);
      done(null, chunk);
    },
  });

  const source = body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  try {
    await pipeline(source, meter, createWriteStream(tmp, { highWaterMark: 1 << 20 }));
    if (received !== size) throw badRequest(`Upload ended after ${received} of ${size} bytes`);
    const blob = storedBlobOf(digests, size);
    // A claimed hash (LFS uploads) is checked before anything is stored under it.
    if (opts.expectedSha256 && opts.expectedSha256 !== blob.sha256) {
      throw badRequest(`Uploaded content has sha256 ${blob.sha256}, not the announced ${opts.expectedSha256}`);
    }
    await storeStagedFile(tmp, blob);
    return blob;
  } catch (e) {
    if (e instanceof HubError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ERR_STREAM_PREMATURE_CLOSE" || (e as Error).name === "AbortError") {
      throw badRequest("Upload was interrupted");
    }
    throw e;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Puts a verified staging file into the store (once per content) and records it. */
export async function storeStagedFile(tmp: string, blob: StoredBlob): Promise<void> {
  const store = blobStore();
  // Content stored before is claimed back from the collector first (this waits out a removal under way).
  const known = (await reviveBlobs([blob.sha256])) > 0;
  if (known && (await store.exists(blob.sha256))) return;
  await store.putFile(blob.sha256, tmp, blob.size);
  await recordBlob(blob);
  // Its object was lost: the row may name another location, and the content address holds the bytes now.
  if (known) await db().blob.updateMany({ where: { sha256: blob.sha256, location: { not: null } }, data: { location: null } });
}

/** Stores small in-memory content (initial files, web-edited text). */
export async function storeBytes(bytes: Buffer): Promise<StoredBlob> {
  return ingestBlob(Readable.from([bytes]), { size: bytes.length, maxBytes: Number.MAX_SAFE_INTEGER });
}

/**
 * Records a verified blob. INSERT ... ON CONFLICT DO NOTHING: two uploads of the same
 * content may finish at once, and a select-then-insert upsert would race.
 */
export async function recordBlob(blob: StoredBlob): Promise<void> {
  await recordBlobQuery(blob);
}

/** recordBlob's query, to run in a transaction with others. `location`: the store key holding it, where not its content address. */
export const recordBlobQuery = (blob: StoredBlob, location: string | null = null) =>
  db().blob.createMany({ data: [{ sha256: blob.sha256, size: BigInt(blob.size), gitOid: blob.gitOid, binary: blob.binary, location }], skipDuplicates: true });
