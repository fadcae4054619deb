// The Prisma client singleton, over node-postgres (no native query engine), and
// plain statements on the same connection pool for the hottest small reads.
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "./generated/client";
import { env } from "../env";
import { log } from "../observability/log";
import { collectedGauge } from "../observability/metrics";

export type Db = PrismaClient;

const globalForDb = globalThis as unknown as { modelhubDb?: { client: PrismaClient; pool: pg.Pool } };

function connection(): { client: PrismaClient; pool: pg.Pool } {
  if (!globalForDb.modelhubDb) {
    // A server that cannot be reached fails a connection within seconds instead of holding the request.
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 10, connectionTimeoutMillis: 5000 });
    // An idle connection that breaks (the server restarted, an administrator ended it) is
    // dropped and reported here; with no listener, the report would end the process.
    // Prisma listens only while it is connected, and plainQuery may come first.
    pool.on("error", (e) => log().warn({ reason: e.message }, "database: an idle connection was dropped"));
    collectedGauge("modelhub_db_pool_connections", "Database pool connections by state.", ["state"], (g) => {
      const p = globalForDb.modelhubDb?.pool;
      g.set({ state: "total" }, p?.totalCount ?? 0);
      g.set({ state: "idle" }, p?.idleCount ?? 0);
      g.set({ state: "waiting" }, p?.waitingCount ?? 0);
    });
    globalForDb.modelhubDb = { client: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
  }
  return globalForDb.modelhubDb;
}

export function db(): PrismaClient {
  return connection().client;
}

/**
 * A statement sent as is, its rows as node-postgres parses them (text, numbers,
 * arrays of text; timestamps and 64-bit integers would not come back as Prisma's).
 * For a few small reads on every request, where the ORM's mapping costs more than
 * the statement (bench/search).
 */
export async function plainQuery<T>(sql: Prisma.Sql): Promise<T[]> {
  return (await connection().pool.query(sql.text, sql.values)).rows as T[];
}

/**
 * plainQuery as a named prepared statement: each connection parses and plans it once, which
 * was a fifth of a catalogue page's statement at 10k models (bench/search). The name is the
 * text's digest, so one name always means one text. Only for statements whose texts come in a
 * handful of shapes (every value a parameter): each shape stays prepared on every connection.
 */
export async function preparedQuery<T>(sql: Prisma.Sql): Promise<T[]> {
  const name = `mh_${createHash("sha1").update(sql.text).digest("base64url")}`;
  return (await connection().pool.query({ name, text: sql.text, values: sql.values })).rows as T[];
}

export async function disconnectDb(): Promise<void> {
  const current = globalForDb.modelhubDb;
  globalForDb.modelhubDb = undefined;
  if (!current) return;
  await current.client.$disconnect();
  await current.pool.end();
}

export { Prisma } from "./generated/client";
