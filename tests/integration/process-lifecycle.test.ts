// Processes as operators run them: processes started at once share one embedded
// cluster, one killed with -9 leaves an orphan that the next start adopts and stops;
// workers started together on a new database never crash on its migrations; a bad
// variable stops a start with its name; the log is one JSON object per line.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "../../lib/db/embedded";

const ROOT = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
const temps: string[] = [];
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  for (const t of temps) await rm(t, { recursive: true, force: true });
});

type Run = { child: ChildProcess; out: string[]; err: string[]; exited: Promise<number | null> };
function run(args: string[], env: Record<string, string | undefined> = {}): Run {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  const out: string[] = [];
  const err: string[] = [];
  child.stdout!.setEncoding("utf8").on("data", (d: string) => out.push(...d.split("\n").filter(Boolean)));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => err.push(d));
  return { child, out, err, exited: new Promise((r) => child.once("exit", (code) => r(code))) };
}

async function until<T>(what: string, fn: () => T | null | undefined | false | Promise<T | null | undefined | false>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("the embedded PostgreSQL", () => {
  it("is shared by processes started at once, and adopted and stopped by the next start after a kill -9", { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "orphan-"));
    temps.push(dir);
    const clusterDir = path.join(dir, "postgres");
    const a = run(["tests/setup/hold-embedded-db.ts", clusterDir]);
    const b = run(["tests/setup/hold-embedded-db.ts", clusterDir]);
    const ready = await until("both to be ready", () => {
      const lines = [...a.out, ...b.out].filter((l) => l.startsWith("READY "));
      return lines.length === 2 ? lines : null;
    });
    const [urlA, urlB] = ready.map((l) => l.split(" ")[1]);
    expect(urlA).toBe(urlB);
    expect(ready.map((l) => l.split(" ")[2]).sort()).toEqual(["false", "true"]); // one started it, the other shares it
    const postmaster = Number((await readFile(path.join(clusterDir, "postmaster.pid"), "utf8")).split("\n")[0]);

    a.child.kill("SIGKILL");
    b.child.kill("SIGKILL");
    await Promise.all([a.exited, b.exited]);
    expect(alive(postmaster)).toBe(true); // the orphan

    const logs: string[] = [];
    const adopted = await startEmbeddedPostgres({ clusterDir, database: "held", log: (l) => logs.push(l) });
    expect(adopted.startedHere).toBe(true);
    expect(logs.join("\n")).toMatch(/Adopting the embedded PostgreSQL/);
    const c = new pg.Client({ connectionString: adopted.url });
    await c.connect();
    expect((await c.query("SELECT 1 AS one")).rows[0].one).toBe(1);
    await c.end();
    await adopted.stop();
    await until("the orphan to stop", () => !alive(postmaster), 20_000);
  });
});

describe("shutdown", () => {
  it("of a worker on its own embedded PostgreSQL logs no error: its connections close before the database stops", { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "worker-own-db-"));
    temps.push(dir);
    const w = run(["workers/main.ts"], { DATABASE_URL: undefined, MODELHUB_DATA_DIR: dir, MODELHUB_GPU: "0", WORKER_CONCURRENCY: "1", LOG_LEVEL: "info" });
    await until("the worker to start", () => w.out.some((l) => /"msg":"worker .* started"/.test(l)) || w.child.exitCode !== null, 150_000);
    expect(w.child.exitCode, w.err.join("")).toBeNull();
    w.child.kill("SIGTERM");
    expect(await w.exited).toBe(0);
    const records = w.out.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(records.map((r) => r.msg)).toContain("stopped");
    expect(records.filter((r) => r.level >= 50)).toEqual([]);
  });
});

describe("start-up", () => {
  it("of two workers at once on a new database never crashes; both stop cleanly on SIGTERM", { timeout: 240_000 }, async () => {
    const server = new URL(process.env.DATABASE_URL!);
    const name = `modelhub_twostart_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    try {
      const env = { DATABASE_URL: url.toString(), MODELHUB_GPU: "0", WORKER_CONCURRENCY: "1", LOG_LEVEL: "info" };
      const workers = [run(["workers/main.ts"], env), run(["workers/main.ts"], env)];
      const started = (w: Run) => w.out.some((l) => /"msg":"worker .* started"/.test(l));
      await until("both workers to start", () => workers.every(started) || workers.some((w) => w.child.exitCode !== null), 200_000);
      for (const w of workers) expect(w.child.exitCode, w.err.join("")).toBeNull();
      for (const w of workers) w.child.kill("SIGTERM");
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
      // every line on stdout is a JSON log record
      for (const line of workers.flatMap((w) => w.out)) expect(() => JSON.parse(line), line).not.toThrow();
      const records = workers[0]!.out.map((l) => JSON.parse(l) as { level: number; msg: string; pid: number });
      expect(records.map((r) => r.msg)).toEqual(expect.arrayContaining(["shutting down", "stopped"]));
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      expect(Number((await c.query(`SELECT count(*) FROM "Worker"`)).rows[0].count)).toBe(0);
      await c.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it("stops at once, naming the variable, when the configuration is bad", async () => {
    const w = run(["workers/main.ts"], { WORKER_CONCURRENCY: "abc" });
    expect(await w.exited).toBe(1);
    expect(w.err.join("")).toMatch(/WORKER_CONCURRENCY: must be a number/);
    const h = run(["scripts/hub.ts", "start"], { PORT: "70000", MODELHUB_DATA_DIR: path.join(os.tmpdir(), "never-created") });
    expect(await h.exited).toBe(1);
    expect(h.err.join("")).toMatch(/PORT: must be at most 65535/);
  });
});
