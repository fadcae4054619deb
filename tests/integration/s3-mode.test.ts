// The hub configured for S3 (S3_BUCKET set): uploads pass through the hub into the bucket, small
// files are served by the hub, LFS files redirect (302) to a presigned URL that
// carries every header the HF clients read (hub-api.md §2.8).
import crypto from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import S3rver from "s3rver";
import { uploadFile } from "@huggingface/hub";
import { CreateBucketCommand, HeadObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { blobStore } from "../../lib/storage";
import { S3BlobStore } from "../../lib/storage/s3-store";
import { actorOf, commitText, seedRepo, seedUser } from "../setup/factories";
import { db } from "../../lib/db/client";
import { planUploads } from "../../lib/uploads/lfs-upload-plan";
import { commitFiles } from "../../lib/repos/commit-files";
import { abortS3Upload, completeS3Multipart, sweepPendingUploads, verifyPendingFor } from "../../lib/uploads/s3-uploads";
import { collectGarbage } from "../../lib/blobs/collect-garbage";
import { verifyGrant } from "../../lib/uploads/upload-urls";
import { createToken } from "../../lib/auth/tokens";
import { LFS_CHUNK_SIZE } from "../../lib/uploads/lfs-parts";

let tmp: string;
let s3server: S3rver;
let server: ApiServer;
let base: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "s3mode-"));
  s3server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: tmp });
  const { port } = (await s3server.run()) as AddressInfo;
  // Set before the first env() read in this test file's process.
  Object.assign(process.env, {
    S3_BUCKET: "modelhub",
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
  });
  await (blobStore() as S3BlobStore).client.send(new CreateBucketCommand({ Bucket: "modelhub" }));
  server = await startApiServer();
  base = server.url;
});

afterAll(async () => {
  await server.close();
  await s3server.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("S3 mode", () => {
  it("stores commits' files in the bucket and redirects LFS downloads to presigned URLs", async () => {
    const store = blobStore() as S3BlobStore;
    expect(store.kind).toBe("s3");
    const u = await seedUser();
    const repo = await seedRepo(u);
    const weights = crypto.randomBytes(200_000);
    const sha = crypto.createHash("sha256").update(weights).digest("hex");
    const { commitId } = await commitText(repo.id, u, { "model.safetensors": weights, "config.json": "{}" });
    await store.client.send(new HeadObjectCommand({ Bucket: "modelhub", Key: `blobs/${sha}` })); // throws if absent

    const url = `${base}/${repo.owner}/${repo.name}/resolve/main/model.safetensors`;
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("x-repo-commit")).toBe(commitId);
    expect(res.headers.get("x-linked-size")).toBe(String(weights.length));
    expect(res.headers.get("x-linked-etag")).toBe(`"${sha}"`);
    const location = res.headers.get("location")!;
    expect(new URL(location).origin).toBe(process.env.S3_ENDPOINT);
    const part = await fetch(location, { headers: { Range: "bytes=10-19" } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(weights.subarray(10, 20))).toBe(true);
    const head = await fetch(url, { method: "HEAD", redirect: "manual" });
    expect(head.status).toBe(302);
    expect(head.headers.get("x-linked-size")).toBe(String(weights.length));

    const small = await fetch(`${base}/${repo.owner}/${repo.name}/resolve/main/config.json`);
    expect(small.status).toBe(200);
    expect(await small.text()).toBe("{}");

    // git-lfs downloads go straight to the bucket too
    const batch = await fetch(`${base}/${repo.owner}/${repo.name}.git/info/lfs/objects/batch`, {
      method: "POST",
      headers: { "Content-Type": "application/vnd.git-lfs+json" },
      body: JSON.stringify({ operation: "download", objects: [{ oid: sha, size: weights.length }] }),
    });
    const href: string = (await batch.json()).objects[0].actions.download.href;
    expect(new URL(href).origin).toBe(process.env.S3_ENDPOINT);
    expect(Buffer.from(await (await fetch(href)).arrayBuffer()).equals(weights)).toBe(true);
  });

  it("answers 503 with Retry-After while the bucket cannot be reached, and recovers by itself", { timeout: 60_000 }, async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    await commitText(repo.id, u, { "config.json": '{"a":1}' });
    const url = `${base}/${repo.owner}/${repo.name}/resolve/main/config.json`;
    const port = Number(new URL(process.env.S3_ENDPOINT!).port);
    await s3server.close();
    try {
      const res = await fetch(url);
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({ error: expect.stringMatching(/file store is unreachable/) });
      const ready = await server.call("GET", "/readyz");
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: "unavailable", failing: ["blobStore"], checks: { database: "ok" } });
    } finally {
      s3server = new S3rver({ port, address: "127.0.0.1", silent: true, directory: tmp });
      await s3server.run();
    }
    // no restart: the next requests succeed once the store answers
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await fetch(url)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await server.call("GET", "/readyz")).status).toBe(200);
  });
});

describe("S3 uploads (through the hub)", () => {
  const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
  const exists = async (key: string) =>
    (blobStore() as S3BlobStore).client.send(new HeadObjectCommand({ Bucket: "modelhub", Key: key })).then(() => true, () => false);
  const stored = async (sha256: string) => Buffer.concat(await (await blobStore().read(sha256)).toArray());

  async function batchOne(content: Buffer, userId: string) {
    const objects = await planUploads(await actorOf(userId), [{ oid: sha(content), size: content.length }], base, userId);
    return objects[0]!.actions!.upload as { href: string; header?: Record<string, string> };
  }

  async function putParts(action: { header?: Record<string, string> }, content: Buffer, only?: number[]) {
    const chunk = Number(action.header!.chunk_size);
    const keys = Object.keys(action.header!).filter((k) => /^\d+$/.test(k) && (!only || only.includes(Number(k))));
    return Promise.all(
      keys.map(async (k) => {
        const n = Number(k);
        expect(new URL(action.header![k]!).origin).toBe(base); // through the hub, which hashes them on the way
        const res = await fetch(action.header![k]!, { method: "PUT", body: new Uint8Array(content.subarray((n - 1) * chunk, n * chunk)) });
        expect(res.status).toBe(200);
        return { partNumber: n, etag: res.headers.get("etag")! };
      }),
    );
  }

  /** A fresh user's multipart upload of random content, every part sent through the hub. */
  async function sentUpload(extra: number) {
    const u = await seedUser();
    const content = crypto.randomBytes(2 * LFS_CHUNK_SIZE + extra);
    const action = await batchOne(content, u.id);
    const parts = await putParts(action, content);
    return { u, content, action, parts, grant: verifyGrant(sha(content), new URL(action.href).searchParams) };
  }

  it("multipart: parts pass through the hub to the bucket, hashed on the way, so the completion reads nothing back and copies nothing", async () => {
    const s3 = blobStore() as S3BlobStore;
    const { content, parts, grant } = await sentUpload(10);
    const readBack = vi.spyOn(S3BlobStore.prototype, "readKey");
    const sent = vi.spyOn(s3.client, "send");
    try {
      await completeS3Multipart(s3, grant, parts);
      expect(readBack).not.toHaveBeenCalled();
      expect(sent.mock.calls.map(([c]) => c.constructor.name)).toEqual(["CompleteMultipartUploadCommand", "HeadObjectCommand"]);
    } finally {
      readBack.mockRestore();
      sent.mockRestore();
    }
    const row = await db().blob.findUniqueOrThrow({ where: { sha256: sha(content) } });
    expect(row.gitOid).toBe(crypto.createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex"));
    // it stays where the bucket joined it, and is read and handed out from there
    expect(row.location).toMatch(new RegExp(`^blobs/${sha(content)}\\.[0-9a-f-]{36}$`));
    expect(await exists(`blobs/${sha(content)}`)).toBe(false);
    expect((await stored(sha(content))).equals(content)).toBe(true);
    expect(await s3.exists(sha(content))).toBe(true);
    const presigned = await s3.presignedGetUrl(sha(content), { filename: "w.bin", expiresIn: 60 });
    expect(Buffer.from(await (await fetch(presigned)).arrayBuffer()).equals(content)).toBe(true);
    expect(await db().pendingUpload.count({ where: { oid: sha(content) } })).toBe(0);
  });

  it("multipart: a part write this process did not see (another web node) makes the completion read the object back", async () => {
    const { content, parts, grant } = await sentUpload(11);
    // another node counts the write it is about to send (its bytes would be the same here)
    await db().pendingUpload.update({ where: { id: grant.pendingId! }, data: { relayedParts: { increment: 1 } } });
    const readBack = vi.spyOn(S3BlobStore.prototype, "readKey");
    try {
      await completeS3Multipart(blobStore() as S3BlobStore, grant, parts);
      expect(readBack).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^blobs/${sha(content)}\\.`)), 0);
    } finally {
      readBack.mockRestore();
    }
    expect(await db().blob.findUnique({ where: { sha256: sha(content) } })).not.toBeNull();
  });

  it("multipart: a part replaced in the bucket behind the hub's back is caught at completion", async () => {
    const s3 = blobStore() as S3BlobStore;
    const { content, parts, grant } = await sentUpload(12);
    const pending = await db().pendingUpload.findUniqueOrThrow({ where: { id: grant.pendingId! } });
    const other = await s3.client.send(
      new UploadPartCommand({ Bucket: "modelhub", Key: pending.key, UploadId: pending.s3UploadId!, PartNumber: 2, Body: crypto.randomBytes(LFS_CHUNK_SIZE), ContentLength: LFS_CHUNK_SIZE }),
    );
    const joined = parts.map((p) => (p.partNumber === 2 ? { ...p, etag: other.ETag! } : p));
    await expect(completeS3Multipart(s3, grant, joined)).rejects.toThrow(/does not match/);
    expect(await db().blob.findUnique({ where: { sha256: sha(content) } })).toBeNull();
    expect(await exists(`blobs/${sha(content)}`)).toBe(false);
    expect(await exists(pending.key)).toBe(false);
  });

  it("multipart: a part shorter or longer than announced, or a completion naming a part twice, is refused; the bucket is not left waiting", { timeout: 30_000 }, async () => {
    const u = await seedUser();
    const content = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 13);
    const action = await batchOne(content, u.id);
    const short = await fetch(action.header!["00001"]!, { method: "PUT", body: new Uint8Array(content.subarray(0, LFS_CHUNK_SIZE - 1)) });
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({ error: expect.stringMatching(/Part 1 has 16777215 bytes, expected 16777216/) });
    const long = await fetch(action.header!["00003"]!, { method: "PUT", body: new Uint8Array(content.subarray(2 * LFS_CHUNK_SIZE - 1)) });
    expect(long.status).toBe(400);
    const parts = await putParts(action, content);
    const grant = verifyGrant(sha(content), new URL(action.href).searchParams);
    const twice = parts.map((p) => (p.partNumber === 2 ? parts[0]! : p)); // s3rver would join part 1 twice
    await expect(completeS3Multipart(blobStore() as S3BlobStore, grant, twice)).rejects.toThrow(/Part 2 is missing/);
    await completeS3Multipart(blobStore() as S3BlobStore, grant, parts);
    expect(await db().blob.findUnique({ where: { sha256: sha(content) } })).not.toBeNull();
  });

  it("part URLs refuse a forged or altered grant and a part number out of range, before anything reaches the database or the bucket", async () => {
    const u = await seedUser();
    const content = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 14);
    const action = await batchOne(content, u.id);
    const first = action.header!["00001"]!;
    const put = (url: URL) => fetch(url, { method: "PUT", body: new Uint8Array(content.subarray(0, LFS_CHUNK_SIZE)) });
    const altered = (change: (url: URL) => void) => {
      const url = new URL(first);
      change(url);
      return url;
    };
    expect((await put(altered((url) => url.searchParams.set("sig", "A".repeat(43))))).status).toBe(403);
    expect((await put(altered((url) => url.searchParams.set("p", crypto.randomUUID())))).status).toBe(403); // another upload
    expect((await put(altered((url) => url.searchParams.set("u", "someone-else")))).status).toBe(403); // another uploader
    expect((await put(altered((url) => url.searchParams.set("size", String(10 * LFS_CHUNK_SIZE))))).status).toBe(403);
    for (const n of ["0", "4", "99999"]) expect((await put(altered((url) => (url.pathname = url.pathname.replace(/\/parts\/1$/, `/parts/${n}`))))).status).toBe(400);
    expect((await put(altered((url) => (url.pathname = url.pathname.replace(/\/parts\/1$/, "/parts/1x"))))).status).toBeGreaterThanOrEqual(400);
    const grant = verifyGrant(sha(content), new URL(action.href).searchParams);
    expect((await db().pendingUpload.findUniqueOrThrow({ where: { id: grant.pendingId! } })).relayedParts).toBe(0);
    expect((await put(new URL(first))).status).toBe(200); // the URL as handed out still works
  });

  it("multipart: content that does not match its oid is refused and removed", async () => {
    const u = await seedUser();
    const claimed = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 10);
    const action = await batchOne(claimed, u.id);
    const parts = await putParts(action, crypto.randomBytes(claimed.length));
    const grant = verifyGrant(sha(claimed), new URL(action.href).searchParams);
    const { key } = await db().pendingUpload.findUniqueOrThrow({ where: { id: grant.pendingId! } });
    await expect(completeS3Multipart(blobStore() as S3BlobStore, grant, parts)).rejects.toThrow(/does not match/);
    expect(await db().blob.findUnique({ where: { sha256: sha(claimed) } })).toBeNull();
    expect(await exists(`blobs/${sha(claimed)}`)).toBe(false);
    expect(await exists(key)).toBe(false);
  });

  it("multipart: asking again for the same content resumes the upload, keeping the parts already sent", async () => {
    const u = await seedUser();
    const s3 = blobStore() as S3BlobStore;
    const content = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 77);
    const first = await batchOne(content, u.id);
    const early = await putParts(first, content, [1, 3]);
    const again = await batchOne(content, u.id); // a reload, a closed tab: the client asks the batch again
    const grant = verifyGrant(sha(content), new URL(again.href).searchParams);
    expect(grant.pendingId).toBe(verifyGrant(sha(content), new URL(first.href).searchParams).pendingId);
    const late = await putParts(again, content, [2]);
    await completeS3Multipart(s3, grant, [...early, ...late]); // the bucket joins parts sent through both answers
    expect((await stored(sha(content))).equals(content)).toBe(true);
    // Someone else sending the same content gets an upload of their own; the uploader now has nothing to send.
    const other = await seedUser();
    expect(verifyGrant(sha(content), new URL((await batchOne(content, other.id)).href).searchParams).pendingId).not.toBe(grant.pendingId);
    const done = await planUploads(await actorOf(u.id), [{ oid: sha(content), size: content.length }], base, u.id);
    expect(done[0]!.actions).toBeUndefined();
  });

  it("multipart: a completion that fails after the bucket joined the parts can be retried, and is never resumed as a new upload", async () => {
    const s3 = blobStore() as S3BlobStore;
    const { u, content, parts, grant } = await sentUpload(9);
    // the check after the join fails (the parts were all hashed on the way: it only asks the object's size)
    const readBack = vi.spyOn(S3BlobStore.prototype, "sizeOfKey").mockRejectedValueOnce(new Error("store went away"));
    try {
      await expect(completeS3Multipart(s3, grant, parts)).rejects.toThrow(/store went away/);
    } finally {
      readBack.mockRestore();
    }
    // asked again, the batch starts a new multipart upload: the joined one takes no more parts
    const again = await batchOne(content, u.id);
    expect(verifyGrant(sha(content), new URL(again.href).searchParams).pendingId).not.toBe(grant.pendingId);
    await completeS3Multipart(s3, grant, parts); // the client retries its completion, which reads the object back
    expect((await stored(sha(content))).equals(content)).toBe(true);
    expect(await db().blob.findUnique({ where: { sha256: sha(content) } })).not.toBeNull();
  });

  it("the JS client uploads a large file through the relayed parts and reads it back", { timeout: 60_000 }, async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const { token } = await createToken(u.id, "s3-client", "write");
    const weights = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 1234);
    const readBack = vi.spyOn(S3BlobStore.prototype, "readKey");
    try {
      await uploadFile({ repo: `${repo.owner}/${repo.name}`, credentials: { accessToken: token }, hubUrl: base, useXet: false, file: { path: "big.bin", content: new Blob([new Uint8Array(weights)]) } });
      expect(readBack).not.toHaveBeenCalled(); // verified from the bytes as they passed
    } finally {
      readBack.mockRestore();
    }
    const res = await fetch(`${base}/${repo.owner}/${repo.name}/resolve/main/big.bin`);
    expect(Buffer.from(await res.arrayBuffer()).equals(weights)).toBe(true);
  });

  it("single PUT: through the hub, checked as it arrives: wrong bytes are refused at once, right ones land in the bucket", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const good = crypto.randomBytes(3000);
    const put1 = await batchOne(good, u.id);
    expect(new URL(put1.href).origin).toBe(base); // the bucket needs no CORS rule for uploads
    expect((await fetch(put1.href, { method: "PUT", body: new Uint8Array(good) })).status).toBe(200);
    expect(await exists(`blobs/${sha(good)}`)).toBe(true);
    const claimed = crypto.randomBytes(3000);
    const put2 = await batchOne(claimed, u.id);
    const bad = await fetch(put2.href, { method: "PUT", body: new Uint8Array(crypto.randomBytes(3000)) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/not the announced/) });
    expect(await exists(`blobs/${sha(claimed)}`)).toBe(false);
    const actor = await actorOf(u);
    const commit = (path: string, sha256: string) => commitFiles({ contentOf: actor, repoId: repo.id, branch: "main", author: u, title: "t", operations: [{ op: "put", path, sha256, lfs: true }] });
    await expect(commit("bad.bin", sha(claimed))).rejects.toThrow(/never uploaded/);
    await commit("good.bin", sha(good));
    const res = await fetch(`${base}/${repo.owner}/${repo.name}/resolve/main/good.bin`);
    expect(Buffer.from(await res.arrayBuffer()).equals(good)).toBe(true);
  });

  it("multipart: an upload whose completion failed after the join is checked by the first commit that names it; wrong bytes never commit", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    const s3 = blobStore() as S3BlobStore;
    const upload = async (claimed: Buffer, sent: Buffer) => {
      const action = await batchOne(claimed, u.id);
      const parts = await putParts(action, sent);
      const failing = vi.spyOn(S3BlobStore.prototype, "sizeOfKey").mockRejectedValueOnce(new Error("store went away"));
      try {
        await expect(completeS3Multipart(s3, verifyGrant(sha(claimed), new URL(action.href).searchParams), parts)).rejects.toThrow(/store went away/);
      } finally {
        failing.mockRestore();
      }
    };
    const good = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 5);
    await upload(good, good);
    const claimed = crypto.randomBytes(good.length);
    await upload(claimed, crypto.randomBytes(good.length));
    const actor = await actorOf(u);
    const commit = (path: string, sha256: string) => commitFiles({ contentOf: actor, repoId: repo.id, branch: "main", author: u, title: "t", operations: [{ op: "put", path, sha256, lfs: true }] });
    await expect(commit("bad.bin", sha(claimed))).rejects.toThrow(/never uploaded/);
    expect(await exists(`blobs/${sha(claimed)}`)).toBe(false);
    await commit("good.bin", sha(good));
    const res = await fetch(`${base}/${repo.owner}/${repo.name}/resolve/main/good.bin`);
    expect(Buffer.from(await res.arrayBuffer()).equals(good)).toBe(true);
  });

  it("cancelling or abandoning an S3 upload removes its staged object and record", async () => {
    const u = await seedUser();
    const s3 = blobStore() as S3BlobStore;
    const content = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 3);
    const action = await batchOne(content, u.id);
    await putParts(action, content);
    const grant = verifyGrant(sha(content), new URL(action.href).searchParams);
    await abortS3Upload(s3, grant);
    expect(await db().pendingUpload.findUnique({ where: { id: grant.pendingId! } })).toBeNull();
    await expect(completeS3Multipart(s3, grant, [])).rejects.toMatchObject({ status: 404 });

    // left half-way: the sweep aborts the multipart upload and drops the record
    const left = crypto.randomBytes(2 * LFS_CHUNK_SIZE + 4);
    const leftAction = await batchOne(left, u.id);
    await putParts(leftAction, left, [1]);
    const leftGrant = verifyGrant(sha(left), new URL(leftAction.href).searchParams);
    const pending = await db().pendingUpload.findUniqueOrThrow({ where: { id: leftGrant.pendingId! } });
    expect(await sweepPendingUploads(60_000)).toBe(0); // too young
    await db().pendingUpload.update({ where: { id: pending.id }, data: { createdAt: new Date(Date.now() - 2 * 86400_000) } });
    expect(await sweepPendingUploads(86400_000)).toBeGreaterThanOrEqual(1);
    expect(await db().pendingUpload.findUnique({ where: { id: pending.id } })).toBeNull();
    expect((await fetch(leftAction.header!["00002"]!, { method: "PUT", body: new Uint8Array(10) })).status).toBe(404);
  });

  // Last in this block: the collector removes every unused content here.
  it("a joined upload keeps its one object: a second upload of the same content is checked and dropped, two checks at once keep it, a lost one is replaced by the next copy ingested or uploaded, the collector removes it", { timeout: 60_000 }, async () => {
    const s3 = blobStore() as S3BlobStore;
    const first = await sentUpload(21);
    const oid = sha(first.content);
    await completeS3Multipart(s3, first.grant, first.parts);
    const { location } = await db().blob.findUniqueOrThrow({ where: { sha256: oid } });

    // someone else proves they hold the same bytes: they may name them now, and their copy goes
    const other = await seedUser();
    const again = await batchOne(first.content, other.id);
    const otherGrant = verifyGrant(oid, new URL(again.href).searchParams);
    const { key: otherKey } = await db().pendingUpload.findUniqueOrThrow({ where: { id: otherGrant.pendingId! } });
    await completeS3Multipart(s3, otherGrant, await putParts(again, first.content));
    expect(await exists(otherKey)).toBe(false);
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: oid } })).location).toBe(location);
    expect(await db().blobGrant.count({ where: { sha256: oid, userId: other.id } })).toBe(1);

    // a completion failed after the join; its retry and a commit's check run at once: both record it, neither removes it
    const late = await sentUpload(22);
    const failing = vi.spyOn(S3BlobStore.prototype, "sizeOfKey").mockRejectedValueOnce(new Error("store went away"));
    try {
      await expect(completeS3Multipart(s3, late.grant, late.parts)).rejects.toThrow(/store went away/);
    } finally {
      failing.mockRestore();
    }
    await Promise.all([completeS3Multipart(s3, late.grant, late.parts), verifyPendingFor(sha(late.content), late.u.id)]);
    expect((await stored(sha(late.content))).equals(late.content)).toBe(true);

    // the object was lost: content ingested again lands at its content address, which the row then names
    await s3.deleteKey(location!);
    const repo = await seedRepo(first.u, { private: true }); // private: others still have to prove they hold the bytes
    await commitText(repo.id, first.u, { "w.bin": first.content });
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: oid } })).location).toBeNull();
    expect(await exists(`blobs/${oid}`)).toBe(true);
    expect((await stored(oid)).equals(first.content)).toBe(true);

    // lost again: the next verified upload of it takes its place instead of being dropped
    await s3.deleteKey(`blobs/${oid}`);
    const third = await seedUser();
    const thirdAction = await batchOne(first.content, third.id);
    const thirdGrant = verifyGrant(oid, new URL(thirdAction.href).searchParams);
    const { key: thirdKey } = await db().pendingUpload.findUniqueOrThrow({ where: { id: thirdGrant.pendingId! } });
    await completeS3Multipart(s3, thirdGrant, await putParts(thirdAction, first.content));
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: oid } })).location).toBe(thirdKey);
    expect((await stored(oid)).equals(first.content)).toBe(true);

    // unused, the joined object goes with its row
    const { location: lateKey } = await db().blob.findUniqueOrThrow({ where: { sha256: sha(late.content) } });
    expect(await exists(lateKey!)).toBe(true);
    await collectGarbage({ graceMs: 0 });
    await collectGarbage({ graceMs: 0 });
    expect(await db().blob.findUnique({ where: { sha256: sha(late.content) } })).toBeNull();
    expect(await exists(lateKey!)).toBe(false);
  });
});
