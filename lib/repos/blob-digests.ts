// What the hub computes of every stored content as its bytes pass, in order: the sha256
// (its address), git's blob id, and a leading sample that decides whether it is binary.
import crypto, { type Hash } from "node:crypto";
import { gitBlobHeader } from "./git-objects";

const SAMPLE_BYTES = 512;

export type StoredBlob = { sha256: string; size: number; gitOid: string; binary: boolean };

/** A sample is binary when it holds a NUL byte or is not UTF-8 (a cut trailing character is fine). */
export function looksBinary(sample: Uint8Array): boolean {
  if (sample.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return false;
  } catch {
    return true;
  }
}

export type BlobDigests = { sha256: Hash; sha1: Hash; sample: Buffer };

export const blobDigests = (size: number): BlobDigests => ({ sha256: crypto.createHash("sha256"), sha1: crypto.createHash("sha1").update(gitBlobHeader(size)), sample: Buffer.alloc(0) });

/** Adds the next bytes of the content. */
export function foldBytes(d: BlobDigests, b: Buffer): void {
  if (d.sample.length < SAMPLE_BYTES) d.sample = Buffer.concat([d.sample, b.subarray(0, SAMPLE_BYTES - d.sample.length)]);
  d.sha256.update(b);
  d.sha1.update(b);
}

/** The stored blob the digests describe, once all `size` bytes were folded in (the digests are spent). */
export const storedBlobOf = (d: BlobDigests, size: number): StoredBlob => ({ sha256: d.sha256.digest("hex"), size, gitOid: d.sha1.digest("hex"), binary: looksBinary(d.sample) });
