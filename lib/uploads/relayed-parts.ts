// Parts of an S3 multipart upload pass through the hub: each part PUT is streamed on
// to the bucket's multipart upload as it arrives and hashed on the way
// (relay-hash.ts), so the completion checks the sha256 without reading the object
// back. Each write is counted in PostgreSQL before its bytes go, so a completion on
// any web node knows whether it saw them all; if not, it reads back what it cannot
// vouch for (s3-uploads.ts).
import { Transform, type Readable } from "node:stream";
import { db } from "../db/client";
import { badRequest, conflict, notFound } from "../errors";
import type { S3BlobStore } from "../storage/s3-store";
import { chunkSizeFor, partCount, partSize } from "./lfs-parts";
import { partStarting } from "./relay-hash";
import { claimPart } from "./staging-lock";
import type { UploadGrant } from "./upload-urls";

/** The staging-lock key of an S3 upload: its part writes and its completion are kept apart on this process. */
export const relayLockKey = (pendingId: string) => `relay:${pendingId}`;

/** Streams part n to the bucket; returns the ETag the bucket gave it, which the completion names. */
export async function relayPart(s3: S3BlobStore, g: UploadGrant, n: number, body: Readable): Promise<string> {
  if (!Number.isInteger(n) || n < 1 || n > partCount(g.size)) throw badRequest(`Part ${n} is out of range`);
  const expected = partSize(g.size, n);
  const release = claimPart(relayLockKey(g.pendingId!), n);
  try {
    // Counted before any byte goes, so that a completion reading the count after the join has seen every write it includes.
    const [p] = await db().$queryRaw<{ key: string; s3UploadId: string | null }[]>`
      UPDATE "PendingUpload" SET "relayedParts" = "relayedParts" + 1
      WHERE id = ${g.pendingId!} AND oid = ${g.oid} AND "userId" = ${g.userId} RETURNING key, "s3UploadId"`;
    if (!p) throw notFound("No such upload in progress"); // never granted, or swept or cancelled since
    if (!p.s3UploadId) throw conflict("This upload was already completed");

    const watch = partStarting(g.pendingId!, g.size, chunkSizeFor(g.size), n);
    let received = 0;
    let refused: Error | null = null;
    const meter = new Transform({
      transform(bytes: Buffer, _e, done) {
        received += bytes.length;
        if (received > expected) return done((refused = badRequest(`Part ${n} is longer than ${expected} bytes`)));
        watch.bytes(bytes);
        done(null, bytes);
      },
      flush(done) {
        done(received === expected ? null : (refused = badRequest(`Part ${n} has ${received} bytes, expected ${expected}`)));
      },
    });
    // A refused or broken body ends the request to the bucket, which would otherwise wait for the bytes announced.
    const abort = new AbortController();
    meter.on("error", (e) => {
      refused ??= e;
      abort.abort();
    });
    body.on("error", (e) => meter.destroy(e));
    body.pipe(meter);
    try {
      const etag = await s3.uploadPart(p.key, p.s3UploadId, n, meter, expected, abort.signal);
      watch.sent(etag);
      return etag.replace(/"/g, "");
    } catch (e) {
      watch.failed();
      if (refused) throw refused;
      if ((e as { name?: string }).name === "NoSuchUpload") throw conflict("This upload was completed or cancelled");
      throw e;
    }
  } finally {
    release();
  }
}
