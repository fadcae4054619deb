// Hub and worker processes for operator-level specs: started as `npm start` and
// `npm run worker` start them, with their JSON log lines collected, plus a TCP proxy
// in front of PostgreSQL that can cut the database off and bring it back.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { E2E_DATA_DIR } from "./hub-env";

export type Proc = { child: ChildProcess; lines: string[]; stderr: string[]; exited: Promise<number | null>; url: string };

const running: ChildProcess[] = [];

/** Kills whatever a spec left running (call from afterAll). */
export function killAll(): void {
  for (const c of running) if (c.exitCode === null) c.kill("SIGKILL");
}

function start(args: string[], env: Record<string, string>, url: string): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    env: { ...process.env, MODELHUB_SEED_DEMOS: "0", MODELHUB_GPU: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  const lines: string[] = [];
  const stderr: string[] = [];
  let partial = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => {
    const parts = (partial + d).split("\n");
    partial = parts.pop()!;
    lines.push(...parts.filter(Boolean));
  });
  child.stderr!.setEncoding("utf8").on("data", (d: string) => stderr.push(d));
  return { child, lines, stderr, url, exited: new Promise((r) => child.once("close", (code) => r(code))) /* "close": after its output was read to the end */ };
}

/** A hub (no in-process worker unless asked) on `port`; resolves once /healthz answers. */
export async function startHub(port: number, env: Record<string, string>): Promise<Proc> {
  const p = start(["scripts/hub.ts", "start"], { PORT: String(port), MODELHUB_WORKER: "0", ...env }, `http://localhost:${port}`);
  await until(`the hub on :${port} to answer`, async () => {
    if (p.child.exitCode !== null) throw new Error(`the hub on :${port} exited: ${p.stderr.join("").slice(-2000)}`);
    return (await fetch(`${p.url}/healthz`).then((r) => r.ok, () => false)) || null;
  }, 240_000);
  return p;
}

export function startWorker(env: Record<string, string>): Proc {
  return start(["workers/main.ts"], env, "");
}

export function hubctl(env: Record<string, string>, ...args: string[]): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/hubctl.ts", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`hubctl ${args[0]} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split("\n").pop()!;
}

export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The e2e hub's embedded cluster, as a connection URL to `database`. */
export function e2eDatabaseUrl(database = "modelhub", port?: number): string {
  const info = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "postgres.json"), "utf8")) as { user: string; password: string; port: number };
  return `postgresql://${info.user}:${encodeURIComponent(info.password)}@127.0.0.1:${port ?? info.port}/${database}`;
}

export function postgresPort(): number {
  return (JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "postgres.json"), "utf8")) as { port: number }).port;
}

/** A TCP proxy to `targetPort`; `cut()` drops every connection and refuses new ones until `restore()`. */
export async function tcpProxy(targetPort: number): Promise<{ port: number; cut: () => void; restore: () => void; close: () => Promise<void> }> {
  let open = true;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore: () => void (open = true),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
