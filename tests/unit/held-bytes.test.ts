// Bytes held in reusable slabs: what goes in comes out in order, across slab edges,
// and nothing from a slab's earlier use shows through.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { HeldBytes } from "../../lib/uploads/held-bytes";

const joined = (h: HeldBytes) => Buffer.concat([...h.views()]);

describe("held bytes", () => {
  it("gives back what was appended, in order, across slab edges", () => {
    const h = new HeldBytes();
    const pieces = [crypto.randomBytes(1000), crypto.randomBytes((1 << 20) - 1000), crypto.randomBytes(1), crypto.randomBytes(3 << 20), crypto.randomBytes(65536)];
    for (const p of pieces) h.append(p);
    expect(h.length).toBe(pieces.reduce((n, p) => n + p.length, 0));
    expect(joined(h).equals(Buffer.concat(pieces))).toBe(true);
    h.release();
    expect(h.length).toBe(0);
    expect([...h.views()]).toEqual([]);
  });

  it("shows only what was written into a reused slab", () => {
    const first = new HeldBytes();
    first.append(Buffer.alloc(1 << 20, 0xaa)); // a full slab, then given back
    first.release();
    const next = new HeldBytes();
    const small = crypto.randomBytes(10);
    next.append(small);
    expect(joined(next).equals(small)).toBe(true);
    next.release();
  });
});
