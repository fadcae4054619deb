// S3 mode of the LFS batch (hub-api.md §2.10). Objects of more than one part go up
// as a multipart upload to a key of their own (blobs/<sha256>.<id>); the parts pass
// through the hub, which hashes them on the way (relayed-parts.ts). An object counts
// only after the hub has checked its size and sha256: at the completion, from the
// relayed bytes and a read of whatever they do not cover, or, when a completion failed
// after the join, by reading it back at the first commit that names it. It then stays
// where the bucket joined it (the content's row names the key), unless the content was
// stored already. Smaller objects are one PUT to the hub, checked as they arrive.
import crypto from "node:crypto";
import { reviveBlobs } from "../blobs/collect-garbage";
import { contentGrantQuery } from "../blobs/possession";
import { db } from "../db/client";
import { badRequest, notFound } from "../errors";
import { blobDigests, foldBytes, storedBlobOf, type BlobDigests } from "../repos/blob-digests";
import { recordBlobQuery } from "../repos/ingest-blob";
import { blobStore } from "../storage";
import type { S3BlobStore } from "../storage/s3-store";
import { chunkSizeFor, partCount } from "./lfs-parts";
import { forget, takeDigests } from "./relay-hash";
import { relayLockKey } from "./relayed-parts";
import { claimCompletion } from "./staging-lock";
import { grantQuery, type UploadGrant } from "./upload-urls";

const EXPIRES = 24 * 3600;

export function s3Uploads(): S3BlobStore | null {
  const store = blobStore();
  return store.kind === "s3" ? (store as S3BlobStore) : null;
}

const RESUME_WITHIN_MS = 20 * 3600_000; // well before the sweep (a day) aborts the upload

/** The upload action for an object of more than one part (smaller ones are one PUT to the hub, as on local disk). */
export async function s3MultipartAction(s3: S3BlobStore, o: { oid: string; size: number; userId: string; origin: string }) {
  // The same uploader asking again for the same content (a reload, a closed tab, a
  // retry) continues their multipart upload: the parts the bucket already has stay.
  let p = await db().pendingUpload.findFirst({
    where: { oid: o.oid, userId: o.userId, size: BigInt(o.size), s3UploadId: { not: null }, createdAt: { gt: new Date(Date.now() - RESUME_WITHIN_MS) } },
    orderBy: { createdAt: "desc" },
  });
  if (!p) {
    const id = crypto.randomUUID();
    const key = `${s3.key(o.oid)}.${id}`; // never the content address, which only verified bytes reach
    p = await db().pendingUpload.create({ data: { id, oid: o.oid, size: BigInt(o.size), key, s3UploadId: await s3.createMultipart(key), userId: o.userId } });
  }
  const q = grantQuery({ oid: o.oid, size: o.size, userId: o.userId, pendingId: p.id });
  const header: Record<string, string> = { chunk_size: String(chunkSizeFor(o.size)) };
  for (let n = 1; n <= partCount(o.size); n++) header[String(n).padStart(5, "0")] = `${o.origin}/api/lfs/${o.oid}/parts/${n}?${q}`;
  return { upload: { href: `${o.origin}/api/lfs/${o.oid}/complete?${q}`, header, expires_in: EXPIRES } };
}

async function pendingOf(g: UploadGrant) {
  const p = await db().pendingUpload.findUnique({ where: { id: g.pendingId! } });
  if (!p || p.oid !== g.oid || p.userId !== g.userId) throw notFound("No such upload in progress");
  return p;
}

type Pending = { id: string; oid: string; size: bigint; key: string; s3UploadId: string | null; userId: string };

/**
 * Checks the joined object: `known` digests its first bytes (those relayed through
 * this process), the rest is read back. If it is what was announced, records it where it is.
 */
async function verifyAndRecord(s3: S3BlobStore, p: Pending, known: { h: BlobDigests; through: number } | null = null): Promise<boolean> {
  const size = Number(p.size);
  const h = known?.h ?? blobDigests(size);
  let seen = known?.through ?? 0;
  if (seen < size) {
    for await (const chunk of await s3.readKey(p.key, seen)) {
      seen += (chunk as Buffer).length;
      foldBytes(h, chunk as Buffer);
    }
  } else {
    seen = await s3.sizeOfKey(p.key); // every byte was hashed on its way: the joined object must have as many
  }
  const blob = storedBlobOf(h, size);
  const ok = seen === size && blob.sha256 === p.oid;
  if (ok) {
    await reviveBlobs([p.oid]); // a removal of this content under way ends before the record
    // One commit: each waits for the disk, which the object store has just filled with writes.
    const [, , , row] = await db().$transaction([
      recordBlobQuery(blob, p.key),
      contentGrantQuery(p.userId, [p.oid]),
      db().pendingUpload.deleteMany({ where: { id: p.id } }),
      db().blob.findUnique({ where: { sha256: p.oid }, select: { location: true } }),
    ]);
    // Stored before (another upload, a commit): this copy is not needed, unless that one was lost.
    // A second check of this very upload (a retried completion and a commit at once) finds its own key.
    if (row && row.location !== p.key) await keepOneCopy(s3, p, row.location ?? s3.key(p.oid));
  } else {
    await s3.deleteKey(p.key).catch(() => {});
    await db().pendingUpload.deleteMany({ where: { id: p.id } });
  }
  return ok;
}

/** `p` was verified, but its content was stored already (at `storedAt`): that copy stays, or, if it is gone, `p`'s object takes its place. */
async function keepOneCopy(s3: S3BlobStore, p: Pending, storedAt: string): Promise<void> {
  const present = await s3.existsKey(storedAt).catch(() => null); // unsure: keep both rather than lose one
  if (present) await s3.deleteKey(p.key).catch(() => {});
  else if (present === false) await db().blob.updateMany({ where: { sha256: p.oid }, data: { location: p.key } });
}

export async function completeS3Multipart(s3: S3BlobStore, g: UploadGrant, parts: { partNumber: number; etag: string }[]): Promise<void> {
  const p = await pendingOf(g);
  if (parts.length !== partCount(g.size)) throw badRequest(`Expected ${partCount(g.size)} parts, got ${parts.length}`);
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  sorted.forEach((part, i) => {
    if (part.partNumber !== i + 1) throw badRequest(`Part ${i + 1} is missing`); // not every store refuses a part named twice
  });
  const release = claimCompletion(relayLockKey(p.id)); // no part write of this process lands after the join
  try {
    if (p.s3UploadId) {
      try {
        await s3.completeMultipart(p.key, p.s3UploadId, sorted);
      } catch (e) {
        throw badRequest(`The object store refused to complete the upload: ${(e as Error).message}`);
      }
      // Joined: no multipart upload to resume any more, but a joined object to verify, now or,
      // if this fails half-way, by a retried completion or by the commit that names it.
      await db().pendingUpload.update({ where: { id: p.id }, data: { s3UploadId: null } });
    }
    // Read after the join: every write in the joined object was counted before its bytes went.
    const written = await db().pendingUpload.findUnique({ where: { id: p.id }, select: { relayedParts: true } });
    const known = takeDigests(p.id, written?.relayedParts ?? -1, sorted);
    if (!(await verifyAndRecord(s3, p, known))) throw badRequest(`Uploaded content does not match sha256 ${g.oid} and size ${g.size}`);
  } finally {
    release();
  }
}

export async function abortS3Upload(s3: S3BlobStore, g: UploadGrant): Promise<void> {
  const p = await pendingOf(g);
  forget(p.id);
  if (p.s3UploadId) await s3.abortMultipart(p.key, p.s3UploadId);
  else await s3.deleteKey(p.key).catch(() => {});
  await db().pendingUpload.delete({ where: { id: p.id } });
}

/** A joined upload whose completion failed half-way (or, from before parts were relayed, a single PUT): verified when its uploader's commit names its oid. */
export async function verifyPendingFor(oid: string, userId: string): Promise<boolean> {
  const s3 = s3Uploads();
  if (!s3) return false;
  const pending = await db().pendingUpload.findMany({ where: { oid, userId, s3UploadId: null }, orderBy: { createdAt: "desc" }, take: 5 });
  for (const p of pending) {
    const present = await s3.sizeOfKey(p.key).then(() => true, () => false);
    if (present && (await verifyAndRecord(s3, p))) return true;
  }
  return false;
}

/** Abandoned S3 uploads: multipart uploads aborted, joined objects never verified and records removed. */
export async function sweepPendingUploads(maxAgeMs: number): Promise<number> {
  const s3 = s3Uploads();
  const stale = await db().pendingUpload.findMany({ where: { createdAt: { lt: new Date(Date.now() - maxAgeMs) } }, take: 1000 });
  for (const p of stale) {
    forget(p.id);
    if (s3) {
      if (p.s3UploadId) await s3.abortMultipart(p.key, p.s3UploadId);
      await s3.deleteKey(p.key).catch(() => {});
    }
    await db().pendingUpload.delete({ where: { id: p.id } }).catch(() => {});
  }
  return stale.length;
}
