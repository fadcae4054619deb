// Messages between the demo widget and its Web Worker.
import type { DemoResult } from "@/lib/demo/demo-io";
import type { DemoSpec } from "@/lib/demo/demo-spec";

export type WorkerFile = { path: string; size: number; url: string };
export type WorkerModel = { format: "graph-model" | "layers-model"; modelJson: WorkerFile; shards: WorkerFile[]; vocab: WorkerFile | null; labels: string[]; spec: DemoSpec };

export type RunInput = { kind: "image"; rgba: Uint8ClampedArray; width: number; height: number } | { kind: "ids"; ids: number[] } | { kind: "values"; values: number[] };

export type ToWorker = { type: "load"; model: WorkerModel; backends: string[]; warmUp: boolean } | { type: "run"; id: number; input: RunInput };

export type FromWorker =
  | { type: "progress"; loaded: number; total: number }
  | { type: "ready"; backend: string; skipped: string[]; backendMs: number; loadMs: number; fetchMs: number; cached: boolean; vocab: string[] | null; warmUpMs: number | null }
  | { type: "result"; id: number; result: DemoResult; ms: number; first: boolean }
  | { type: "error"; id?: number; message: string };

/** Fastest first; a page may ask for one (?backend=wasm) to compare. */
export const BACKEND_ORDER = ["webgpu", "webgl", "wasm", "cpu"];

/** Models up to this size load (and warm up) as the page opens; larger ones wait for the visitor. */
export const AUTO_LOAD_MAX_BYTES = 8 * 1024 * 1024;

/** Whether a widget should load its model without being asked: small enough, and the visitor has not asked to save data. */
export function shouldAutoLoad(bytes: number, saveData: boolean | undefined): boolean {
  return !saveData && bytes <= AUTO_LOAD_MAX_BYTES;
}
