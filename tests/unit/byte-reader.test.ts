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
    expect((await r.lineOf(100)).bytes.toString()).toBe("ghij");
    expect((await r.lineOf(100)).bytes.toString()).toBe("");
    expect(await r.peek()).toBe("k".charCodeAt(0));
    expect((await r.lineOf(100)).bytes.toString()).toBe("klm");
    expect(r.pos).toBe(16);
    expect(await r.take(5)).toBeNull(); // only 4 bytes left
    expect((await r.take(4))!.toString()).toBe("rest");
    expect(await r.atEnd()).toBe(true);
    expect(await r.skip(1)).toBe(false);
  });

  it("reads lines of any length, keeping only their head, and says when the data ends first", async () => {
    const r = ByteReader.from(chunked("x".repeat(50) + "\nafter", [7]));
    expect(await r.lineOf(10)).toMatchObject({ length: 50, kept: false, newline: true });
    expect((await r.take(5))!.toString()).toBe("after"); // the whole long line was stepped over
    expect(await ByteReader.from(chunked("no newline at all", [4])).lineOf(100)).toMatchObject({ length: 17, kept: true, newline: false });
    expect((await ByteReader.from(chunked("0123456789\n", [2])).lineOf(10)).bytes.toString()).toBe("0123456789");
  });

  it("peeks without consuming, hands over the rest as a stream, and reads all within a bound", async () => {
    const r = ByteReader.from(chunked("header:body", [3]));
    expect((await r.peekBytes(6)).toString()).toBe("header");
    expect((await r.take(7))!.toString()).toBe("header:");
    const rest: Buffer[] = [];
    for await (const c of r.stream()) rest.push(c as Buffer);
    expect(Buffer.concat(rest).toString()).toBe("body");
    expect(await ByteReader.from(chunked("0123456789", [4])).readAll(5)).toBeNull();
    expect((await ByteReader.from(chunked("0123456789", [4])).readAll(10))!.toString()).toBe("0123456789");
  });
});
