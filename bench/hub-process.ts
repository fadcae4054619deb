// Bench helpers: a hub started as `npm start` does (a child process on its own
// port and data folder), seeded through the same lib functions users reach.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

export async function waitFor(url: string, timeoutMs = 600_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

/** The arguments `npm start` gives node (package.json), so a bench measures the process users run, flags and all. */
function startArgs(): string[] {
  const start: string = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.start;
  const [node, ...args] = start.split(/\s+/);
  if (node !== "node") throw new Error(`package.json's start script does not run node directly: ${start}`);
  return args;
}

/** `env`: more settings for the hub (MODELHUB_WORKER=0 keeps scheduled jobs from running during a measurement). */
export async function startHub(port: number, dataDir: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, startArgs(), {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), MODELHUB_DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`hub exited with code ${code}`))));
  await Promise.race([waitFor(`http://localhost:${port}/ping`), exited]);
  return child;
}

/** A fresh data folder with its database up, and the teardown that removes both. */
export async function benchData(name: string): Promise<{ dataDir: string; teardown: () => Promise<void> }> {
  const { rm } = await import("node:fs/promises");
  const dataDir = path.join(ROOT, "bench/.out", name);
  await rm(dataDir, { recursive: true, force: true });
  process.env.MODELHUB_DATA_DIR = dataDir;
  const { prepareRuntime } = await import("../scripts/runtime");
  const rt = await prepareRuntime();
  return {
    dataDir,
    teardown: async () => {
      await rt.db.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function stopHub(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
