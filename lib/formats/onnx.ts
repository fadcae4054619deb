// ONNX model headers without loading the weights: the ModelProto and GraphProto
// are walked field by field over range reads, initializer payloads are stepped
// over, and the small messages (inputs, outputs, opsets) are decoded with
// protobufjs from a subset of onnx.proto.
import protobuf from "protobufjs";
import { RangeCursor, type ReadRange } from "./range-cursor";
import { FormatError } from "./safetensors";

const SCHEMA = `
syntax = "proto2";
package onnx;
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } optional string denotation = 3; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  message Sequence { optional TypeProto elem_type = 1; }
  message Map { optional int32 key_type = 1; optional TypeProto value_type = 2; }
  oneof value { Tensor tensor_type = 1; Sequence sequence_type = 4; Map map_type = 5; Tensor sparse_tensor_type = 8; }
  optional string denotation = 6;
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; optional string doc_string = 3; }
`;

const root = protobuf.parse(SCHEMA).root;
const OpsetId = root.lookupType("onnx.OperatorSetIdProto");
const Entry = root.lookupType("onnx.StringStringEntryProto");
const ValueInfo = root.lookupType("onnx.ValueInfoProto");

export const ELEM_TYPES: Record<number, [string, number]> = {
  1: ["float32", 4], 2: ["uint8", 1], 3: ["int8", 1], 4: ["uint16", 2], 5: ["int16", 2], 6: ["int32", 4], 7: ["int64", 8], 8: ["string", 0],
  9: ["bool", 1], 10: ["float16", 2], 11: ["float64", 8], 12: ["uint32", 4], 13: ["uint64", 8], 14: ["complex64", 8], 15: ["complex128", 16],
  16: ["bfloat16", 2], 17: ["float8e4m3fn", 1], 18: ["float8e4m3fnuz", 1], 19: ["float8e5m2", 1], 20: ["float8e5m2fnuz", 1], 21: ["uint4", 0.5], 22: ["int4", 0.5], 23: ["float4e2m1", 0.5],
};

export type OnnxValue = { name: string; type: string; shape: (number | string | null)[] | null };
export type OnnxInfo = {
  irVersion: number;
  producer: string;
  opsets: { domain: string; version: number }[];
  graphName: string;
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  nodeCount: number;
  ops: { op: string; count: number }[];
  initializers: number;
  parameters: number;
  externalData: boolean;
  metadata: Record<string, string>;
};

const MAX_SMALL_MESSAGE = 1 << 20; // inputs, outputs, opsets, names
const MAX_DECODED_BYTES = 64 * 1024 * 1024; // all small messages together
const MAX_NODES = 5_000_000;
const MAX_LISTED = 256;

type Field = { field: number; wire: number; start: number; end: number };

class Walker {
  decoded = 0;
  constructor(readonly c: RangeCursor) {}

  /** Next field header inside [.., end): its number, wire type and payload bounds. */
  async next(end: number): Promise<Field | null> {
    if (this.c.pos >= end) return null;
    const key = await this.c.varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new FormatError(`cannot parse: field number 0 at byte ${this.c.pos}`);
    const start = this.c.pos;
    if (wire === 2) {
      const len = await this.c.varint();
      if (len > BigInt(end - this.c.pos)) throw new FormatError(`cannot parse: a field at byte ${start} is longer than its message`);
      return { field, wire, start: this.c.pos, end: this.c.pos + Number(len) };
    }
    if (wire === 0) return { field, wire, start, end: start }; // value read by the caller or skipped
    if (wire === 1) return { field, wire, start, end: start + 8 };
    if (wire === 5) return { field, wire, start, end: start + 4 };
    throw new FormatError(`cannot parse: unsupported wire type ${wire} at byte ${start}`);
  }

  async finish(f: Field): Promise<void> {
    if (f.wire === 0) await this.c.varint();
    else this.c.skip(f.end - this.c.pos);
  }

  async bytes(f: Field): Promise<Buffer> {
    const n = f.end - f.start;
    if (n > MAX_SMALL_MESSAGE) throw new FormatError(`cannot parse: a ${n}-byte field at byte ${f.start} where a small one was expected`);
    this.decoded += n;
    if (this.decoded > MAX_DECODED_BYTES) throw new FormatError("cannot parse: the graph description is over 64 MiB");
    return Buffer.from(await this.c.take(n));
  }

  async text(f: Field): Promise<string> {
    if (f.wire !== 2) throw new FormatError(`cannot parse: expected a string at byte ${f.start}`);
    return (await this.bytes(f)).toString("utf8");
  }

  async int(f: Field): Promise<bigint> {
    if (f.wire !== 0) throw new FormatError(`cannot parse: expected an integer at byte ${f.start}`);
    return this.c.varint();
  }
}

function decode<T>(type: protobuf.Type, buf: Buffer, what: string): T {
  try {
    return type.toObject(type.decode(buf), { longs: Number, defaults: false, oneofs: true }) as T;
  } catch (e) {
    throw new FormatError(`cannot parse: ${what} is not a valid protobuf message (${(e as Error).message})`);
  }
}

export async function readOnnxHeader(fileSize: number, read: ReadRange): Promise<OnnxInfo> {
  if (fileSize < 2) throw new FormatError("cannot parse: file is too short to be an ONNX model");
  const w = new Walker(new RangeCursor(read, fileSize, fileSize));
  const info: OnnxInfo = { irVersion: 0, producer: "", opsets: [], graphName: "", inputs: [], outputs: [], nodeCount: 0, ops: [], initializers: 0, parameters: 0, externalData: false, metadata: {} };
  let sawGraph = false;
  let f: Field | null;
  while ((f = await w.next(fileSize))) {
    if (f.field === 1) info.irVersion = Number(await w.int(f));
    else if (f.field === 2) info.producer = (await w.text(f)) + info.producer;
    else if (f.field === 3) info.producer += ` ${await w.text(f)}`;
    else if (f.field === 8 && f.wire === 2) {
      const o = decode<{ domain?: string; version?: number }>(OpsetId, await w.bytes(f), "an opset_import");
      info.opsets.push({ domain: o.domain || "ai.onnx", version: Number(o.version ?? 0) });
    } else if (f.field === 14 && f.wire === 2) {
      const e = decode<{ key?: string; value?: string }>(Entry, await w.bytes(f), "a metadata_props entry");
      if (e.key && Object.keys(info.metadata).length < MAX_LISTED) info.metadata[e.key] = e.value ?? "";
    } else if (f.field === 7 && f.wire === 2) {
      sawGraph = true;
      await readGraph(w, f.end, info);
    } else await w.finish(f);
  }
  if (!sawGraph) throw new FormatError("cannot parse: no graph in this ONNX model");
  if (info.irVersion < 1 || info.irVersion > 100) throw new FormatError(`cannot parse: ir_version ${info.irVersion} is not an ONNX IR version`);
  return info;
}

async function readGraph(w: Walker, end: number, info: OnnxInfo) {
  const counts = new Map<string, number>();
  const initNames = new Set<string>();
  const inputs: OnnxValue[] = [];
  let f: Field | null;
  while ((f = await w.next(end))) {
    if (f.field === 1 && f.wire === 2) {
      if (++info.nodeCount > MAX_NODES) throw new FormatError("cannot parse: more than 5,000,000 nodes");
      const op = await nodeOp(w, f.end);
      counts.set(op, (counts.get(op) ?? 0) + 1);
    } else if (f.field === 2) info.graphName = await w.text(f);
    else if (f.field === 5 && f.wire === 2) {
      info.initializers++;
      const t = await readInitializer(w, f.end);
      initNames.add(t.name);
      info.parameters += t.elements;
      info.externalData ||= t.external;
    } else if ((f.field === 11 || f.field === 12) && f.wire === 2) {
      const v = valueInfo(decode(ValueInfo, await w.bytes(f), "a graph input/output"));
      if (f.field === 11) inputs.push(v);
      else if (info.outputs.length < MAX_LISTED) info.outputs.push(v);
    } else await w.finish(f);
  }
  // Before IR 4, initializers were also listed as inputs; the real inputs are the rest.
  info.inputs = inputs.filter((v) => !initNames.has(v.name)).slice(0, MAX_LISTED);
  info.ops = [...counts].map(([op, count]) => ({ op, count })).sort((a, b) => b.count - a.count || a.op.localeCompare(b.op));
}

async function nodeOp(w: Walker, end: number): Promise<string> {
  let op = "?";
  let domain = "";
  let f: Field | null;
  while ((f = await w.next(end))) {
    if (f.field === 4) op = await w.text(f);
    else if (f.field === 7) domain = await w.text(f);
    else await w.finish(f);
  }
  return domain && domain !== "ai.onnx" ? `${domain}.${op}` : op;
}

async function readInitializer(w: Walker, end: number): Promise<{ name: string; elements: number; external: boolean }> {
  let elements = 1;
  let name = "";
  let external = false;
  let f: Field | null;
  while ((f = await w.next(end))) {
    if (f.field === 1 && f.wire === 0) elements = mul(elements, await w.int(f));
    else if (f.field === 1 && f.wire === 2) {
      const stop = f.end; // packed dims
      while (w.c.pos < stop) elements = mul(elements, await w.c.varint());
    } else if (f.field === 8) name = await w.text(f);
    else if (f.field === 14 && f.wire === 0) external = (await w.int(f)) === 1n;
    else await w.finish(f); // raw_data and typed data are stepped over, never read
  }
  return { name, elements, external };
}

function mul(a: number, d: bigint): number {
  if (d < 0n || d > BigInt(Number.MAX_SAFE_INTEGER)) throw new FormatError("cannot parse: an initializer has an absurd dimension");
  const out = a * Number(d);
  if (!Number.isSafeInteger(out)) throw new FormatError("cannot parse: an initializer's shape overflows");
  return out;
}

type DecodedValueInfo = { name?: string; type?: { tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: number; dimParam?: string }[] } }; value?: string } };

function valueInfo(v: DecodedValueInfo): OnnxValue {
  const t = v.type?.tensorType;
  if (!t) return { name: v.name ?? "?", type: v.type?.value ?? "unknown", shape: null };
  const shape = t.shape?.dim ? t.shape.dim.slice(0, 32).map((d) => d.dimValue ?? d.dimParam ?? null) : null;
  return { name: v.name ?? "?", type: ELEM_TYPES[t.elemType ?? 0]?.[0] ?? `type ${t.elemType}`, shape };
}
