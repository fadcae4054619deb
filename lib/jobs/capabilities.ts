// What this machine can run: CPU cores always; a GPU when Dawn (the `webgpu`
// package) finds a WebGPU adapter, with its name and, on NVIDIA, its memory.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import { promisify } from "node:util";
import { checkConfig } from "../env";

export type Capabilities = {
  cpu: { cores: number; model: string };
  gpu: { adapter: string; vendor: string; memoryMiB: number | null } | null;
};

let gpuProbe: Promise<GPUAdapterLike | null> | undefined;
type GPUAdapterLike = { info: { vendor: string; architecture: string; device: string; description: string } };

/** The WebGPU adapter, found once per process (null when there is none or MODELHUB_GPU=0). */
export function webgpuAdapter(): Promise<GPUAdapterLike | null> {
  gpuProbe ??= (async () => {
    const gpu = checkConfig().MODELHUB_GPU;
    if (gpu === "0") return null;
    // Dawn needs a GPU device node (DRM or NVIDIA); without one, skip the probe and its warnings.
    if (gpu !== "1" && !["/dev/dri", "/dev/nvidia0", "/dev/nvidiactl"].some((p) => existsSync(p))) return null;
    try {
      const { create, globals } = await import("webgpu");
      Object.assign(globalThis, globals);
      const gpu = create([]);
      Object.defineProperty(globalThis.navigator ?? (globalThis.navigator = {} as Navigator), "gpu", { value: gpu, configurable: true });
      return ((await gpu.requestAdapter({ powerPreference: "high-performance" })) as unknown as GPUAdapterLike) ?? null;
    } catch {
      return null;
    }
  })();
  return gpuProbe;
}

async function nvidiaMemoryMiB(): Promise<number | null> {
  try {
    const { stdout } = await promisify(execFile)("nvidia-smi", ["--query-gpu=memory.total", "--format=csv,noheader,nounits"], { timeout: 5000 });
    const n = Number(stdout.split("\n")[0]?.trim());
    return Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export async function detectCapabilities(): Promise<Capabilities> {
  const cpus = os.cpus();
  const adapter = await webgpuAdapter();
  return {
    cpu: { cores: cpus.length, model: cpus[0]?.model.trim() ?? "unknown" },
    gpu: adapter
      ? { adapter: adapter.info.description || adapter.info.device || adapter.info.architecture || "WebGPU adapter", vendor: adapter.info.vendor, memoryMiB: await nvidiaMemoryMiB() }
      : null,
  };
}
