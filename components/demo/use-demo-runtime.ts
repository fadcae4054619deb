"use client";
// The widget's side of the worker: load once on demand, run inputs one at a time,
// and keep the measured figures (backend, load time, first and later latency).
import { useCallback, useEffect, useRef, useState } from "react";
import type { DemoResult } from "@/lib/demo/demo-io";
import { BACKEND_ORDER, type FromWorker, type RunInput, type WorkerModel } from "./demo-protocol";
import { takeEarlyWorker } from "./early-start";

/**
 * The prebuilt worker bundle when the server has one (`workerUrl`, one request),
 * else the app bundler's own build of the same file (`npm run dev`).
 */
function spawnWorker(workerUrl: string | null): Worker {
  if (workerUrl) return new Worker(workerUrl, { type: "module" });
  return new Worker(new URL("./demo.worker.ts", import.meta.url), { type: "module" });
}

export type RuntimeState =
  | { phase: "idle" }
  | { phase: "loading"; loaded: number; total: number }
  | { phase: "ready" }
  | { phase: "failed"; error: string };

/**
 * backendMs: the backend's start; loadMs: the model's load (weights and build); fetchMs: the
 * weights alone (network or browser cache); warmUpMs: the warm-up before the first input (null:
 * not done, or nothing to do).
 */
export type Figures = { backend: string; skipped: string[]; backendMs: number; loadMs: number; fetchMs: number; cached: boolean; warmUpMs: number | null; firstMs: number | null; lastMs: number | null };

/**
 * model null: an unused slot (the widget always holds two, the second for "compare
 * with base"). onFirstRun hears the figures once the first inference is done.
 */
export function useDemoRuntime(model: WorkerModel | null, workerUrl: string | null, onFirstRun?: (f: Figures & { firstMs: number }) => void) {
  const worker = useRef<Worker | null>(null);
  const ready = useRef<Promise<void> | null>(null);
  const pending = useRef(new Map<number, { resolve: (r: { result: DemoResult; ms: number }) => void; reject: (e: Error) => void }>());
  const nextId = useRef(1);
  const loaded = useRef<Figures | null>(null);
  const firstRun = useRef(onFirstRun);
  firstRun.current = onFirstRun;
  const [state, setState] = useState<RuntimeState>({ phase: "idle" });
  const [figures, setFigures] = useState<Figures | null>(null);
  const vocab = useRef<string[] | null>(null); // read after load() resolves, not from a render's state

  useEffect(() => () => worker.current?.terminate(), []);

  /** warmUp: prepare the backend once loaded (only worth it before the visitor has given an input). */
  const load = useCallback((warmUp = false): Promise<void> => {
    if (ready.current) return ready.current;
    if (!model) return Promise.reject(new Error("No model in this slot"));
    ready.current = new Promise<void>((resolve, reject) => {
      // the worker the page's HTML started (and maybe already loading), else a new one
      const early = takeEarlyWorker(model);
      let w: Worker;
      try {
        w = early?.worker ?? spawnWorker(workerUrl);
      } catch (e) {
        const error = `This browser cannot run the demo: Web Workers are unavailable (${(e as Error).message})`;
        setState({ phase: "failed", error });
        return reject(new Error(error));
      }
      worker.current = w;
      setState({ phase: "loading", loaded: 0, total: model.modelJson.size + model.shards.reduce((n, s) => n + s.size, 0) + (model.vocab?.size ?? 0) });
      w.onerror = (e) => {
        const error = `The demo's worker crashed: ${e.message || "unknown error"}`;
        setState({ phase: "failed", error });
        reject(new Error(error));
      };
      const handle = (m: FromWorker) => {
        if (m.type === "progress") setState({ phase: "loading", loaded: m.loaded, total: m.total });
        else if (m.type === "ready") {
          loaded.current = { backend: m.backend, skipped: m.skipped, backendMs: m.backendMs, loadMs: m.loadMs, fetchMs: m.fetchMs, cached: m.cached, warmUpMs: m.warmUpMs, firstMs: null, lastMs: null };
          setFigures(loaded.current);
          vocab.current = m.vocab;
          setState({ phase: "ready" });
          resolve();
        } else if (m.type === "result") {
          pending.current.get(m.id)?.resolve({ result: m.result, ms: m.ms });
          pending.current.delete(m.id);
          setFigures((f) => f && { ...f, firstMs: m.first ? m.ms : f.firstMs, lastMs: m.ms });
          if (m.first && loaded.current) firstRun.current?.({ ...loaded.current, firstMs: m.ms });
        } else if (m.type === "error") {
          if (m.id !== undefined) {
            pending.current.get(m.id)?.reject(new Error(m.message));
            pending.current.delete(m.id);
          } else {
            setState({ phase: "failed", error: m.message });
            reject(new Error(m.message));
          }
        }
      };
      w.onmessage = (ev: MessageEvent<FromWorker>) => handle(ev.data);
      // what the early worker said before this widget took it over
      for (const m of early?.queue.splice(0) ?? []) handle(m);
      if (early?.loading) return;
      const wanted = new URLSearchParams(window.location.search).get("backend");
      const backends = wanted && BACKEND_ORDER.includes(wanted) ? [wanted] : BACKEND_ORDER;
      w.postMessage({ type: "load", model, backends, warmUp });
    });
    ready.current.catch(() => {});
    return ready.current;
  }, [model, workerUrl]);

  const run = useCallback(
    async (input: RunInput): Promise<{ result: DemoResult; ms: number }> => {
      await load(); // joins a load (and warm-up) already under way
      const id = nextId.current++;
      return new Promise((resolve, reject) => {
        pending.current.set(id, { resolve, reject });
        const transfer = input.kind === "image" ? [input.rgba.buffer] : [];
        worker.current!.postMessage({ type: "run", id, input }, transfer);
      });
    },
    [load],
  );

  return { state, figures, vocab: () => vocab.current, load, run };
}
