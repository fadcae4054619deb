// ONNX headers by range reads: structure without the weights, hostile files refused.
import { describe, expect, it } from "vitest";
import { readOnnxHeader } from "../../lib/formats/onnx";
import { tinyOnnx } from "../setup/onnx-writer";

const parse = (buf: Buffer) => readOnnxHeader(buf.length, async (s, e) => buf.subarray(s, e + 1));

function varint(n: number): Buffer {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n > 0x7f ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return Buffer.from(out);
}
const field = (num: number, payload: Buffer) => Buffer.concat([varint((num << 3) | 2), varint(payload.length), payload]);

describe("ONNX headers", () => {
  it("reads opsets, inputs, outputs, ops and parameters", async () => {
    const info = await parse(tinyOnnx());
    expect(info.irVersion).toBe(8);
    expect(info.producer).toBe("modelhub-tests 1.0");
    expect(info.opsets).toEqual([{ domain: "ai.onnx", version: 17 }]);
    expect(info.graphName).toBe("mlp");
    expect(info.inputs).toEqual([{ name: "x", type: "float32", shape: ["batch", 4] }]);
    expect(info.outputs).toEqual([{ name: "y", type: "float32", shape: ["batch", 3] }]);
    expect(info.nodeCount).toBe(3);
    expect(info.ops).toEqual([{ op: "Gemm", count: 2 }, { op: "Relu", count: 1 }]);
    expect(info.initializers).toBe(4);
    expect(info.parameters).toBe(32 + 8 + 24 + 3);
    expect(info.metadata).toEqual({ author: "tests" });
  });

  it("leaves initializers that are also listed as inputs out of the inputs (IR < 4)", async () => {
    expect((await parse(tinyOnnx({ initializerAsInput: true, irVersion: 3 }))).inputs.map((i) => i.name)).toEqual(["x"]);
  });

  it("never reads initializer payloads", async () => {
    const buf = tinyOnnx();
    // a second graph field (protobuf merges it) holding a 50 MB raw_data initializer
    const tensor = Buffer.concat([Buffer.from([0x08]), varint(12_500_000), field(8, Buffer.from("huge")), field(9, Buffer.alloc(50_000_000))]);
    const padded = Buffer.concat([buf, field(7, field(5, tensor))]);
    let read = 0;
    await readOnnxHeader(padded.length, async (s, e) => ((read += e - s + 1), padded.subarray(s, e + 1)));
    expect(read).toBeLessThan(3 * 1024 * 1024);
    expect((await parse(padded)).parameters).toBe(67 + 12_500_000);
  });

  it.each([
    ["an empty file", Buffer.alloc(0), /too short/],
    ["no graph", Buffer.from([0x08, 0x08, 0x12, 0x01, 0x61]), /no graph/],
    ["a field longer than the file", Buffer.concat([varint((7 << 3) | 2), varint(1000), Buffer.alloc(10)]), /longer than its message/],
    ["an unsupported wire type", Buffer.from([0x0f, 0x00]), /unsupported wire type 7/],
    ["a varint that never ends", Buffer.concat([Buffer.from([0x08]), Buffer.alloc(12, 0xff)]), /longer than 10 bytes/],
    ["an overflowing shape", Buffer.concat([Buffer.from([0x08, 0x08]), field(7, field(5, Buffer.concat([Buffer.from([0x08]), varint(2 ** 30), Buffer.from([0x08]), varint(2 ** 30)])))]), /overflows/],
    ["an IR version of 0", Buffer.concat([Buffer.from([0x08, 0x00]), field(7, field(2, Buffer.from("g")))]), /ir_version 0/],
    ["a PNG", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), /cannot parse/],
  ])("refuses %s", async (_n, buf, why) => {
    await expect(parse(buf)).rejects.toThrow(why);
  });
});
