// Shared set-up for every entry point (hub, hubctl, db scripts, tests): the data
// folder, the auth secret, the database (embedded unless DATABASE_URL is set),
// the generated Prisma client and the migrations.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { startEmbeddedPostgres, type RunningDb } from "../lib/db/embedded";

export const ROOT = path.resolve(import.meta.dirname, "..");

export function dataDir(): string {
  return path.resolve(ROOT, process.env.MODELHUB_DATA_DIR ?? ".data");
}

/** Generates the Prisma client when schema.prisma changed since the last generation. */
export function ensurePrismaClient(): void {
  const schema = readFileSync(path.join(ROOT, "prisma/schema.prisma"));
  const hash = crypto.createHash("sha256").update(schema).digest("hex");
  const marker = path.join(ROOT, "lib/db/generated/.schema-hash");
  if (existsSync(marker) && readFileSync(marker, "utf8") === hash) return;
  // `prisma generate` only checks that a schema engine file exists; it never runs it.
  const res = spawnSync(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "generate"], {
    cwd: ROOT,
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (res.status !== 0) throw new Error(`prisma generate failed:\n${res.stdout}\n${res.stderr}`);
  writeFileSync(marker, hash);
}


export async function ensureSecret(dir: string): Promise<void> {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) await writeFile(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  // Sessions are JWTs signed with this secret: keeping it makes sessions survive restarts.
  process.env.NEXTAUTH_SECRET = (await readFile(file, "utf8")).trim();
}

export type Runtime = { databaseUrl: string; db: RunningDb };

/** Prepares data folder, secret and database, applies migrations, and exports the env for children. */
export async function prepareRuntime(opts: { log?: (m: string) => void; migrate?: boolean } = {}): Promise<Runtime> {
  const log = opts.log ?? (() => {});
  const dir = dataDir();
  await mkdir(dir, { recursive: true });
  process.env.MODELHUB_DATA_DIR = dir;
  await ensureSecret(dir);
  ensurePrismaClient();

  let db: RunningDb;
  if (process.env.DATABASE_URL) {
    db = { url: process.env.DATABASE_URL, stop: async () => {}, startedHere: false };
  } else {
    log("Starting embedded PostgreSQL…");
    db = await startEmbeddedPostgres({ clusterDir: path.join(dir, "postgres"), database: "modelhub", log });
    process.env.DATABASE_URL = db.url;
  }
  if (opts.migrate !== false) {
    const { applyMigrations } = await import("../lib/db/migrations");
    const applied = await applyMigrations(db.url);
    if (applied.length) log(`Applied migrations: ${applied.join(", ")}`);
  }
  return { databaseUrl: db.url, db };
}
