// The demo's TF.js runtime, in a Web Worker so inference never freezes the page.
// Weights come from the hub's commit-pinned /resolve URLs, with byte progress,
// and go into the Cache Storage: the URL names an immutable commit, so a cached
// copy never goes stale and a second visit downloads nothing.
// Only the parts it needs (no tfjs-data): less to download and parse before the first answer.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-webgl";
import { GraphModel, loadGraphModel } from "@tensorflow/tfjs-converter";
import { loadLayersModel, type LayersModel } from "@tensorflow/tfjs-layers";
import { decodeOutput, encodedWidth, pixelTransform } from "@/lib/demo/demo-io";
import type { ToWorker, FromWorker, RunInput, WorkerModel } from "./demo-protocol";

const CACHE = "modelhub-demo-weights-v1";
const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

let model: GraphModel | LayersModel | null = null;
let setup: WorkerModel | null = null;
let runs = 0;

self.onmessage = async (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  try {
    if (msg.type === "load") await load(msg.model, msg.backends, msg.warmUp);
    else if (msg.type === "run") await run(msg.id, msg.input);
  } catch (e) {
    post({ type: "error", id: msg.type === "run" ? msg.id : undefined, message: e instanceof Error ? e.message : String(e) });
  }
};

/** The first backend of `order` that starts, and why the ones before it did not. */
async function pickBackend(order: string[]): Promise<{ backend: string; skipped: string[] }> {
  const tried: string[] = [];
  for (const name of order) {
    try {
      if (name === "webgpu") {
        if (!("gpu" in navigator) || !(await (navigator as unknown as { gpu: { requestAdapter(): Promise<unknown> } }).gpu.requestAdapter())) throw new Error("no WebGPU adapter");
        await import("@tensorflow/tfjs-backend-webgpu");
      } else if (name === "webgl") {
        if (typeof OffscreenCanvas === "undefined" || !new OffscreenCanvas(1, 1).getContext("webgl2")) throw new Error("WebGL unavailable");
      } else if (name === "wasm") {
        const wasm = await import("@tensorflow/tfjs-backend-wasm");
        wasm.setWasmPaths("/tfjs-wasm/");
      }
      if (await tf.setBackend(name)) {
        await tf.ready();
        return { backend: tf.getBackend(), skipped: tried };
      }
      tried.push(`${name}: did not start`);
    } catch (e) {
      tried.push(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error(`No TF.js backend could start (${tried.join("; ")})`);
}

/** Bytes of one file: from the cache, else fetched with progress and then cached. */
async function fetchBytes(url: string, onBytes: (n: number) => void): Promise<{ bytes: Uint8Array; cached: boolean }> {
  const cache = typeof caches !== "undefined" ? await caches.open(CACHE).catch(() => null) : null;
  const hit = await cache?.match(url);
  if (hit) {
    const bytes = new Uint8Array(await hit.arrayBuffer());
    onBytes(bytes.length);
    return { bytes, cached: true };
  }
  const res = await fetch(url, { credentials: "same-origin" });
  if (!res.ok || !res.body) throw new Error(`Could not download ${decodeURIComponent(url.split("?")[0]!.split("/").pop() ?? url)}: HTTP ${res.status}`);
  const parts: Uint8Array[] = [];
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    onBytes(value.length);
  }
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  // stored in the background: the model need not wait for the disk write
  void cache?.put(url, new Response(bytes.slice(), { headers: { "Content-Type": "application/octet-stream" } })).catch(() => {});
  return { bytes, cached: false };
}

async function load(m: WorkerModel, backends: string[], warmUp: boolean) {
  const t0 = performance.now();
  const files = [m.modelJson, ...m.shards, ...(m.vocab ? [m.vocab] : [])];
  const total = files.reduce((n, f) => n + f.size, 0);
  let loaded = 0;
  let lastPost = 0;
  const progress = (n: number) => {
    loaded += n;
    if (performance.now() - lastPost > 50 || loaded >= total) {
      lastPost = performance.now();
      post({ type: "progress", loaded, total });
    }
  };
  const { backend, skipped } = await pickBackend(backends);
  const backendMs = performance.now() - t0;
  // timed on their own (a GL context started alongside would stall this thread and blur the figure)
  const t1 = performance.now();
  const got = await Promise.all(files.map((f) => fetchBytes(f.url, progress)));
  const fetchMs = performance.now() - t1;
  const [json, ...rest] = got;
  const doc = JSON.parse(new TextDecoder().decode(json!.bytes)) as { format?: string; modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[]; signature?: object; userDefinedMetadata?: object };
  const shardBytes = rest.slice(0, m.shards.length).map((r) => r.bytes);
  const weightData = new Uint8Array(shardBytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of shardBytes) {
    weightData.set(b, at);
    at += b.length;
  }
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: doc.modelTopology,
    weightSpecs: doc.weightsManifest.flatMap((g) => g.weights),
    weightData: weightData.buffer,
    format: doc.format,
    signature: doc.signature,
    userDefinedMetadata: doc.userDefinedMetadata as Record<string, object> | undefined,
  };
  model?.dispose();
  model = m.format === "graph-model" ? await loadGraphModel(tf.io.fromMemory(artifacts)) : await loadLayersModel(tf.io.fromMemory(artifacts));
  setup = m;
  runs = 0;
  const vocab = m.vocab ? new TextDecoder().decode(got[got.length - 1]!.bytes).split(/\r?\n/) : null;
  // the model's load: its weights plus building it (the backend's start is the same on every visit)
  const loadMs = performance.now() - t1;
  // The first inference on a fresh backend is the slow one: shaders compile (some
  // drivers only on first use), buffers and textures get made. When the model
  // loads before the visitor gives an input, do that now on a blank input of the
  // right shape. A small model simply runs once; a larger one only compiles its
  // kernels (TF.js's compile-only mode), so the visitor's input never queues
  // behind a long throwaway inference.
  let warmUpMs: number | null = null;
  if (warmUp) {
    const t2 = performance.now();
    const blank = blankInput(m.spec, vocab);
    const done = weightData.length <= WARM_RUN_MAX_BYTES ? await runOnce(blank) : await compileKernels(blank);
    warmUpMs = done ? performance.now() - t2 : null;
  }
  post({ type: "ready", backend, skipped, backendMs, loadMs, fetchMs, cached: got.every((g) => g.cached), vocab, warmUpMs });
}

/** Models with up to this many bytes of weights warm up with a whole inference. */
const WARM_RUN_MAX_BYTES = 1024 * 1024;

/** A throwaway inference; false if it failed (the visitor's own input will say why, if it fails too). */
async function runOnce(input: RunInput): Promise<boolean> {
  try {
    const out = infer(toTensor(input));
    await (Array.isArray(out) ? out[0]! : out).data();
    tf.dispose(out);
    return true;
  } catch {
    return false;
  }
}

type Compiling = { checkCompileCompletionAsync?: () => Promise<unknown>; getUniformLocations?: () => void };

/** Compiles the model's kernels for `input`; false where the backend has nothing to compile or the model cannot be traced so. */
async function compileKernels(input: RunInput): Promise<boolean> {
  const backend = tf.backend() as unknown as Compiling;
  if (typeof backend.checkCompileCompletionAsync !== "function") return false; // WASM and CPU compile nothing
  let out: tf.Tensor | tf.Tensor[] | null = null;
  tf.env().set("ENGINE_COMPILE_ONLY", true);
  try {
    out = infer(toTensor(input));
  } catch {
    out = null; // e.g. an op that must read values: the first real input compiles the rest
  } finally {
    tf.env().set("ENGINE_COMPILE_ONLY", false);
  }
  await backend.checkCompileCompletionAsync();
  backend.getUniformLocations?.();
  if (out) tf.dispose(out);
  return out !== null;
}

/** An all-zero input shaped as the widget would send it, so the warm-up compiles the same kernels. */
function blankInput(spec: WorkerModel["spec"], vocab: string[] | null): RunInput {
  if (spec.image) return { kind: "image", rgba: new Uint8ClampedArray(spec.image.width * spec.image.height * 4), width: spec.image.width, height: spec.image.height };
  if (spec.tokenizer?.mode === "sequence") return { kind: "ids", ids: new Array<number>(spec.tokenizer.maxLength).fill(0) };
  const width = spec.tokenizer ? (vocab?.length ?? 0) : encodedWidth(spec.features);
  return { kind: "values", values: new Array<number>(width).fill(0) };
}

function toTensor(input: RunInput): tf.Tensor {
  const spec = setup!.spec;
  if (input.kind === "image") {
    const img = spec.image!;
    return tf.tidy(() => {
      const rgba = tf.tensor3d(new Int32Array(input.rgba), [input.height, input.width, 4], "int32");
      let x: tf.Tensor = tf.slice(rgba, [0, 0, 0], [-1, -1, 3]);
      if (img.width !== input.width || img.height !== input.height) x = tf.image.resizeBilinear(x as tf.Tensor3D, [img.height, img.width]);
      x = tf.cast(x, "float32");
      if (img.channels === 1) x = tf.sum(tf.mul(x, tf.tensor1d([0.2989, 0.587, 0.114])), 2, true);
      const { scale, offset } = pixelTransform(img.range);
      if (scale !== 1 || offset !== 0) x = tf.add(tf.mul(x, scale), offset);
      if (img.dtype === "int32") x = tf.cast(tf.round(x), "int32");
      if (img.layout === "nchw") x = tf.transpose(x, [2, 0, 1]);
      return tf.expandDims(x, 0);
    });
  }
  if (input.kind === "ids") return tf.tensor2d([input.ids], [1, input.ids.length], "int32");
  return tf.tensor2d([input.values], [1, input.values.length], "float32");
}

/** The model's output for `x` (disposed here). */
function infer(x: tf.Tensor): tf.Tensor | tf.Tensor[] {
  try {
    const tensor = setup!.spec.output.tensor ?? undefined;
    if (model instanceof GraphModel) return tensor ? (model.execute(x, tensor) as tf.Tensor) : model.execute(x);
    return model!.predict(x) as tf.Tensor | tf.Tensor[];
  } finally {
    x.dispose();
  }
}

async function run(id: number, input: RunInput) {
  if (!model || !setup) throw new Error("The model is not loaded yet");
  const spec = setup.spec;
  const t0 = performance.now();
  const out = infer(toTensor(input));
  const first = Array.isArray(out) ? out[0]! : out;
  const data = await first.data();
  const shape = first.shape;
  tf.dispose(out);
  const ms = performance.now() - t0;
  runs++;
  post({ type: "result", id, result: decodeOutput(spec, setup.labels, data as Float32Array, shape), ms, first: runs === 1 });
}
