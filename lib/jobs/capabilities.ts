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
  /** The trainers' runtimes: TF.js always; PyTorch when `python3 -c "import torch"` works, with CUDA when torch sees a GPU. */
  runtimes?: { tfjs: true; pytorch: { version: string; torchvision: string | null; cuda: { device: string; memoryMiB: number } | null } | null };
};

/** The Python that runs trainers: MODELHUB_PYTHON, else Debian's (where python3-torch installs), else python3 on the PATH. */
export function pythonCommand(): string {
  return process.env.MODELHUB_PYTHON || (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

let torchProbe: Promise<NonNullable<Capabilities["runtimes"]>["pytorch"]> | undefined;

/** PyTorch on this machine, found once per process (python3 with torch; torchvision and CUDA when present). */
export function pytorchRuntime(): Promise<NonNullable<Capabilities["runtimes"]>["pytorch"]> {
  torchProbe ??= (async () => {
    if (process.env.MODELHUB_PYTORCH === "0") return null;
    const probe = [
      "import json, torch",
      "try:\n    import torchvision; tv = torchvision.__version__\nexcept Exception:\n    tv = None",
      "cuda = None",
      "if torch.cuda.is_available():\n    p = torch.cuda.get_device_properties(0); cuda = {'device': p.name, 'memoryMiB': int(p.total_memory // 2**20)}",
      "print(json.dumps({'version': torch.__version__, 'torchvision': tv, 'cuda': cuda}))",
    ].join("\n");
    try {
      const { stdout } = await promisify(execFile)(pythonCommand(), ["-c", probe], { timeout: 60_000, env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: os.tmpdir() } as unknown as NodeJS.ProcessEnv });
      return JSON.parse(stdout.trim().split("\n").pop()!) as NonNullable<NonNullable<Capabilities["runtimes"]>["pytorch"]>;
    } catch {
      return null;
    }
  })();
  return torchProbe;
}

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
    runtimes: { tfjs: true, pytorch: await pytorchRuntime() },
    cpu: { cores: cpus.length, model: cpus[0]?.model.trim() ?? "unknown" },
    gpu: adapter
      ? { adapter: adapter.info.description || adapter.info.device || adapter.info.architecture || "WebGPU adapter", vendor: adapter.info.vendor, memoryMiB: await nvidiaMemoryMiB() }
      : null,
  };
}
