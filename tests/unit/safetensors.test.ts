// Table-driven: valid headers parse; hostile ones give "cannot parse: why" quickly.
import { describe, expect, it } from "vitest";
import { readSafetensorsHeader } from "../../lib/formats/safetensors";
import { parseStrictJson } from "../../lib/formats/strict-json";
import { tinySafetensors } from "../../lib/demo/seed-demo";

function file(header: string | Buffer, dataBytes = 0, declared?: bigint): Buffer {
  const h = Buffer.isBuffer(header) ? header : Buffer.from(header);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(declared ?? BigInt(h.length));
  return Buffer.concat([len, h, Buffer.alloc(dataBytes)]);
}

const parse = (buf: Buffer) => readSafetensorsHeader(buf.length, async (s, e) => buf.subarray(s, e + 1));
const t = (o: object) => JSON.stringify(o);

describe("safetensors headers", () => {
  it("reads tensors, parameter counts per dtype and metadata", async () => {
    const info = await parse(tinySafetensors());
    expect(info.tensors.map((x) => x.name).sort()).toEqual(["dense.bias", "dense.weight", "out.bias", "out.weight"]);
    expect(info.parameters).toEqual({ F32: 8 + 32 + 3 + 24 });
    expect(info.total).toBe(67);
    expect(info.metadata).toEqual({ format: "pt" });
  });

  it("reads a header with one range read of the first 64 KiB when it fits there, with two when it is larger, and no further", async () => {
    const asked: [number, number][] = [];
    const reader = (buf: Buffer) => async (s: number, e: number) => (asked.push([s, e]), buf.subarray(s, e + 1));
    const small = file(t({ w: { dtype: "F32", shape: [500_000], data_offsets: [0, 2_000_000] } }), 2_000_000);
    expect((await readSafetensorsHeader(small.length, reader(small))).total).toBe(500_000);
    expect(asked).toEqual([[0, 65535]]); // a round trip saved: on S3 each range read is a request
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`model.layers.${i}.self_attn.q_proj.weight`, { dtype: "F32", shape: [1], data_offsets: [i * 4, i * 4 + 4] }]));
    const big = file(t(many), 8000);
    const headerEnd = big.length - 8000;
    asked.length = 0;
    expect((await readSafetensorsHeader(big.length, reader(big))).tensors).toHaveLength(2000);
    expect(asked).toEqual([[0, 65535], [65536, headerEnd - 1]]);
    asked.length = 0;
    const tiny = file(t({ w: { dtype: "F16", shape: [2], data_offsets: [0, 4] } }), 4);
    await readSafetensorsHeader(tiny.length, reader(tiny));
    expect(asked).toEqual([[0, tiny.length - 1]]); // never past the end
  });

  const ok = { dtype: "F32", shape: [2], data_offsets: [0, 8] };
  it.each([
    ["a file shorter than 8 bytes", Buffer.alloc(5), "shorter than"],
    ["a header length larger than the file", file("{}", 0, 1000n), "larger than the file"],
    ["a header over 100 MB", file("{}", 0, 200_000_000n), "over the 100 MB"],
    ["a header length of 2^64-1", file("{}", 0, 2n ** 64n - 1n), "over the 100 MB"],
    ["an empty header", file("", 0, 0n), "empty"],
    ["non-UTF-8 bytes", file(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), "not UTF-8"],
    ["not JSON", file("{nope"), "not valid JSON"],
    ["a JSON array", file("[1,2]"), "not a JSON object"],
    ["duplicate keys", file('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}', 8), "duplicate key"],
    ["deep nesting", file("[".repeat(5000) + "]".repeat(5000)), "nesting deeper"],
    ["an unknown dtype", file(t({ w: { ...ok, dtype: "F128" } }), 8), "unknown dtype"],
    ["a negative dimension", file(t({ w: { ...ok, shape: [-2] } }), 8), "invalid shape"],
    ["a fractional dimension", file(t({ w: { ...ok, shape: [1.5] } }), 8), "invalid shape"],
    ["too many dimensions", file(t({ w: { ...ok, shape: Array(40).fill(1) } }), 8), "invalid shape"],
    ["a shape product that overflows", file(t({ w: { ...ok, shape: [2 ** 52, 2 ** 52, 2 ** 52] } }), 8), "does not fit"],
    ["a shape that does not match its bytes", file(t({ w: { ...ok, shape: [3] } }), 8), "does not fit"],
    ["offsets out of range", file(t({ w: { ...ok, data_offsets: [0, 8] } }), 4), "past the end"],
    ["reversed offsets", file(t({ w: { ...ok, data_offsets: [8, 0] } }), 8), "invalid data_offsets"],
    ["offsets of the wrong arity", file(t({ w: { ...ok, data_offsets: [0] } }), 8), "invalid data_offsets"],
    ["overlapping tensors", file(t({ a: ok, b: { ...ok, data_offsets: [4, 12] } }), 16), "overlap"],
    ["a non-object tensor", file(t({ w: 5 }), 8), "not an object"],
    ["non-string metadata", file(t({ __metadata__: { a: 1 } })), "__metadata__.a"],
    ["array metadata", file(t({ __metadata__: ["x"] })), "__metadata__ is not"],
    ["trailing garbage", file('{"a":1} x'), "not valid JSON"],
    ["an unterminated string", file('{"a'), "not valid JSON"],
  ])("refuses %s", async (_what, buf, why) => {
    await expect(parse(buf)).rejects.toThrow(why);
  });
});

describe("strict JSON", () => {
  it("matches JSON.parse on ordinary input", () => {
    const v = { a: [1, -2.5e3, true, null, 'quote " backslash \\ accent \u00e9'], b: { c: {} } };
    expect(parseStrictJson(JSON.stringify(v))).toEqual(JSON.parse(JSON.stringify(v)));
  });
});
