// Forward reads over chunked streams: takes, skips and lines that cross chunk boundaries.
import { describe, expect, it } from "vitest";
import { ByteReader } from "../../lib/scan/byte-reader";

async function* chunked(text: string, sizes: number[]) {
  const buf = Buffer.from(text);
  let i = 0;
  for (let k = 0; i < buf.length; k++) {
    const n = sizes[k % sizes.length]!;
    yield buf.subarray(i, i + n);
    i += n;
  }
}

describe("ByteReader", () => {
  it("takes, skips and reads lines across chunk boundaries", async () => {
    const r = ByteReader.from(chunked("abcdefghij\n\nklm\nrest", [3, 1, 5]));
    expect((await r.take(4))!.toString()).toBe("abcd");
    expect(await r.skip(2)).toBe(true);
    expect((await r.line(100))!.toString()).toBe("ghij");
    expect((await r.line(100))!.toString()).toBe("");
    expect(await r.peek()).toBe("k".charCodeAt(0));
    expect((await r.line(100))!.toString()).toBe("klm");
    expect(r.pos).toBe(16);
    expect(await r.take(5)).toBeNull(); // only 4 bytes left
    expect((await r.take(4))!.toString()).toBe("rest");
    expect(await r.atEnd()).toBe(true);
    expect(await r.skip(1)).toBe(false);
  });

  it("refuses lines longer than the limit and lines without a newline", async () => {
    expect(await ByteReader.from(chunked("x".repeat(50) + "\n", [7])).line(10)).toBeNull();
    expect(await ByteReader.from(chunked("no newline at all", [4])).line(100)).toBeNull();
    expect((await ByteReader.from(chunked("0123456789\n", [2])).line(10))!.toString()).toBe("0123456789");
  });
});
