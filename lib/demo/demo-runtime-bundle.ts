// The demo's Web Worker as a prebuilt bundle (scripts/build-demo-runtime.ts): the
// worker's module and its one shared chunk, fetched together, where the app
// bundler's worker fetched its chunks one after another before the model could
// start loading.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const DEMO_RUNTIME_DIR = path.join(process.cwd(), ".next", "modelhub-demo-runtime");
export const DEMO_RUNTIME_PATH = "/demo-runtime/";

type Manifest = { worker: string; preload: string[]; files: string[] };
let manifest: Manifest | null | undefined;

function readManifest(): Manifest | null {
  // `npm run dev` rebuilds the worker from source on each change: a bundle left by an earlier build would be stale
  if (process.env.NODE_ENV === "development") return null;
  if (manifest !== undefined) return manifest;
  const file = path.join(DEMO_RUNTIME_DIR, "manifest.json");
  manifest = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Manifest) : null;
  return manifest;
}

/**
 * The worker's URL and the modules it imports first (fetched by the page in parallel, so the
 * worker finds them in the HTTP cache), or null where no bundle was built (`npm run dev`: the
 * widget falls back to the app bundler's worker).
 */
export function demoWorkerUrls(): { worker: string; preload: string[] } | null {
  const m = readManifest();
  return m ? { worker: DEMO_RUNTIME_PATH + m.worker, preload: m.preload.map((f) => DEMO_RUNTIME_PATH + f) } : null;
}

// The files are immutable for the server's life (about 1 MB with their gzipped copies): read once.
const loaded = new Map<string, Buffer | null>();
function builtFile(name: string): Buffer | null {
  if (!loaded.has(name)) {
    const file = path.join(DEMO_RUNTIME_DIR, name);
    loaded.set(name, existsSync(file) ? readFileSync(file) : null);
  }
  return loaded.get(name)!;
}

/** One file of the bundle by name, gzipped when the client accepts it: only names the build wrote (no paths) are served. */
export function demoRuntimeFile(name: string, acceptEncoding: string | null): { bytes: Buffer; gzip: boolean } | null {
  const m = readManifest();
  if (!m || !m.files.includes(name)) return null;
  const gzipped = /\bgzip\b/.test(acceptEncoding ?? "") ? builtFile(`${name}.gz`) : null;
  if (gzipped) return { bytes: gzipped, gzip: true };
  const plain = builtFile(name);
  return plain && { bytes: plain, gzip: false };
}

/** For the build: which files exist now (the manifest lists exactly these). */
export function listBuiltFiles(): string[] {
  return existsSync(DEMO_RUNTIME_DIR) ? readdirSync(DEMO_RUNTIME_DIR).filter((f) => f.endsWith(".js")) : [];
}
