// Vitest global setup: a real PostgreSQL for the whole run. An embedded server
// in a temp folder, or a fresh database on DATABASE_URL's server when it is set.
// Every test file sees DATABASE_URL, a temp data folder and an auth secret.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import pg from "pg";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { applyMigrations } from "../../lib/db/migrations";
import { ensurePrismaClient } from "../../scripts/runtime";

export default async function setup() {
  ensurePrismaClient();
  const tmp = await mkdtemp(path.join(os.tmpdir(), "modelhub-test-"));
  let stop = async () => {};
  let url: string;
  if (process.env.DATABASE_URL) {
    const name = `modelhub_test_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    stop = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const db = await startEmbeddedPostgres({ clusterDir: path.join(tmp, "postgres"), database: "modelhub_test" });
    url = db.url;
    stop = db.stop;
  }
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  process.env.MODELHUB_DATA_DIR = path.join(tmp, "data");
  process.env.NEXTAUTH_SECRET = crypto.randomBytes(32).toString("base64url");
  // Tests provoke failures on purpose (retried jobs, refused requests): their log lines would
  // bury the report. LOG_LEVEL=info npm run test:unit shows them.
  process.env.LOG_LEVEL ??= "silent";
  return async () => {
    await stop();
    await rm(tmp, { recursive: true, force: true });
  };
}
