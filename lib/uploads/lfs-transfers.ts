// The transfers the LFS batch hands out (hub-api.md §2.10): one PUT of a whole
// object, parts of a multipart upload and their completion, on local disk or S3.
// Whoever uploads verified bytes may name them in commits from then on.
import type { Readable } from "node:stream";
import { grantContent } from "../blobs/possession";
import { badRequest } from "../errors";
import { ingestBlob } from "../repos/ingest-blob";
import { abortS3Upload, completeS3Multipart, s3Uploads } from "./s3-uploads";
import { abortMultipart, completeMultipart, storePart } from "./lfs-parts";
import { relayPart } from "./relayed-parts";
import type { UploadGrant } from "./upload-urls";

export async function receiveObject(grant: UploadGrant, body: Readable): Promise<{ oid: string; size: number }> {
  const blob = await ingestBlob(body, { size: grant.size, maxBytes: Number.MAX_SAFE_INTEGER, expectedSha256: grant.oid });
  await grantContent(grant.userId, [blob.sha256]);
  return { oid: blob.sha256, size: blob.size };
}

export async function receivePart(grant: UploadGrant, part: string, body: Readable): Promise<string> {
  if (!/^\d{1,5}$/.test(part)) throw badRequest("A part number is a whole number");
  const s3 = s3Uploads();
  if (grant.pendingId && s3) return relayPart(s3, grant, Number(part), body);
  return storePart(grant, Number(part), body);
}

export async function completeUpload(grant: UploadGrant, oid: string, parts: { partNumber: number; etag: string }[]): Promise<void> {
  if (oid !== grant.oid) throw badRequest("oid does not match the upload URL");
  const s3 = s3Uploads();
  if (grant.pendingId && s3) await completeS3Multipart(s3, grant, parts);
  else await completeMultipart(grant, parts);
}

export async function cancelUpload(grant: UploadGrant): Promise<void> {
  const s3 = s3Uploads();
  if (grant.pendingId && s3) await abortS3Upload(s3, grant);
  else await abortMultipart(grant);
}
