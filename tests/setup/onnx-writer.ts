// Builds real ONNX ModelProto bytes with protobufjs from a subset of onnx.proto.
import protobuf from "protobufjs";

const root = protobuf.parse(`
syntax = "proto2";
package onnx;
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message TensorShapeProto { message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } } repeated Dimension dim = 1; }
message TypeProto { message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; } oneof value { Tensor tensor_type = 1; } }
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message AttributeProto { optional string name = 1; optional int64 i = 3; optional TensorProto t = 5; }
message TensorProto { repeated int64 dims = 1; optional int32 data_type = 2; optional string name = 8; optional bytes raw_data = 9; }
message NodeProto { repeated string input = 1; repeated string output = 2; optional string name = 3; optional string op_type = 4; repeated AttributeProto attribute = 5; optional string domain = 7; }
message GraphProto { repeated NodeProto node = 1; optional string name = 2; repeated TensorProto initializer = 5; repeated ValueInfoProto input = 11; repeated ValueInfoProto output = 12; }
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message ModelProto { optional int64 ir_version = 1; optional string producer_name = 2; optional string producer_version = 3; optional GraphProto graph = 7; repeated OperatorSetIdProto opset_import = 8; repeated StringStringEntryProto metadata_props = 14; }
`).root;

export const ModelProto = root.lookupType("onnx.ModelProto");

const value = (name: string, dims: (number | string)[]) => ({
  name,
  type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) } } },
});

/** A two-layer MLP: Gemm → Relu → Gemm, weights as raw_data initializers. */
export function tinyOnnx(opts: { irVersion?: number; initializerAsInput?: boolean } = {}): Buffer {
  const init = (name: string, dims: number[]) => ({ name, dims, dataType: 1, rawData: Buffer.alloc(dims.reduce((a, b) => a * b, 1) * 4, 1) });
  const inits = [init("w1", [4, 8]), init("b1", [8]), init("w2", [8, 3]), init("b2", [3])];
  const msg = ModelProto.create({
    irVersion: opts.irVersion ?? 8,
    producerName: "modelhub-tests",
    producerVersion: "1.0",
    opsetImport: [{ domain: "", version: 17 }],
    metadataProps: [{ key: "author", value: "tests" }],
    graph: {
      name: "mlp",
      node: [
        { opType: "Gemm", input: ["x", "w1", "b1"], output: ["h"], name: "gemm1" },
        { opType: "Relu", input: ["h"], output: ["r"] },
        { opType: "Gemm", input: ["r", "w2", "b2"], output: ["y"], attribute: [{ name: "transB", i: 0 }] },
      ],
      initializer: inits,
      input: [value("x", ["batch", 4]), ...(opts.initializerAsInput ? [value("w1", [4, 8])] : [])],
      output: [value("y", ["batch", 3])],
    },
  });
  return Buffer.from(ModelProto.encode(msg).finish());
}
