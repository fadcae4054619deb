// Prisma migrations without the native schema engine: the same engine compiled to
// WebAssembly (@prisma/schema-engine-wasm). prisma/migrations stays the source of
// truth and the history table is the one `prisma migrate deploy` uses.
import { readFile, readdir, mkdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { runMigrations } from "graphile-worker";
import { quietLogger } from "../observability/graphile-logger";
import { log } from "../observability/log";

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
const SCHEMA_PATH = path.join(PRISMA_DIR, "schema.prisma");
const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
const filters = { externalTables: [], externalEnums: [] };

type Engine = {
  diff(p: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  applyMigrations(p: unknown): Promise<{ appliedMigrationNames: string[] }>;
  free(): void;
};
type EngineModule = {
  SchemaEngine: { new: (o: unknown, log: (m: string) => void, adapter: object) => Promise<Engine> };
  __wbg_set_wasm(w: unknown): void;
};

let enginePromise: Promise<EngineModule> | undefined;

// Instantiate the wasm ourselves so Node needs no --experimental-wasm-modules.
function loadEngineModule(): Promise<EngineModule> {
  enginePromise ??= (async () => {
    // The engine reports Rust panics through this global before it throws.
    (globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (m: string) => log().error({ panic: m }, "schema engine panic"),
    };
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bg = (await import(bgPath)) as EngineModule & Record<string, unknown>;
    const bytes = await readFile(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg as WebAssembly.ModuleImports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return enginePromise;
}

// Explicit fields, not a connection string: the adapter makes its shadow database by
// overriding `database`, which node-postgres ignores when a connectionString is set.
function poolConfig(databaseUrl: string) {
  const u = new URL(databaseUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    ssl: u.searchParams.get("sslmode") === "require" ? { rejectUnauthorized: false } : undefined,
  };
}

const quiet = { onPoolError: () => {}, onConnectionError: () => {} };

type PgResult = { fields: { dataTypeID: number }[]; rows: unknown[] };
type Queryable = {
  performIO?: (q: unknown) => Promise<PgResult>;
  queryRaw?: (q: unknown) => Promise<{ rows: unknown[]; columnTypes: number[] }>;
  startTransaction?: (...a: unknown[]) => Promise<unknown>;
};
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

// The engine's catalogue queries return PostgreSQL's one-byte "char" type, which this
// adapter version cannot map; report those columns as Character, which the engine expects.
function readCharColumns<T>(adapter: T): T {
  const q = adapter as Queryable;
  const charColumns = new WeakMap<unknown[], number[]>();
  const performIO = q.performIO?.bind(adapter);
  const queryRaw = q.queryRaw?.bind(adapter);
  if (performIO && queryRaw) {
    q.performIO = async (query) => {
      const res = await performIO(query);
      const idx: number[] = [];
      res.fields.forEach((f, i) => {
        if (f.dataTypeID === PG_CHAR_OID) {
          f.dataTypeID = PG_TEXT_OID;
          idx.push(i);
        }
      });
      if (idx.length) charColumns.set(res.rows, idx);
      return res;
    };
    q.queryRaw = async (query) => {
      const out = await queryRaw(query);
      for (const i of charColumns.get(out.rows) ?? []) out.columnTypes[i] = COLUMN_TYPE_CHARACTER;
      return out;
    };
  }
  const startTransaction = q.startTransaction?.bind(adapter);
  if (startTransaction) q.startTransaction = async (...a) => readCharColumns(await startTransaction(...a));
  return adapter;
}

// The adapter runs a script by splitting it at every ";", which breaks function bodies
// (the catalogue triggers' plpgsql). Send it whole: PostgreSQL runs a multi-statement
// simple query as one implicit transaction, so a migration also applies all or nothing.
function wholeScripts<T>(adapter: T): T {
  const a = adapter as { executeScript?: (s: string) => Promise<void>; client?: { query: (s: string) => Promise<unknown> }; onError?: (e: unknown) => never };
  if (a.executeScript && a.client) {
    const client = a.client;
    a.executeScript = async (script) => {
      try {
        await client.query(script);
      } catch (e) {
        if (a.onError) a.onError(e);
        throw e;
      }
    };
  }
  return adapter;
}

// The engine diffs against a throwaway "shadow" database. We make it ourselves so
// its pool has error listeners (dropping it ends that pool's idle connections).
function migrationAdapterFactory(databaseUrl: string) {
  const config = poolConfig(databaseUrl);
  const main = new PrismaPg(config, quiet);
  return {
    provider: "postgres" as const,
    adapterName: main.adapterName,
    connect: async () => wholeScripts(readCharColumns(await main.connect())),
    async connectToShadowDb() {
      const name = `modelhub_shadow_${crypto.randomUUID().replace(/-/g, "")}`;
      const admin = new pg.Client(config);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const adapter = wholeScripts(readCharColumns(await new PrismaPg({ ...config, database: name }, quiet).connect()));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const c = new pg.Client(config);
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      };
      return adapter;
    },
  };
}

async function withEngine<T>(databaseUrl: string, fn: (engine: Engine, schema: string) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const adapter = bindMigrationAwareSqlAdapterFactory(migrationAdapterFactory(databaseUrl));
  const engine = await SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, adapter);
  try {
    return await fn(engine, schema);
  } finally {
    engine.free();
  }
}

export async function loadMigrationList() {
  const dirs = existsSync(MIGRATIONS_DIR)
    ? (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((e: Error) => ({ tag: "error" as const, value: e.message })),
        },
      })),
    ),
  };
}

// Any fixed number: every Modelhub process migrating this database waits on it.
const MIGRATION_LOCK = 7_140_042_001;

/**
 * Runs `fn` holding the migration lock. Processes started together (two workers, a
 * hub and a worker) queue here instead of racing into the schema engine, whose own
 * lock gives up after ten seconds. A session lock: it goes with a process that dies.
 */
async function underMigrationLock<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...poolConfig(databaseUrl), connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    return await fn();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/**
 * Applies pending migrations; returns the names of those applied. `upTo` limits them
 * to the named ones (a restore recreates the schema its backup was taken from).
 */
export async function applyMigrations(databaseUrl: string, opts: { upTo?: string[]; queue?: boolean } = {}): Promise<string[]> {
  const all = await loadMigrationList();
  const migrationsList = opts.upTo ? { ...all, migrationDirectories: all.migrationDirectories.filter((d) => opts.upTo!.includes(d.path)) } : all;
  return underMigrationLock(databaseUrl, async () => {
    const applied = await withEngine(databaseUrl, async (engine) => (await engine.applyMigrations({ migrationsList, filters })).appliedMigrationNames);
    // The job queue keeps its own schema (graphile_worker), versioned by graphile-worker.
    if (opts.queue !== false) await runMigrations({ connectionString: databaseUrl, logger: quietLogger() });
    return applied;
  });
}

/** The migrations recorded as applied in a database (oldest first). */
export async function appliedMigrationNames(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client(poolConfig(databaseUrl));
  client.on("error", () => {});
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    return rows.map((r) => r.migration_name);
  } finally {
    await client.end().catch(() => {});
  }
}

/** SQL that would bring the migrations up to schema.prisma; empty when they agree. */
export async function pendingSchemaSql(databaseUrl: string): Promise<string> {
  const migrationsList = await loadMigrationList();
  return withEngine(databaseUrl, async (engine, schema) => {
    const from = migrationsList.migrationDirectories.length ? { tag: "migrations", ...migrationsList } : { tag: "empty" };
    const out = await engine.diff({
      from,
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
      script: true,
      exitCode: null,
      filters,
    });
    const sql = (out.stdout ?? "").trim();
    return /^-- This is an empty migration\.?$/.test(sql) ? "" : sql;
  });
}

/** Writes a new migration folder from the schema changes; returns its name, or null if none. */
export async function createMigration(databaseUrl: string, label: string): Promise<string | null> {
  const sql = await pendingSchemaSql(databaseUrl);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const name = `${stamp}_${label.replace(/[^a-z0-9_]+/gi, "_").toLowerCase() || "migration"}`;
  await mkdir(path.join(MIGRATIONS_DIR, name), { recursive: true });
  await writeFile(path.join(MIGRATIONS_DIR, name, "migration.sql"), sql + "\n");
  const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!existsSync(lock)) {
    await writeFile(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  }
  return name;
}
