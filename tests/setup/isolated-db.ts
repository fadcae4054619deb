// A database of its own for a test file whose jobs must not be run by another
// file's queue drain (fine-tunes, worker processes). Call useIsolatedDatabase from
// beforeAll, before anything touches the database, and dropIsolatedDatabase from afterAll.
import crypto from "node:crypto";
import pg from "pg";

let isolated: { name: string; serverUrl: string } | null = null;

export async function useIsolatedDatabase(label: string): Promise<string> {
  const serverUrl = process.env.DATABASE_URL!;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `modelhub_${label}_${crypto.randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  const { applyMigrations } = await import("../../lib/db/migrations");
  await applyMigrations(u.toString());
  process.env.DATABASE_URL = u.toString();
  isolated = { name, serverUrl };
  return u.toString();
}

/** Drops the file's database (an external PostgreSQL would otherwise keep it). */
export async function dropIsolatedDatabase(): Promise<void> {
  if (!isolated) return;
  const { disconnectDb } = await import("../../lib/db/client");
  await disconnectDb();
  const c = new pg.Client({ connectionString: isolated.serverUrl });
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${isolated.name} WITH (FORCE)`);
  await c.end();
  isolated = null;
}
