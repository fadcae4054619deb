// Bundles components/demo/demo.worker.ts with esbuild into content-hashed ES
// modules under .next/modelhub-demo-runtime (served by app/demo-runtime/[file]).
// The WASM and WebGPU backends stay separate chunks, fetched only when used.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { build } from "esbuild";
import { DEMO_RUNTIME_DIR, listBuiltFiles } from "../lib/demo/demo-runtime-bundle";

export async function buildDemoRuntime(root: string): Promise<{ worker: string; bytes: number }> {
  rmSync(DEMO_RUNTIME_DIR, { recursive: true, force: true });
  mkdirSync(DEMO_RUNTIME_DIR, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { "demo-worker": "components/demo/demo.worker.ts" },
    outdir: DEMO_RUNTIME_DIR,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    tsconfig: path.join(root, "tsconfig.json"),
    define: { "process.env.NODE_ENV": '"production"' },
    metafile: true,
    logLevel: "warning",
  });
  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint);
  if (!entry) throw new Error("demo runtime: esbuild wrote no entry point");
  const worker = path.basename(entry[0]);
  const files = listBuiltFiles();
  // gzip once here (as Next does for its own static chunks): about a quarter of the bytes to download
  for (const f of files) writeFileSync(path.join(DEMO_RUNTIME_DIR, `${f}.gz`), gzipSync(readFileSync(path.join(DEMO_RUNTIME_DIR, f)), { level: 9 }));
  // what the worker imports before it can run: the page fetches these alongside it
  const preload = entry[1].imports.filter((i) => i.kind === "import-statement").map((i) => path.basename(i.path));
  writeFileSync(path.join(DEMO_RUNTIME_DIR, "manifest.json"), JSON.stringify({ worker, preload, files }));
  return { worker, bytes: entry[1].bytes };
}
