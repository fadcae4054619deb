// The TF.js WASM backend's .wasm files from node_modules, by allow-listed name.
import { readFile } from "node:fs/promises";
import path from "node:path";

const FILES = new Set(["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"]);

export async function wasmBinary(name: string): Promise<Buffer | null> {
  if (!FILES.has(name)) return null;
  return readFile(path.join(process.cwd(), "node_modules/@tensorflow/tfjs-backend-wasm/dist", name)).catch(() => null);
}
