// TF.js model.json: what kind of model (layers or graph), a topology summary,
// the weight manifest (shards, tensors, parameter count) and the input/output
// signature. The JSON is untrusted: strict parsing, bounded sizes, checked paths.
import { FormatError } from "./safetensors";
import { parseStrictJson, StrictJsonError } from "./strict-json";

export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;
const MAX_LISTED_LAYERS = 2000;

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8, float16: 2, uint8: 1, uint16: 2, int8: 1, int16: 2 };

export type TfjsSignature = { name: string; dtype: string; shape: (number | null)[] | null };
export type TfjsInfo = {
  format: "layers-model" | "graph-model";
  generatedBy: string | null;
  convertedBy: string | null;
  className: string | null;
  layers: { name: string; className: string; detail: string }[];
  layerCount: number;
  ops: { op: string; count: number }[];
  nodeCount: number;
  inputs: TfjsSignature[];
  outputs: TfjsSignature[];
  shards: { path: string; bytes: number }[]; // bytes the manifest expects in each shard group
  weights: { name: string; dtype: string; shape: number[]; quantization: string | null }[];
  parameters: number;
  weightBytes: number;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

function shapeOf(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || v.length > 32 || !v.every((d) => Number.isSafeInteger(d) && d >= 0)) throw new FormatError(`cannot parse: ${where} has an invalid shape`);
  return v as number[];
}

export function parseTfjsModel(text: string): TfjsInfo {
  let doc: unknown;
  try {
    doc = parseStrictJson(text, 96);
  } catch (e) {
    throw new FormatError(`cannot parse: model.json is not valid JSON (${e instanceof StrictJsonError ? e.message : "syntax error"})`);
  }
  if (!isObj(doc)) throw new FormatError("cannot parse: model.json is not a JSON object");
  const topology = doc.modelTopology;
  if (!isObj(topology)) throw new FormatError("cannot parse: model.json has no modelTopology object");
  const graph = Array.isArray(topology.node) || doc.format === "graph-model";
  const info: TfjsInfo = {
    format: graph ? "graph-model" : "layers-model",
    generatedBy: str(doc.generatedBy),
    convertedBy: str(doc.convertedBy),
    className: null, layers: [], layerCount: 0, ops: [], nodeCount: 0, inputs: [], outputs: [],
    shards: [], weights: [], parameters: 0, weightBytes: 0,
  };
  if (graph) readGraph(topology, doc, info);
  else readLayers(topology, info);
  readManifest(doc.weightsManifest, info);
  return info;
}

function readLayers(topology: Obj, info: TfjsInfo) {
  const model = isObj(topology.model_config) ? topology.model_config : topology;
  info.className = str(model.class_name);
  const config = model.config;
  const layers = Array.isArray(config) ? config : isObj(config) && Array.isArray(config.layers) ? config.layers : null;
  if (!layers) throw new FormatError("cannot parse: the layers model has no layer list");
  info.layerCount = layers.length;
  for (const [k, l] of layers.entries()) {
    if (!isObj(l)) throw new FormatError(`cannot parse: layer ${k} is not an object`);
    const c = isObj(l.config) ? l.config : {};
    if (k < MAX_LISTED_LAYERS) info.layers.push({ name: str(c.name) ?? str(l.name) ?? `layer_${k}`, className: str(l.class_name) ?? "?", detail: layerDetail(c) });
    const input = c.batch_input_shape ?? c.batch_shape;
    if (Array.isArray(input) && (k === 0 || l.class_name === "InputLayer")) {
      info.inputs.push({ name: str(c.name) ?? `input_${k}`, dtype: str(c.dtype) ?? "float32", shape: input.map((d) => (Number.isSafeInteger(d) ? (d as number) : null)) });
    }
  }
  const last = layers[layers.length - 1];
  if (isObj(last) && isObj(last.config)) info.outputs.push({ name: str(last.config.name) ?? "output", dtype: str(last.config.dtype) ?? "float32", shape: lastLayerShape(last.config) });
}

/** The output shape a final layer declares by itself (Dense units, Reshape target), or null when it depends on its input. */
function lastLayerShape(c: Obj): (number | null)[] | null {
  if (Number.isSafeInteger(c.units)) return [null, c.units as number];
  const target = c.target_shape;
  if (Array.isArray(target) && target.every((d) => Number.isSafeInteger(d))) return [null, ...(target as number[])];
  return null;
}

function layerDetail(c: Obj): string {
  const bits: string[] = [];
  for (const key of ["units", "filters", "kernel_size", "strides", "pool_size", "rate", "activation", "input_dim", "output_dim", "target_shape"]) {
    const v = c[key];
    if (typeof v === "number" || typeof v === "string") bits.push(`${key}=${v}`);
    else if (Array.isArray(v) && v.length <= 8 && v.every((x) => typeof x === "number")) bits.push(`${key}=${v.join("×")}`);
  }
  return bits.join(", ");
}

function readGraph(topology: Obj, doc: Obj, info: TfjsInfo) {
  const nodes = Array.isArray(topology.node) ? topology.node : [];
  const counts = new Map<string, number>();
  const placeholders: TfjsSignature[] = [];
  for (const n of nodes) {
    if (!isObj(n)) throw new FormatError("cannot parse: a graph node is not an object");
    const op = str(n.op) ?? "?";
    counts.set(op, (counts.get(op) ?? 0) + 1);
    if (op === "Placeholder" && placeholders.length < 64) placeholders.push({ name: str(n.name) ?? "?", dtype: "", shape: null });
  }
  info.nodeCount = nodes.length;
  info.ops = [...counts].map(([op, count]) => ({ op, count })).sort((a, b) => b.count - a.count || a.op.localeCompare(b.op));
  const signature = isObj(doc.signature) ? doc.signature : isObj(doc.userDefinedMetadata) && isObj(doc.userDefinedMetadata.signature) ? doc.userDefinedMetadata.signature : null;
  info.inputs = signature ? signatureList(signature.inputs) : placeholders;
  info.outputs = signature ? signatureList(signature.outputs) : [];
}

function signatureList(v: unknown): TfjsSignature[] {
  if (!isObj(v)) return [];
  return Object.entries(v).slice(0, 64).map(([key, t]) => {
    const o = isObj(t) ? t : {};
    const dims = isObj(o.tensorShape) && Array.isArray(o.tensorShape.dim) ? o.tensorShape.dim : null;
    const shape = dims ? dims.map((d) => { const n = Number(isObj(d) ? d.size : NaN); return Number.isSafeInteger(n) && n >= 0 ? n : null; }) : null;
    return { name: str(o.name) ?? key, dtype: (str(o.dtype) ?? "").replace(/^DT_/, "").toLowerCase(), shape };
  });
}

function readManifest(manifest: unknown, info: TfjsInfo) {
  if (manifest === undefined) return;
  if (!Array.isArray(manifest)) throw new FormatError("cannot parse: weightsManifest is not a list");
  for (const [g, group] of manifest.entries()) {
    if (!isObj(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) throw new FormatError(`cannot parse: weightsManifest[${g}] needs paths and weights lists`);
    let groupBytes = 0;
    for (const w of group.weights) {
      if (!isObj(w) || typeof w.name !== "string") throw new FormatError(`cannot parse: a weight in weightsManifest[${g}] has no name`);
      const where = `weight ${JSON.stringify(w.name.slice(0, 200))}`;
      const shape = shapeOf(w.shape, where);
      const dtype = str(w.dtype) ?? "";
      const q = isObj(w.quantization) ? str(w.quantization.dtype) : null;
      const stored = q ?? dtype;
      if (!(stored in DTYPE_BYTES)) throw new FormatError(`cannot parse: ${where} has unsupported dtype ${JSON.stringify(stored)}`);
      const count = shape.reduce((a, d) => a * d, 1);
      if (!Number.isSafeInteger(count)) throw new FormatError(`cannot parse: ${where}'s shape overflows`);
      info.parameters += count;
      groupBytes += count * DTYPE_BYTES[stored]!;
      if (info.weights.length < 10_000) info.weights.push({ name: w.name, dtype, shape, quantization: q });
    }
    info.weightBytes += groupBytes;
    // shard bytes are split evenly but for the last one; report the group's total on its first path
    group.paths.forEach((p, k) => {
      if (typeof p !== "string" || !isSafeRelative(p)) throw new FormatError(`cannot parse: weight shard path ${JSON.stringify(String(p).slice(0, 200))} is not a relative file name`);
      info.shards.push({ path: p, bytes: k === 0 ? groupBytes : 0 });
    });
  }
}

/** A shard path must stay next to model.json: no scheme, no absolute path, no "..". */
export function isSafeRelative(p: string): boolean {
  return p.length > 0 && p.length <= 1000 && !/^[a-z][a-z0-9+.-]*:/i.test(p) && !p.startsWith("/") && !p.includes("\\") && !p.split("/").some((s) => s === ".." || s === "");
}
