// S3 mode of the LFS batch (hub-api.md §2.10): clients PUT straight to the bucket
// through presigned URLs, each upload to a staging key of its own. An object
// counts only after the hub has read it back, checked its size and sha256, and
// copied it to blobs/<sha256>: at the multipart completion, or, for single PUTs
// (which have no completion call), at the first commit that names it.
import crypto from "node:crypto";
import { reviveBlobs } from "../blobs/collect-garbage";
import { contentGrantQuery } from "../blobs/possession";
import { db } from "../db/client";
import { badRequest, notFound } from "../errors";
import { gitBlobHeader } from "../repos/git-objects";
import { looksBinary, recordBlobQuery } from "../repos/ingest-blob";
import { blobStore } from "../storage";
import type { S3BlobStore } from "../storage/s3-store";
import { LFS_BASIC_MAX, chunkSizeFor, partCount } from "./lfs-parts";
import { grantQuery, type UploadGrant } from "./upload-urls";

const EXPIRES = 24 * 3600;

export function directUploads(): S3BlobStore | null {
  const store = blobStore();
  return store.kind === "s3" ? (store as S3BlobStore) : null;
}

const RESUME_WITHIN_MS = 20 * 3600_000; // well before the sweep (a day) aborts the upload

export async function s3UploadAction(s3: S3BlobStore, o: { oid: string; size: number; userId: string; origin: string }) {
  if (o.size <= LFS_BASIC_MAX) {
    const id = crypto.randomUUID();
    const key = `uploads/${id}`;
    await db().pendingUpload.create({ data: { id, oid: o.oid, size: BigInt(o.size), key, userId: o.userId } });
    return { upload: { href: await s3.presignPut(key, EXPIRES), expires_in: EXPIRES } };
  }
  // The same uploader asking again for the same content (a reload, a closed tab, a
  // retry) continues their multipart upload: the parts the bucket already has stay.
  let p = await db().pendingUpload.findFirst({
    where: { oid: o.oid, userId: o.userId, size: BigInt(o.size), s3UploadId: { not: null }, createdAt: { gt: new Date(Date.now() - RESUME_WITHIN_MS) } },
    orderBy: { createdAt: "desc" },
  });
  if (!p) {
    const id = crypto.randomUUID();
    const key = `uploads/${id}`;
    p = await db().pendingUpload.create({ data: { id, oid: o.oid, size: BigInt(o.size), key, s3UploadId: await s3.createMultipart(key), userId: o.userId } });
  }
  const header: Record<string, string> = { chunk_size: String(chunkSizeFor(o.size)) };
  for (let n = 1; n <= partCount(o.size); n++) header[String(n).padStart(5, "0")] = await s3.presignPart(p.key, p.s3UploadId!, n, EXPIRES);
  const q = grantQuery({ oid: o.oid, size: o.size, userId: o.userId, pendingId: p.id });
  return { upload: { href: `${o.origin}/api/lfs/${o.oid}/complete?${q}`, header, expires_in: EXPIRES } };
}

async function pendingOf(g: UploadGrant) {
  const p = await db().pendingUpload.findUnique({ where: { id: g.pendingId! } });
  if (!p || p.oid !== g.oid || p.userId !== g.userId) throw notFound("No such upload in progress");
  return p;
}

type Pending = { id: string; oid: string; size: bigint; key: string; s3UploadId: string | null; userId: string };

/** Reads the staged object back; if it is what was announced, promotes and records it. */
async function verifyAndPromote(s3: S3BlobStore, p: Pending): Promise<boolean> {
  const size = Number(p.size);
  const sha256 = crypto.createHash("sha256");
  const sha1 = crypto.createHash("sha1").update(gitBlobHeader(size));
  let sample = Buffer.alloc(0);
  let seen = 0;
  for await (const chunk of await s3.readKey(p.key)) {
    const b = chunk as Buffer;
    seen += b.length;
    if (sample.length < 512) sample = Buffer.concat([sample, b.subarray(0, 512 - sample.length)]);
    sha256.update(b);
    sha1.update(b);
  }
  const ok = seen === size && sha256.digest("hex") === p.oid;
  if (ok) {
    await reviveBlobs([p.oid]); // a removal of this content under way ends before the promotion
    await s3.promote(p.key, p.oid, size);
    // One commit: each waits for the disk, which the object store has just filled with writes.
    await db().$transaction([
      recordBlobQuery({ sha256: p.oid, size, gitOid: sha1.digest("hex"), binary: looksBinary(sample) }),
      contentGrantQuery(p.userId, [p.oid]),
      db().pendingUpload.deleteMany({ where: { id: p.id } }),
    ]);
  } else {
    await s3.deleteKey(p.key).catch(() => {});
    await db().pendingUpload.deleteMany({ where: { id: p.id } });
  }
  return ok;
}

export async function completeS3Multipart(s3: S3BlobStore, g: UploadGrant, parts: { partNumber: number; etag: string }[]): Promise<void> {
  const p = await pendingOf(g);
  if (parts.length !== partCount(g.size)) throw badRequest(`Expected ${partCount(g.size)} parts, got ${parts.length}`);
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (p.s3UploadId) {
    try {
      await s3.completeMultipart(p.key, p.s3UploadId, sorted);
    } catch (e) {
      throw badRequest(`The object store refused to complete the upload: ${(e as Error).message}`);
    }
    // Joined: no multipart upload to resume any more, but a staged object to verify, now or,
    // if this fails half-way, by a retried completion or by the commit that names it.
    await db().pendingUpload.update({ where: { id: p.id }, data: { s3UploadId: null } });
  }
  if (!(await verifyAndPromote(s3, p))) throw badRequest(`Uploaded content does not match sha256 ${g.oid} and size ${g.size}`);
}

export async function abortS3Upload(s3: S3BlobStore, g: UploadGrant): Promise<void> {
  const p = await pendingOf(g);
  if (p.s3UploadId) await s3.abortMultipart(p.key, p.s3UploadId);
  else await s3.deleteKey(p.key).catch(() => {});
  await db().pendingUpload.delete({ where: { id: p.id } });
}

/** Single-PUT uploads have no completion call: verify them when their uploader's commit names their oid. */
export async function verifyPendingFor(oid: string, userId: string): Promise<boolean> {
  const s3 = directUploads();
  if (!s3) return false;
  const pending = await db().pendingUpload.findMany({ where: { oid, userId, s3UploadId: null }, orderBy: { createdAt: "desc" }, take: 5 });
  for (const p of pending) {
    const present = await s3.readKey(p.key).then((s) => (s.destroy(), true), () => false);
    if (present && (await verifyAndPromote(s3, p))) return true;
  }
  return false;
}

/** Abandoned direct uploads: multipart uploads aborted, staged objects and records removed. */
export async function sweepPendingUploads(maxAgeMs: number): Promise<number> {
  const s3 = directUploads();
  const stale = await db().pendingUpload.findMany({ where: { createdAt: { lt: new Date(Date.now() - maxAgeMs) } }, take: 1000 });
  for (const p of stale) {
    if (s3) {
      if (p.s3UploadId) await s3.abortMultipart(p.key, p.s3UploadId);
      await s3.deleteKey(p.key).catch(() => {});
    }
    await db().pendingUpload.delete({ where: { id: p.id } }).catch(() => {});
  }
  return stale.length;
}
