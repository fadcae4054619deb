// BlobStore: where file contents live, addressed by the sha256 the server computed.
// Identical content is stored once, whichever repo or commit refers to it.
import type { Readable } from "node:stream";
import { metrics } from "../observability/metrics";

export type ByteRange = { start: number; end: number }; // inclusive, like HTTP

export interface BlobStore {
  readonly kind: "disk" | "s3";
  /** Moves a fully written local file into the store under `sha256` (the file is consumed). */
  putFile(sha256: string, filePath: string, size: number): Promise<void>;
  exists(sha256: string): Promise<boolean>;
  /** Streams the content, or one byte range of it. */
  read(sha256: string, range?: ByteRange): Promise<Readable>;
  /** `location`: the key the content's row named, where it was not at its content address (S3 only). */
  delete(sha256: string, location?: string | null): Promise<void>;
  /** A short-lived URL the client can GET itself, or null when the hub serves bytes. */
  presignedGetUrl(sha256: string, opts: { filename: string; expiresIn: number }): Promise<string | null>;
  /** Throws when the store cannot be reached or written (readiness checks). */
  ping(): Promise<void>;
}

/** Blob store metrics: operations, and bytes in or out when known. */
export function countBlobOp(driver: "disk" | "s3", op: string, direction?: "in" | "out", bytes?: number): void {
  const m = metrics();
  m.blobOps.inc({ driver, op });
  if (direction && bytes) m.blobBytes.inc({ driver, direction }, bytes);
}

export const SHA256_RE = /^[0-9a-f]{64}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256_RE.test(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`);
}
