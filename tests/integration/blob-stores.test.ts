// The same behaviour suite against both drivers: local disk, and S3 (s3rver).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import S3rver from "s3rver";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import type { BlobStore } from "../../lib/storage/blob-store";
import { DiskBlobStore } from "../../lib/storage/disk-store";
import { S3BlobStore } from "../../lib/storage/s3-store";

async function collect(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

let tmp: string;
let s3server: S3rver;
let s3: S3BlobStore;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "blobs-"));
  s3server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(tmp, "s3") });
  const addr = (await s3server.run()) as AddressInfo;
  s3 = new S3BlobStore({
    bucket: "modelhub-test",
    endpoint: `http://127.0.0.1:${addr.port}`,
    region: "us-east-1",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });
  await s3.client.send(new CreateBucketCommand({ Bucket: "modelhub-test" }));
});

afterAll(async () => {
  await s3server?.close();
  await rm(tmp, { recursive: true, force: true });
});

const drivers: [string, () => BlobStore][] = [
  ["disk", () => new DiskBlobStore(path.join(tmp, "disk"))],
  ["s3", () => s3],
];

describe.each(drivers)("%s blob store", (_name, make) => {
  async function stage(bytes: Buffer) {
    const file = path.join(tmp, crypto.randomUUID());
    await writeFile(file, bytes);
    return { file, sha: crypto.createHash("sha256").update(bytes).digest("hex") };
  }

  it("stores content under its sha256 and reads it back whole and by range", async () => {
    const store = make();
    const bytes = crypto.randomBytes(300_000);
    const { file, sha } = await stage(bytes);
    expect(await store.exists(sha)).toBe(false);
    await store.putFile(sha, file, bytes.length);
    expect(await store.exists(sha)).toBe(true);
    expect((await collect(await store.read(sha))).equals(bytes)).toBe(true);
    expect((await collect(await store.read(sha, { start: 1000, end: 1999 }))).equals(bytes.subarray(1000, 2000))).toBe(true);
  });

  it("deletes content", async () => {
    const store = make();
    const { file, sha } = await stage(Buffer.from("delete me"));
    await store.putFile(sha, file, 9);
    await store.delete(sha);
    expect(await store.exists(sha)).toBe(false);
  });

  it("refuses keys that are not sha256", async () => {
    await expect(make().exists("../../etc/passwd")).rejects.toThrow(/not a sha256/);
  });
});

describe("s3 presigned downloads", () => {
  it("serve ranges straight from the object store", async () => {
    const bytes = crypto.randomBytes(10_000);
    const file = path.join(tmp, "presign");
    await writeFile(file, bytes);
    const sha = crypto.createHash("sha256").update(bytes).digest("hex");
    await s3.putFile(sha, file, bytes.length);
    const url = await s3.presignedGetUrl(sha, { filename: "w.bin", expiresIn: 60 });
    const res = await fetch(url, { headers: { Range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });
});
