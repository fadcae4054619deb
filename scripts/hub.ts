// `npm start`: everything a fresh machine needs, then the hub on :3000.
// Embedded PostgreSQL and the local-disk store unless DATABASE_URL / S3_BUCKET
// are set; builds the app when its sources changed since the last build.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEMO_RUNTIME_DIR } from "../lib/demo/demo-runtime-bundle";
import { DOCS_BUILD_DIR, writeCompiledGuides } from "../lib/docs/guides";
import { checkConfig, env } from "../lib/env";
import { captureConsole, errorFields, log } from "../lib/observability/log";
import { buildDemoRuntime } from "./build-demo-runtime";
import { failStart, stopOnSignals } from "./lifecycle";
import { prepareRuntime, ROOT } from "./runtime";

const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const SOURCES = ["app", "components", "lib", "scripts/build-demo-runtime.ts", "instrumentation.ts", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json", "prisma/schema.prisma"];
const say = (m: string) => log().info(m);

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
    say("Building the web app (first start or sources changed)…");
    // Its output goes to stderr: stdout carries only the hub's JSON log lines.
    const res = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: ROOT, stdio: ["ignore", 2, 2], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (res.status !== 0) throw new Error("next build failed");
    writeFileSync(marker, hash);
  }
  // next build empties .next, so the demo worker's bundle (about a second) follows it
  if (force || !existsSync(path.join(DEMO_RUNTIME_DIR, "manifest.json"))) {
    const { worker, bytes } = await buildDemoRuntime(ROOT);
    say(`Bundled the demo worker: ${worker} (${(bytes / 1024).toFixed(0)} KB)`);
  }
  // the guides (/docs) are MDX compiled with mdx-bundler, once per build
  if (force || !existsSync(path.join(DOCS_BUILD_DIR, "guides.json"))) say(`Compiled ${await writeCompiledGuides()} guides for /docs`);
}

async function main() {
  const mode = process.argv[2] ?? "start";
  // Pretty logs are for a developer's terminal; everything else gets one JSON object per line.
  if (mode === "dev") process.env.MODELHUB_LOG_PRETTY ??= "1";
  else captureConsole();
  checkConfig(); // before anything starts: a bad variable stops us with its name
  const rt = await prepareRuntime({ log: say });
  if (mode === "build") {
    await buildIfNeeded(true);
    await rt.db.stop();
    return;
  }
  const config = env();
  const { seedDemo } = await import("../lib/demo/seed-demo");
  if (await seedDemo()) say("Seeded demo content.");
  if (config.MODELHUB_SEED_DEMOS) {
    const { seedDemoDatasets } = await import("../lib/demo/seed-datasets");
    await seedDemoDatasets(say);
    const { seedTfjsDemos } = await import("../lib/demo/seed-tfjs-demos");
    await seedTfjsDemos(say);
    const { seedPytorchDemo } = await import("../lib/demo/seed-pytorch");
    await seedPytorchDemo(say);
  }
  if (mode === "start") await buildIfNeeded();

  // next-auth's base URL for its own links; set it to the public URL behind a proxy.
  process.env.NEXTAUTH_URL ??= config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  (process.env as Record<string, string>).NODE_ENV = mode === "dev" ? "development" : "production";
  const { startHubServer } = await import("../lib/server/hub-server");
  const hub = await startHubServer({ dir: ROOT, port: config.PORT, hostname: config.MODELHUB_HOST, dev: mode === "dev" });
  log().info({ port: config.PORT, dataDir: config.dataDir, storage: config.storageDriver }, `Modelhub on http://localhost:${config.PORT}`);
  // Contents never scanned (new, or judged by an older scanner) are queued in the background.
  const { queueAllMissingScans } = await import("../lib/scan/queue-scans");
  void queueAllMissingScans().then((n) => n && say(`Queued pickle scans of ${n} stored file(s).`), (e) => log().error(errorFields(e), "queuing scans failed"));
  // The default one-command mode runs a worker in this process; MODELHUB_WORKER=0 leaves jobs to `npm run worker`.
  const { startWorker } = await import("../lib/worker/start-worker");
  const worker = config.MODELHUB_WORKER ? await startWorker({ concurrency: config.WORKER_CONCURRENCY }) : null;
  if (worker) say(`In-process worker ${worker.id} started.`);

  stopOnSignals(async () => {
    const graceMs = config.SHUTDOWN_GRACE_SECONDS * 1000;
    // Requests in flight (downloads too) and running jobs get the same grace period, side by side.
    await Promise.all([hub.close(graceMs), worker?.stop(graceMs)]);
    const { disconnectDb } = await import("../lib/db/client");
    await disconnectDb();
    await rt.db.stop();
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch(failStart);
}
