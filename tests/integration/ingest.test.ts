import { Readable } from "node:stream";
import crypto from "node:crypto";
import { readdir } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { ingestBlob, recordBlob } from "../../lib/repos/ingest-blob";
import { stagingDir } from "../../lib/storage";

const limit = { maxBytes: 1 << 30 };

const staged = async () => new Set(await readdir(stagingDir()).catch(() => [] as string[]));

/**
 * Staging files that appeared since `before` and stay. Other test files share the staging
 * folder and upload at the same time: their files come and go, so wait for them to go;
 * a file this test left behind never does.
 */
async function stagingLeftovers(before: Set<string>): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const left = [...(await staged())].filter((f) => !before.has(f));
    if (!left.length || Date.now() > deadline) return left.length;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("streaming ingest", () => {
  it("hashes while streaming and stores identical content once", async () => {
    const bytes = crypto.randomBytes(3 * 1024 * 1024 + 7);
    const chunks = () => Readable.from((function* () {
      for (let i = 0; i < bytes.length; i += 65536) yield bytes.subarray(i, i + 65536);
    })());
    const a = await ingestBlob(chunks(), { size: bytes.length, ...limit });
    const b = await ingestBlob(chunks(), { size: bytes.length, ...limit });
    expect(a.sha256).toBe(crypto.createHash("sha256").update(bytes).digest("hex"));
    expect(b).toEqual(a);
    expect(await db().blob.count({ where: { sha256: a.sha256 } })).toBe(1);
  });

  it("stores the same content uploaded by several clients at once, once", async () => {
    const bytes = crypto.randomBytes(200_000);
    const results = await Promise.all(Array.from({ length: 6 }, () => ingestBlob(Readable.from([bytes]), { size: bytes.length, ...limit })));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await db().blob.count({ where: { sha256: results[0]!.sha256 } })).toBe(1);
    // The race itself: many recordings of one new blob at the same instant.
    const fresh = { sha256: crypto.randomBytes(32).toString("hex"), size: 1, gitOid: "0".repeat(40), binary: false };
    await Promise.all(Array.from({ length: 20 }, () => recordBlob(fresh)));
    expect(await db().blob.count({ where: { sha256: fresh.sha256 } })).toBe(1);
  });

  it("refuses bodies shorter or longer than declared, and keeps nothing of them", async () => {
    const bytes = crypto.randomBytes(1000);
    const sha = crypto.createHash("sha256").update(bytes).digest("hex");
    const before = await staged();
    await expect(ingestBlob(Readable.from([bytes]), { size: 1001, ...limit })).rejects.toMatchObject({ status: 400 });
    await expect(ingestBlob(Readable.from([bytes]), { size: 999, ...limit })).rejects.toMatchObject({ status: 400 });
    expect(await db().blob.findUnique({ where: { sha256: sha } })).toBeNull();
    expect(await stagingLeftovers(before)).toBe(0);
  });

  it("keeps nothing when the stream breaks mid-way", async () => {
    const broken = new Readable({
      read() {
        this.push(Buffer.alloc(1000, 1));
        this.destroy(new Error("connection reset"));
      },
    });
    const before = await staged();
    await expect(ingestBlob(broken, { size: 5000, ...limit })).rejects.toThrow();
    expect(await stagingLeftovers(before)).toBe(0);
  });

  it("refuses files over the size limit before reading them", async () => {
    await expect(ingestBlob(Readable.from([]), { size: 11, maxBytes: 10 })).rejects.toMatchObject({ status: 413 });
    await expect(ingestBlob(Readable.from([]), { size: Number.NaN, maxBytes: 10 })).rejects.toMatchObject({ status: 400 });
  });
});
