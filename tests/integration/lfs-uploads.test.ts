// LFS batch answers and the signed upload paths, without the HTTP layer.
import crypto from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { grantContent } from "../../lib/blobs/possession";
import { db } from "../../lib/db/client";
import { commitFiles } from "../../lib/repos/commit-files";
import { planUploads } from "../../lib/uploads/lfs-upload-plan";
import { actorOf, seedRepo, seedUser } from "../setup/factories";
import { LFS_CHUNK_SIZE, completeMultipart, partCount, storePart } from "../../lib/uploads/lfs-parts";
import { verifyGrant } from "../../lib/uploads/upload-urls";
import { storeBytes } from "../../lib/repos/ingest-blob";
import { parseCommitNdjson } from "../../lib/hub-api/commit-ndjson";

const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
const stream = (b: Buffer) => Readable.from([b]);

let u1: Actor;
let u2: Actor;
let u3: Actor;
beforeAll(async () => {
  [u1, u2, u3] = await Promise.all([seedUser().then(actorOf), seedUser().then(actorOf), seedUser().then(actorOf)]);
});
const lfsBatch = async (body: { operation: string; objects: { oid: string; size: number }[] }, opts: { origin: string; actor: Actor }) => ({
  transfer: "basic",
  objects: await planUploads(opts.actor, body.objects, opts.origin, opts.actor.userId),
});

function grantOf(href: string) {
  const u = new URL(href);
  const oid = u.pathname.split("/")[3]!;
  return { oid, params: u.searchParams, grant: verifyGrant(oid, u.searchParams) };
}

describe("LFS batch", () => {
  it("skips objects the caller uploaded, signs a PUT for small ones and ascending part URLs for big ones", async () => {
    const stored = await storeBytes(crypto.randomBytes(100));
    await grantContent(u1.userId, [stored.sha256]);
    const big = 3 * LFS_CHUNK_SIZE + 5;
    const res = await lfsBatch(
      { operation: "upload", objects: [{ oid: stored.sha256, size: 100 }, { oid: "b".repeat(64), size: 1000 }, { oid: "c".repeat(64), size: big }, { oid: "NOPE", size: 1 }] },
      { origin: "http://hub.test", actor: u1 },
    );
    expect(res.transfer).toBe("basic");
    const [have, basic, multi, bad] = res.objects;
    expect(have!.actions).toBeUndefined();
    expect((basic!.actions!.upload as { href: string }).href).toMatch(/^http:\/\/hub\.test\/api\/lfs\/b{64}\?/);
    const header = (multi!.actions!.upload as { header: Record<string, string> }).header;
    const keys = Object.keys(header).filter((k) => k !== "chunk_size");
    expect(keys).toEqual(["00001", "00002", "00003", "00004"]);
    expect(keys.length).toBe(partCount(big));
    expect(bad!.error!.code).toBe(422);
  });

  it("refuses objects over the hub's file size limit before any byte is sent", async () => {
    const { env } = await import("../../lib/env");
    const res = await lfsBatch({ operation: "upload", objects: [{ oid: "a".repeat(64), size: env().MAX_FILE_BYTES + 1 }] }, { origin: "http://h", actor: u1 });
    expect(res.objects[0]!.error!.code).toBe(413);
    expect(res.objects[0]!.actions).toBeUndefined();
  });

  it("refuses forged, altered and expired upload URLs", async () => {
    const res = await lfsBatch({ operation: "upload", objects: [{ oid: "d".repeat(64), size: 10 }] }, { origin: "http://h", actor: u1 });
    const href = (res.objects[0]!.actions!.upload as { href: string }).href;
    const u = new URL(href);
    u.searchParams.set("size", "11");
    expect(() => verifyGrant("d".repeat(64), u.searchParams)).toThrow(/signature/);
    expect(() => verifyGrant("e".repeat(64), new URL(href).searchParams)).toThrow(/signature/);
    const expired = new URL(href);
    expired.searchParams.set("exp", "1");
    expect(() => verifyGrant("d".repeat(64), expired.searchParams)).toThrow();
  });

  it("joins parts in order and stores the object only when its sha256 matches", async () => {
    const C = LFS_CHUNK_SIZE;
    const content = crypto.randomBytes(2 * C + 1234); // over LFS_BASIC_MAX: three parts
    const res = await lfsBatch({ operation: "upload", objects: [{ oid: sha(content), size: content.length }] }, { origin: "http://h", actor: u2 });
    const header = (res.objects[0]!.actions!.upload as { header: Record<string, string> }).header;
    const { grant } = grantOf(header["00001"]!);
    let e3 = await storePart(grant, 3, stream(content.subarray(2 * C)));
    const e1 = await storePart(grant, 1, stream(content.subarray(0, C)));
    const e2 = await storePart(grant, 2, stream(content.subarray(C, 2 * C)));
    await expect(storePart(grant, 4, stream(Buffer.alloc(1)))).rejects.toThrow(/out of range/);
    await expect(storePart(grant, 3, stream(Buffer.alloc(5)))).rejects.toThrow(/expected 1234/);
    // A failed rewrite may have overwritten part of it: the part counts as missing until sent again.
    await expect(completeMultipart(grant, [1, 2, 3].map((n) => ({ partNumber: n, etag: [e1, e2, e3][n - 1]! })))).rejects.toThrow(/Part 3 was never uploaded/);
    e3 = await storePart(grant, 3, stream(content.subarray(2 * C)));
    await expect(completeMultipart(grant, [{ partNumber: 1, etag: e1 }])).rejects.toThrow(/Expected 3 parts/);
    await expect(completeMultipart(grant, [{ partNumber: 1, etag: e1 }, { partNumber: 2, etag: e1 }, { partNumber: 3, etag: e3 }])).rejects.toThrow(/different ETag/);
    const blob = await completeMultipart(grant, [{ partNumber: 3, etag: e3 }, { partNumber: 2, etag: e2 }, { partNumber: 1, etag: e1 }]);
    expect(blob.sha256).toBe(sha(content));
    expect(await db().blob.findUnique({ where: { sha256: blob.sha256 } })).not.toBeNull();
  });

  it("rejects content that does not hash to the announced oid, and stores nothing", async () => {
    const C = LFS_CHUNK_SIZE;
    const claimed = crypto.randomBytes(2 * C + 1);
    const res = await lfsBatch({ operation: "upload", objects: [{ oid: sha(claimed), size: claimed.length }] }, { origin: "http://h", actor: u3 });
    const header = (res.objects[0]!.actions!.upload as { header: Record<string, string> }).header;
    const { grant } = grantOf(header["00001"]!);
    const wrong = crypto.randomBytes(claimed.length);
    const parts = [0, 1, 2].map((i) => ({ i, bytes: wrong.subarray(i * C, (i + 1) * C) }));
    const stored = [];
    for (const p of parts) stored.push({ partNumber: p.i + 1, etag: await storePart(grant, p.i + 1, stream(p.bytes)) });
    await expect(completeMultipart(grant, stored)).rejects.toThrow(/not the announced/);
    expect(await db().blob.findUnique({ where: { sha256: sha(claimed) } })).toBeNull();
    expect(await db().blob.findUnique({ where: { sha256: sha(wrong) } })).toBeNull();
  });
});

describe("LFS parts against a completion", () => {
  it("keeps a slow or second write of a part away from the bytes a completion hashes and stores", async () => {
    const C = LFS_CHUNK_SIZE;
    const content = crypto.randomBytes(2 * C + 99);
    const res = await lfsBatch({ operation: "upload", objects: [{ oid: sha(content), size: content.length }] }, { origin: "http://h", actor: u1 });
    const { grant } = grantOf((res.objects[0]!.actions!.upload as { header: Record<string, string> }).header["00001"]!);
    const part = (n: number, of: Buffer = content) => of.subarray((n - 1) * C, n * C);
    const etags = [];
    for (const n of [1, 2, 3]) etags.push({ partNumber: n, etag: await storePart(grant, n, stream(part(n))) });
    // A rewrite of part 2 whose bytes have not arrived yet (its file is open): the same part
    // cannot be sent again meanwhile, and the upload cannot be completed under it.
    const slow = new PassThrough();
    const rewrite = storePart(grant, 2, slow);
    await expect(storePart(grant, 2, stream(part(2)))).rejects.toMatchObject({ status: 409 });
    await expect(completeMultipart(grant, etags)).rejects.toMatchObject({ status: 409 });
    const garbage = crypto.randomBytes(C);
    slow.end(garbage);
    const garbageEtag = await rewrite;
    // the completion sees the bytes as they are now, and refuses them
    const now = etags.map((e) => (e.partNumber === 2 ? { partNumber: 2, etag: garbageEtag } : e));
    await expect(completeMultipart(grant, now)).rejects.toThrow(/not the announced/);
    expect(await db().blob.findUnique({ where: { sha256: sha(content) } })).toBeNull();
    // A part sent while a completion runs is refused.
    const again = [];
    for (const n of [1, 2, 3]) again.push({ partNumber: n, etag: await storePart(grant, n, stream(part(n))) });
    const completing = completeMultipart(grant, again);
    await expect(storePart(grant, 1, stream(part(1)))).rejects.toMatchObject({ status: 409 });
    expect((await completing).sha256).toBe(sha(content));
  });
});

describe("NDJSON commits", () => {
  it("parses every line kind and refuses bad paths and oversized inline files; commits refuse unknown LFS objects", async () => {
    const header = JSON.stringify({ key: "header", value: { summary: "s", parentCommit: "a".repeat(40) } });
    const file = JSON.stringify({ key: "file", value: { path: "a.txt", content: Buffer.from("hi").toString("base64"), encoding: "base64" } });
    const del = JSON.stringify({ key: "deletedFile", value: { path: "b.txt" } });
    const parsed = parseCommitNdjson([header, file, del].join("\n")); // no trailing newline, as JS sends
    expect(parsed.parentCommit).toBe("a".repeat(40));
    expect(parsed.operations.map((o) => o.op)).toEqual(["put", "delete"]);
    const lfs = JSON.stringify({ key: "lfsFile", value: { path: "w.bin", algo: "sha256", oid: "f".repeat(64), size: 3 } });
    const repo = await seedRepo({ id: u1.userId, username: u1.username, email: u1.email });
    const ops = parseCommitNdjson(`${JSON.stringify({ key: "header", value: { summary: "s" } })}\n${lfs}\n`).operations;
    await expect(commitFiles({ repoId: repo.id, branch: "main", author: { id: u1.userId, username: u1.username, email: u1.email }, contentOf: u1, title: "t", operations: ops })).rejects.toThrow(/never uploaded/);
    const evil = JSON.stringify({ key: "file", value: { path: "../x", content: "" } });
    expect(() => parseCommitNdjson(`${header}\n${evil}`)).toThrow(expect.objectContaining({ status: 400 }));
    const huge = JSON.stringify({ key: "file", value: { path: "h.bin", content: Buffer.alloc(10 * 1024 * 1024 + 1).toString("base64") } });
    expect(() => parseCommitNdjson(`${header}\n${huge}`)).toThrow(/LFS/);
    expect(() => parseCommitNdjson(file)).toThrow(/header/);
  });
});
