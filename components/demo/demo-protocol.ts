// Messages between the demo widget and its Web Worker.
import type { DemoResult } from "@/lib/demo/demo-io";
import type { DemoSpec } from "@/lib/demo/demo-spec";

export type WorkerFile = { path: string; size: number; url: string };
export type WorkerModel = { format: "graph-model" | "layers-model"; modelJson: WorkerFile; shards: WorkerFile[]; vocab: WorkerFile | null; labels: string[]; spec: DemoSpec };

export type RunInput = { kind: "image"; rgba: Uint8ClampedArray; width: number; height: number } | { kind: "ids"; ids: number[] } | { kind: "values"; values: number[] };

export type ToWorker = { type: "load"; model: WorkerModel; backends: string[] } | { type: "run"; id: number; input: RunInput };

export type FromWorker =
  | { type: "progress"; loaded: number; total: number }
  | { type: "ready"; backend: string; skipped: string[]; loadMs: number; cached: boolean; vocab: string[] | null }
  | { type: "result"; id: number; result: DemoResult; ms: number; first: boolean }
  | { type: "error"; id?: number; message: string };

/** Fastest first; a page may ask for one (?backend=wasm) to compare. */
export const BACKEND_ORDER = ["webgpu", "webgl", "wasm", "cpu"];
