// The hash of an S3 multipart upload taken from its parts as they pass through the
// hub: what it vouches for at completion, and what it must leave to a read-back.
import crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { forget, heldBytes, partStarting, takeDigests } from "../../lib/uploads/relay-hash";

const CHUNK = 1000;
const SIZE = 3 * CHUNK - 10; // three parts, the last one short
const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
const gitOid = (b: Buffer) => crypto.createHash("sha1").update(`blob ${b.length}\0`).update(b).digest("hex");

function upload() {
  const id = crypto.randomUUID();
  const content = crypto.randomBytes(SIZE);
  const part = (n: number, bytes = content) => bytes.subarray((n - 1) * CHUNK, Math.min(n * CHUNK, SIZE));
  const etags = new Map<number, string>();
  /** Part n relayed in two pieces, as a socket delivers it; `fail` ends it as a refused write instead. */
  const send = (n: number, opts: { bytes?: typeof content; fail?: boolean } = {}) => {
    const w = partStarting(id, SIZE, CHUNK, n);
    const b = part(n, opts.bytes);
    w.bytes(b.subarray(0, 300));
    w.bytes(b.subarray(300));
    if (opts.fail) return w.failed();
    const etag = `"${crypto.createHash("md5").update(b).digest("hex")}"`;
    etags.set(n, etag);
    w.sent(etag);
  };
  const joined = () => [...etags].map(([partNumber, etag]) => ({ partNumber, etag }));
  return { id, content, send, joined };
}

describe("relay hash", () => {
  it("digests the whole object whatever order the parts arrive in, holding nothing afterwards", () => {
    for (const order of [[1, 2, 3], [3, 2, 1], [2, 3, 1]]) {
      const u = upload();
      for (const n of order) u.send(n);
      const d = takeDigests(u.id, 3, u.joined())!;
      expect(d.through).toBe(SIZE);
      expect(d.h.sha256.digest("hex")).toBe(sha256(u.content));
      expect(d.h.sha1.digest("hex")).toBe(gitOid(u.content));
      expect(d.h.sample.equals(u.content.subarray(0, 512))).toBe(true);
      expect(heldBytes()).toBe(0);
    }
  });

  it("takes out the bytes of a part whose write failed, so the same part sent again counts once", () => {
    const u = upload();
    u.send(1, { fail: true }); // folded in as it arrived, then refused by the bucket
    u.send(3);
    u.send(1);
    u.send(2, { fail: true });
    u.send(2);
    const d = takeDigests(u.id, 5, u.joined())!;
    expect(d.through).toBe(SIZE);
    expect(d.h.sha256.digest("hex")).toBe(sha256(u.content));
  });

  it("covers only the leading parts it saw: the rest is left to a read from there", () => {
    const u = upload();
    u.send(1);
    u.send(3); // part 2 went through another process, or this one restarted
    const d = takeDigests(u.id, 2, u.joined())!;
    expect(d.through).toBe(CHUNK);
    d.h.sha256.update(u.content.subarray(CHUNK)); // what the completion reads back
    expect(d.h.sha256.digest("hex")).toBe(sha256(u.content));
    expect(heldBytes()).toBe(0);
  });

  it("vouches for nothing when a hashed part was sent again, when writes went elsewhere, or when the bucket joined other parts", () => {
    const again = upload();
    again.send(1);
    again.send(2);
    again.send(3);
    const first = again.joined();
    again.send(1, { bytes: crypto.randomBytes(SIZE) }); // the bucket now holds other bytes for part 1
    // even if the ETags named are the first ones (an MD5 collision would make the bucket take them)
    expect(takeDigests(again.id, 4, first)).toBeNull();

    const elsewhere = upload();
    for (const n of [1, 2, 3]) elsewhere.send(n);
    expect(takeDigests(elsewhere.id, 4, elsewhere.joined())).toBeNull(); // the database counted a fourth write

    const other = upload();
    for (const n of [1, 2, 3]) other.send(n);
    const joined = other.joined().map((p) => (p.partNumber === 2 ? { ...p, etag: '"0000"' } : p));
    expect(takeDigests(other.id, 3, joined)).toBeNull();
    expect(takeDigests(other.id, 3, other.joined())).toBeNull(); // taken once: a retried completion reads back
  });

  it("holds a bounded amount for parts waiting their turn; past it, those parts are read back", () => {
    const big = 100 * 1024 * 1024;
    const id = crypto.randomUUID();
    const piece = Buffer.alloc(1024 * 1024, 7); // the same piece sent again and again: the count is what is bounded
    const writers = [1, 2, 3, 4].map((n) => partStarting(id, 4 * big, big, n));
    for (const n of [2, 3, 4]) for (let i = 0; i < 100; i++) writers[n - 1]!.bytes(piece);
    expect(heldBytes()).toBeLessThanOrEqual(256 * 1024 * 1024);
    expect(heldBytes()).toBeGreaterThan(0);
    for (const n of [2, 3, 4]) writers[n - 1]!.sent(`"${n}"`);
    for (let i = 0; i < 100; i++) writers[0]!.bytes(piece);
    writers[0]!.sent('"1"');
    const d = takeDigests(id, 4, [1, 2, 3, 4].map((n) => ({ partNumber: n, etag: `"${n}"` })))!;
    expect(d.through).toBe(3 * big); // parts 2 and 3 were held (200 MiB); part 4 would have passed the bound, so hashing stops before it
    expect(heldBytes()).toBe(0);
    forget(id);
  });

  it("an upload that went quiet gives up what it holds when another needs the room", () => {
    const big = 100 * 1024 * 1024;
    const piece = Buffer.alloc(1024 * 1024, 9);
    const fill = (w: ReturnType<typeof partStarting>) => {
      for (let i = 0; i < 100; i++) w.bytes(piece);
      w.sent('"x"');
    };
    vi.useFakeTimers({ now: Date.now(), toFake: ["Date"] });
    try {
      const quiet = crypto.randomUUID();
      fill(partStarting(quiet, 3 * big, big, 2));
      fill(partStarting(quiet, 3 * big, big, 3)); // 200 MiB held, waiting for a part 1 that never comes
      vi.setSystemTime(Date.now() + 6 * 60_000);
      const busy = crypto.randomUUID();
      fill(partStarting(busy, 2 * big, big, 2)); // needs 100 MiB more than the bound leaves
      fill(partStarting(busy, 2 * big, big, 1));
      expect(takeDigests(busy, 2, [1, 2].map((n) => ({ partNumber: n, etag: '"x"' })))!.through).toBe(2 * big);
      expect(takeDigests(quiet, 2, [])).toBeNull(); // its completion reads everything back
      expect(heldBytes()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
