// TF.js model.json summaries and sharded safetensors checkpoints read as one.
import { describe, expect, it } from "vitest";
import { parseTfjsModel } from "../../lib/formats/tfjs";
import { readShardedSafetensors } from "../../lib/formats/sharded-safetensors";
import { safetensors } from "../setup/safetensors-writer";

const layersModel = {
  format: "layers-model",
  generatedBy: "keras v2.15",
  convertedBy: "TensorFlow.js Converter v4",
  modelTopology: {
    class_name: "Sequential",
    config: {
      name: "mlp",
      layers: [
        { class_name: "Dense", config: { name: "hidden", units: 8, activation: "relu", batch_input_shape: [null, 4], dtype: "float32" } },
        { class_name: "Dense", config: { name: "out", units: 3, activation: "softmax" } },
      ],
    },
  },
  weightsManifest: [
    { paths: ["group1-shard1of1.bin"], weights: [
      { name: "hidden/kernel", shape: [4, 8], dtype: "float32" },
      { name: "hidden/bias", shape: [8], dtype: "float32" },
      { name: "out/kernel", shape: [8, 3], dtype: "float32", quantization: { dtype: "uint8", min: -1, scale: 0.01 } },
      { name: "out/bias", shape: [3], dtype: "float32" },
    ] },
  ],
};

const graphModel = {
  format: "graph-model",
  modelTopology: { node: [
    { name: "input", op: "Placeholder" }, { name: "c1", op: "Conv2D" }, { name: "r1", op: "Relu" }, { name: "c2", op: "Conv2D" }, { name: "sm", op: "Softmax" },
  ] },
  signature: {
    inputs: { "input:0": { name: "input:0", dtype: "DT_FLOAT", tensorShape: { dim: [{ size: "-1" }, { size: "224" }, { size: "224" }, { size: "3" }] } } },
    outputs: { "sm:0": { name: "sm:0", dtype: "DT_FLOAT", tensorShape: { dim: [{ size: "-1" }, { size: "1000" }] } } },
  },
  weightsManifest: [{ paths: ["group1-shard1of2.bin", "group1-shard2of2.bin"], weights: [{ name: "c1/w", shape: [3, 3, 3, 16], dtype: "float32" }] }],
};

describe("TF.js model.json", () => {
  it("summarizes a layers model: layers, input shape, manifest, parameters", () => {
    const info = parseTfjsModel(JSON.stringify(layersModel));
    expect(info.format).toBe("layers-model");
    expect(info.className).toBe("Sequential");
    expect(info.layers).toEqual([
      { name: "hidden", className: "Dense", detail: "units=8, activation=relu" },
      { name: "out", className: "Dense", detail: "units=3, activation=softmax" },
    ]);
    expect(info.inputs).toEqual([{ name: "hidden", dtype: "float32", shape: [null, 4] }]);
    expect(info.outputs).toEqual([{ name: "out", dtype: "float32", shape: [null, 3] }]); // a Dense head declares its width
    expect(info.parameters).toBe(67);
    expect(info.weightBytes).toBe((32 + 8 + 3) * 4 + 24); // the quantized kernel is stored as uint8
    expect(info.shards).toEqual([{ path: "group1-shard1of1.bin", bytes: 196 }]);
    expect(info.weights[2]!.quantization).toBe("uint8");
  });

  it("summarizes a graph model: op counts and the signature", () => {
    const info = parseTfjsModel(JSON.stringify(graphModel));
    expect(info.format).toBe("graph-model");
    expect(info.nodeCount).toBe(5);
    expect(info.ops[0]).toEqual({ op: "Conv2D", count: 2 });
    expect(info.inputs).toEqual([{ name: "input:0", dtype: "float", shape: [null, 224, 224, 3] }]);
    expect(info.outputs).toEqual([{ name: "sm:0", dtype: "float", shape: [null, 1000] }]);
    expect(info.shards.map((s) => s.path)).toEqual(["group1-shard1of2.bin", "group1-shard2of2.bin"]);
  });

  const withWeights = (w: unknown) => JSON.stringify({ ...layersModel, weightsManifest: w });
  it.each([
    ["not JSON", "{nope", /not valid JSON/],
    ["duplicate keys", '{"modelTopology":{},"modelTopology":{}}', /duplicate key/],
    ["no topology", "{}", /no modelTopology/],
    ["a layers model without layers", JSON.stringify({ modelTopology: { class_name: "Sequential", config: {} } }), /no layer list/],
    ["a shard path with ..", withWeights([{ paths: ["../../etc/passwd"], weights: [] }]), /not a relative file name/],
    ["a shard URL", withWeights([{ paths: ["https://evil.example/w.bin"], weights: [] }]), /not a relative file name/],
    ["an absolute shard path", withWeights([{ paths: ["/w.bin"], weights: [] }]), /not a relative file name/],
    ["a negative dimension", withWeights([{ paths: ["a.bin"], weights: [{ name: "w", shape: [-1], dtype: "float32" }] }]), /invalid shape/],
    ["an overflowing shape", withWeights([{ paths: ["a.bin"], weights: [{ name: "w", shape: [2 ** 30, 2 ** 30, 2 ** 30], dtype: "float32" }] }]), /overflows/],
    ["an unknown dtype", withWeights([{ paths: ["a.bin"], weights: [{ name: "w", shape: [1], dtype: "float128" }] }]), /unsupported dtype/],
    ["a manifest that is not a list", withWeights({}), /not a list/],
    ["deep nesting", "[".repeat(200) + "]".repeat(200), /nesting deeper/],
  ])("refuses %s", (_n, text, why) => {
    expect(() => parseTfjsModel(text)).toThrow(why);
  });
});

describe("sharded safetensors", () => {
  const shard1 = safetensors({ "a.weight": { shape: [2, 2] }, "a.bias": { shape: [2] } });
  const shard2 = safetensors({ "b.weight": { shape: [3] } });
  const files: Record<string, Buffer> = { "model-00001-of-00002.safetensors": shard1, "model-00002-of-00002.safetensors": shard2 };
  const find = async (p: string) => (files[p] ? { sha256: p, size: files[p]!.length } : null);
  const read = async (sha: string, s: number, e: number) => files[sha]!.subarray(s, e + 1);
  const index = (map: Record<string, string>, total?: number) => JSON.stringify({ metadata: total === undefined ? {} : { total_size: total }, weight_map: map });
  const goodMap = { "a.weight": "model-00001-of-00002.safetensors", "a.bias": "model-00001-of-00002.safetensors", "b.weight": "model-00002-of-00002.safetensors" };

  it("combines the shards into one tensor list with per-dtype parameters", async () => {
    const info = await readShardedSafetensors(index(goodMap, 36), find, read);
    expect(info.problems).toEqual([]);
    expect(info.tensors.map((t) => `${t.file}:${t.name}`)).toEqual([
      "model-00001-of-00002.safetensors:a.weight", "model-00001-of-00002.safetensors:a.bias", "model-00002-of-00002.safetensors:b.weight",
    ]);
    expect(info.parameters).toEqual({ F32: 9 });
    expect(info.shards.map((s) => s.tensors)).toEqual([2, 1]);
  });

  it("reports disagreements between the index and the shards", async () => {
    const info = await readShardedSafetensors(
      index({ "a.weight": "model-00001-of-00002.safetensors", "b.weight": "model-00001-of-00002.safetensors", "c": "model-00003-of-00003.safetensors" }),
      find,
      read,
    );
    expect(info.problems).toEqual([
      "a.bias is in model-00001-of-00002.safetensors but not in the index",
      "model-00003-of-00003.safetensors is named by the index but is not in the repo",
      "b.weight is in the index but not in model-00001-of-00002.safetensors",
    ]);
  });

  it("reports a total_size that does not match", async () => {
    expect((await readShardedSafetensors(index(goodMap, 999), find, read)).problems).toEqual(["metadata.total_size is 999 but the shards hold 36 bytes of tensors"]);
  });

  it.each([
    ["no weight_map", "{}", /no weight_map/],
    ["a shard outside the folder", index({ x: "../other/model.safetensors" }), /not a .safetensors file next to the index/],
    ["a shard that is not safetensors", index({ x: "pytorch_model.bin" }), /not a .safetensors file/],
  ])("refuses an index with %s", async (_n, text, why) => {
    await expect(readShardedSafetensors(text, find, read)).rejects.toThrow(why);
  });
});
