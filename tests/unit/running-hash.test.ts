// The in-order hash of a multipart upload's staging file, fed as parts land.
import crypto from "node:crypto";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { finishHash, forgetHash, hashedThrough, partChanging, partStored } from "../../lib/uploads/running-hash";
import { claimCompletion, claimPart } from "../../lib/uploads/staging-lock";

const CHUNK = 1024;
const SIZE = 3 * CHUNK - 100; // three parts, the last one short
let dir: string;
beforeAll(async () => (dir = await mkdtemp(path.join(os.tmpdir(), "running-hash-"))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
const gitOid = (b: Buffer) => crypto.createHash("sha1").update(`blob ${b.length}\0`).update(b).digest("hex");

async function upload(name: string) {
  const key = path.join(dir, name);
  const file = `${key}.data`;
  const content = crypto.randomBytes(SIZE);
  await writeFile(file, Buffer.alloc(SIZE));
  /** Writes part n of `bytes` into the file between partChanging and partStored, as storePart does. */
  const send = async (n: number, bytes: Buffer = content) => {
    partChanging(key, SIZE, CHUNK, n);
    const fh = await open(file, "r+");
    await fh.write(bytes.subarray((n - 1) * CHUNK, Math.min(n * CHUNK, SIZE)), 0, undefined, (n - 1) * CHUNK);
    await fh.close();
    partStored(key, file, n);
  };
  return { key, file, content, send };
}

describe("staging lock of a multipart upload", () => {
  it("lets one writer per part, refuses a completion while a part is written and parts while a completion runs", () => {
    const key = path.join(os.tmpdir(), `lock-${crypto.randomUUID()}`);
    const part1 = claimPart(key, 1);
    const part2 = claimPart(key, 2);
    expect(() => claimPart(key, 1)).toThrow(expect.objectContaining({ status: 409, message: expect.stringMatching(/Part 1 is already being uploaded/) }));
    expect(() => claimCompletion(key)).toThrow(expect.objectContaining({ status: 409, message: expect.stringMatching(/still being uploaded/) }));
    part1();
    expect(() => claimCompletion(key)).toThrow(/Part 2 is still being uploaded/);
    part2();
    const done = claimCompletion(key);
    expect(() => claimPart(key, 3)).toThrow(expect.objectContaining({ status: 409, message: expect.stringMatching(/being completed/) }));
    expect(() => claimCompletion(key)).toThrow(/already being completed/);
    done();
    claimPart(key, 3)(); // free again once the completion is over
  });
});

describe("running hash of a multipart upload", () => {
  it("hashes each part once the parts before it are stored, so completion has nothing left to read", async () => {
    const u = await upload("in-order");
    await u.send(3);
    await new Promise((r) => setTimeout(r, 20));
    expect(hashedThrough(u.key)).toBe(0); // part 1 is not there yet
    await u.send(1);
    await vi.waitFor(() => expect(hashedThrough(u.key)).toBe(1));
    await u.send(2);
    await vi.waitFor(() => expect(hashedThrough(u.key)).toBe(3));
    // Bytes changed behind the hash's back after it read them are not read again: the digests come from the parts as they landed.
    const fh = await open(u.file, "r+");
    await fh.write(Buffer.alloc(10), 0, 10, 0);
    await fh.close();
    const blob = await finishHash(u.key, u.file, SIZE, CHUNK);
    expect(blob).toMatchObject({ sha256: sha256(u.content), gitOid: gitOid(u.content), size: SIZE, binary: true });
    expect(hashedThrough(u.key)).toBe(0); // nothing kept after a completion
  });

  it("starts over when a part already hashed is sent again, and ends with the digests of what was sent last", async () => {
    const u = await upload("resent");
    for (const n of [1, 2, 3]) await u.send(n);
    await vi.waitFor(() => expect(hashedThrough(u.key)).toBe(3));
    const other = crypto.randomBytes(SIZE);
    await u.send(2, other);
    const expected = Buffer.concat([u.content.subarray(0, CHUNK), other.subarray(CHUNK, 2 * CHUNK), u.content.subarray(2 * CHUNK)]);
    expect((await finishHash(u.key, u.file, SIZE, CHUNK)).sha256).toBe(sha256(expected));
  });

  it("waits for a part whose write failed: nothing past it is hashed until it is sent again", async () => {
    const u = await upload("failed-write");
    await u.send(1);
    partChanging(u.key, SIZE, CHUNK, 2); // a write of part 2 began and never ended
    await u.send(3);
    await new Promise((r) => setTimeout(r, 20));
    expect(hashedThrough(u.key)).toBe(1);
    await u.send(2);
    expect((await finishHash(u.key, u.file, SIZE, CHUNK)).sha256).toBe(sha256(u.content));
  });

  it("hashes the whole file at completion when this process kept nothing (a restart, an eviction)", async () => {
    const u = await upload("forgotten");
    for (const n of [1, 2, 3]) await u.send(n);
    forgetHash(u.key);
    expect(hashedThrough(u.key)).toBe(0);
    const blob = await finishHash(u.key, u.file, SIZE, CHUNK);
    expect(blob.sha256).toBe(sha256(u.content));
    expect(blob.gitOid).toBe(gitOid(u.content));
  });
});
