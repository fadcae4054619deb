// S3 driver for any S3-compatible endpoint (AWS, MinIO, s3rver...). Objects live
// under blobs/<sha256>, or, joined from a multipart upload, where the content's row
// says (Blob.location: blobs/<sha256>.<upload id>).
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, S3Client, UploadPartCommand, type S3ClientConfig } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { locationOf } from "./blob-locations";
import { assertSha256, countBlobOp, type BlobStore, type ByteRange } from "./blob-store";
import { guardStore } from "./store-health";

export type S3StoreOptions = {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
};

export class S3BlobStore implements BlobStore {
  readonly kind = "s3" as const;
  readonly client: S3Client;
  readonly bucket: string;

  constructor(opts: S3StoreOptions) {
    const config: S3ClientConfig = {
      region: opts.region,
      endpoint: opts.endpoint,
      forcePathStyle: opts.forcePathStyle,
      credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
      // The hub checks every object's sha256 itself. Checksums by default would also send
      // streamed part bodies in aws-chunked encoding, which not every S3-compatible store takes.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    };
    this.client = new S3Client(config);
    this.bucket = opts.bucket;
    // Every call, retries included: a store that does not answer (or answers 5xx) is a 503 with Retry-After.
    this.client.middlewareStack.add((next) => (args) => guardStore(() => next(args), () => this.ping()), { step: "initialize", name: "modelhubStoreHealth" });
  }

  key(sha256: string): string {
    assertSha256(sha256);
    return `blobs/${sha256}`;
  }

  /** The object holding a stored content: its content address unless its row names another key. */
  async keyOf(sha256: string): Promise<string> {
    const at = this.key(sha256);
    return (await locationOf(sha256)) ?? at;
  }

  async putFile(sha256: string, filePath: string, size?: number): Promise<void> {
    countBlobOp("s3", "put", "in", size);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: this.key(sha256), Body: createReadStream(filePath, { highWaterMark: 1 << 20 }) },
      partSize: 16 * 1024 * 1024,
      queueSize: 4,
    });
    await upload.done();
    await rm(filePath, { force: true });
  }

  async exists(sha256: string): Promise<boolean> {
    return this.existsKey(await this.keyOf(sha256));
  }

  /** Whether an object is at `key` (false only when the store says it is not; other failures throw). */
  async existsKey(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return true;
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return false;
      throw e;
    }
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const out = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: await this.keyOf(sha256),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    countBlobOp("s3", "read", "out", out.ContentLength);
    return out.Body as Readable;
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  /** Removes the content address and, when the row named one, the object at `location` (the row is already gone). */
  async delete(sha256: string, location?: string | null): Promise<void> {
    countBlobOp("s3", "delete");
    for (const key of new Set([this.key(sha256), location ?? this.key(sha256)])) await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async presignedGetUrl(sha256: string, opts: { filename: string; expiresIn: number }): Promise<string> {
    const safeName = opts.filename.replace(/[^\w.\-]+/g, "_");
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: await this.keyOf(sha256),
        ResponseContentDisposition: `attachment; filename="${safeName}"`,
      }),
      { expiresIn: opts.expiresIn },
    );
  }

  // Multipart uploads: the hub relays the parts to a key of the upload's own and checks
  // the joined object, which then stays there (its row's location).

  async createMultipart(key: string): Promise<string> {
    const out = await this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key }));
    return out.UploadId!;
  }

  /** Sends one part of a multipart upload as it streams in; returns the ETag the store gave it. */
  async uploadPart(key: string, uploadId: string, partNumber: number, body: Readable, length: number, abortSignal: AbortSignal): Promise<string> {
    countBlobOp("s3", "put", "in", length);
    const part = new UploadPartCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: length });
    const out = await this.client.send(part, { abortSignal });
    return out.ETag!;
  }

  async completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId })).catch(() => {});
  }

  /** An object by its key (a joined upload being checked), from byte `from` on. */
  async readKey(key: string, from = 0): Promise<Readable> {
    return (await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: from > 0 ? `bytes=${from}-` : undefined }))).Body as Readable;
  }

  async sizeOfKey(key: string): Promise<number> {
    return (await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }))).ContentLength ?? -1;
  }

  async deleteKey(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
