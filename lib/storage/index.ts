// The configured blob store: local disk under the data folder, or S3 when S3_BUCKET is set.
import path from "node:path";
import { env } from "../env";
import type { BlobStore } from "./blob-store";
import { DiskBlobStore } from "./disk-store";
import { S3BlobStore } from "./s3-store";

let store: BlobStore | undefined;

export function blobStore(): BlobStore {
  if (store) return store;
  const e = env();
  store =
    e.storageDriver === "s3"
      ? new S3BlobStore({
          bucket: e.S3_BUCKET!,
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID!,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        })
      : new DiskBlobStore(path.join(e.dataDir, "blobs"));
  return store;
}

/** Where partial uploads are written before they are verified and stored. */
export function stagingDir(): string {
  return path.join(env().dataDir, "tmp");
}

export type { BlobStore } from "./blob-store";

/** Bytes start..end (inclusive) of a stored blob, for header reads. */
export async function readBlobRange(sha256: string, start: number, end: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await blobStore().read(sha256, { start, end })) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** A whole stored blob in memory: only for bounded inputs (datasets under their limit, weight shards). */
export async function readBlobBytes(sha256: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of await blobStore().read(sha256)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}
