// `npm start`: everything a fresh machine needs, then the hub on :3000.
// Embedded PostgreSQL and the local-disk store unless DATABASE_URL / S3_BUCKET
// are set; builds the app when its sources changed since the last build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_RUNTIME_DIR } from "../lib/demo/demo-runtime-bundle";
import { buildDemoRuntime } from "./build-demo-runtime";
import { prepareRuntime, ROOT } from "./runtime";

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "scripts/build-demo-runtime.ts", "instrumentation.ts", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const log = (m: string) => console.log(`[modelhub] ${m}`);

function sourceHash(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    const full = path.join(ROOT, p);
    if (!existsSync(full)) return;
    if (statSync(full).isDirectory()) {
      for (const name of readdirSync(full).sort()) if (name !== "generated" && name !== "node_modules") walk(path.join(p, name));
    } else h.update(p).update(readFileSync(full));
  };
  SOURCES.forEach(walk);
  return h.digest("hex");
}

export async function buildIfNeeded(force = false): Promise<void> {
  const marker = path.join(ROOT, ".next/modelhub-source-hash");
  const hash = sourceHash();
  if (force || !existsSync(path.join(ROOT, ".next/BUILD_ID")) || !existsSync(marker) || readFileSync(marker, "utf8") !== hash) {
    log("Building the web app (first start or sources changed)…");
    const res = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (res.status !== 0) throw new Error("next build failed");
    writeFileSync(marker, hash);
  }
  // next build empties .next, so the demo worker's bundle (about a second) follows it
  if (force || !existsSync(path.join(DEMO_RUNTIME_DIR, "manifest.json"))) {
    const { worker, bytes } = await buildDemoRuntime(ROOT);
    log(`Bundled the demo worker: ${worker} (${(bytes / 1024).toFixed(0)} KB)`);
  }
}

async function main() {
  const mode = process.argv[2] ?? "start";
  const rt = await prepareRuntime({ log });
  if (mode === "build") {
    await buildIfNeeded(true);
    await rt.db.stop();
    return;
  }
  const { seedDemo } = await import("../lib/demo/seed-demo");
  if (await seedDemo()) log("Seeded demo content.");
  if (process.env.MODELHUB_SEED_DEMOS !== "0") {
    const { seedTfjsDemos } = await import("../lib/demo/seed-tfjs-demos");
    await seedTfjsDemos(log);
  }
  if (mode === "start") await buildIfNeeded();

  const port = Number(process.env.PORT ?? 3000);
  // next-auth's base URL for its own links; set it to the public URL behind a proxy.
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  (process.env as Record<string, string>).NODE_ENV = mode === "dev" ? "development" : "production";
  const { startHubServer } = await import("../lib/server/hub-server");
  const hub = await startHubServer({ dir: ROOT, port, hostname: process.env.MODELHUB_HOST, dev: mode === "dev" });
  log(`Modelhub on http://localhost:${port} (data in ${process.env.MODELHUB_DATA_DIR})`);
  // Contents never scanned (new, or judged by an older scanner) are queued in the background.
  const { queueAllMissingScans } = await import("../lib/scan/queue-scans");
  void queueAllMissingScans().then((n) => n && log(`Queued pickle scans of ${n} stored file(s).`), (e) => log(`Queuing scans failed: ${(e as Error).message}`));
  // The default one-command mode runs a worker in this process; MODELHUB_WORKER=0 leaves jobs to `npm run worker`.
  const { startWorker } = await import("../lib/worker/start-worker");
  const worker = process.env.MODELHUB_WORKER === "0" ? null : await startWorker({ concurrency: Number(process.env.WORKER_CONCURRENCY ?? 2) });
  if (worker) log("In-process worker started.");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker?.stop();
    await hub.close();
    await rt.db.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e) => {
    console.error(`[modelhub] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
