// Restores a backup (take-backup.ts) into an empty database and blob store: the
// schema as the backup's migrations left it, every table in one transaction, then
// the migrations added since, then the files, each checked against its hash. A
// damaged or foreign folder is refused before anything is written.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import crypto from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { applyMigrations, appliedMigrationNames, loadMigrationList } from "../db/migrations";
import type { BlobStore } from "../storage";
import { blobPath, manifestSchema, type Manifest, quoteIdent, tableRef } from "./backup-format";

export type RestoreOptions = {
  from: string;
  databaseUrl: string;
  store: BlobStore;
  /** Where verified files wait before the store takes them (the data folder's tmp/). */
  stagingDir: string;
  log?: (line: string) => void;
};

export type RestoreResult = { tables: number; rows: number; blobs: number; missingObjects: number };

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Reads and checks the manifest and every file it names; throws on the first problem. */
export async function readBackup(dir: string): Promise<Manifest> {
  const raw = await readFile(path.join(dir, "manifest.json"), "utf8").catch(() => {
    throw new Error(`${dir} holds no manifest.json: not a Modelhub backup, or one that did not finish`);
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new Error("manifest.json is not valid JSON");
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) throw new Error(`manifest.json is not a Modelhub backup manifest: ${checked.error.issues[0]?.path.join(".")}: ${checked.error.issues[0]?.message}`);
  const m = checked.data;
  for (const f of [...m.tables.map((t) => ({ file: t.file, sha256: t.sha256 })), m.blobList]) {
    if ((await sha256Of(path.join(dir, f.file)).catch(() => null)) !== f.sha256) throw new Error(`${f.file} is missing or damaged (its hash differs from the manifest's)`);
  }
  return m;
}

async function isEmpty(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ users: string | null; repos: string | null }>(`SELECT to_regclass('public."User"')::text AS users, to_regclass('public."Repo"')::text AS repos`);
  if (!rows[0]!.users) return true;
  const { rows: n } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "User") OR EXISTS (SELECT 1 FROM "Repo") AS any`);
  return !n[0]!.any;
}

async function forEachBlob(dir: string, fn: (sha256: string, size: number) => Promise<void>): Promise<void> {
  for await (const line of readline.createInterface({ input: createReadStream(path.join(dir, "blobs.tsv")), crlfDelay: Infinity })) {
    if (!line) continue;
    const [sha256, size] = line.split("\t");
    if (!/^[0-9a-f]{64}$/.test(sha256 ?? "") || !/^[0-9]+$/.test(size ?? "")) throw new Error(`blobs.tsv has a malformed line: ${line.slice(0, 100)}`);
    await fn(sha256!, Number(size));
  }
}

/** A file from the backup into the store, checked against its name on the way. */
async function putChecked(store: BlobStore, source: string, sha256: string, size: number, stagingDir: string): Promise<void> {
  await mkdir(stagingDir, { recursive: true });
  const tmp = path.join(stagingDir, `restore-${crypto.randomUUID()}`);
  const hash = crypto.createHash("sha256");
  try {
    await pipeline(
      createReadStream(source),
      new Transform({
        transform(chunk: Buffer, _e, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(tmp),
    );
    if (hash.digest("hex") !== sha256) throw new Error(`The backup's copy of ${sha256} is damaged (its bytes have another hash)`);
    await store.putFile(sha256, tmp, size);
  } finally {
    await rm(tmp, { force: true });
  }
}

async function relocateToContentAddresses(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(`UPDATE "Blob" SET location = NULL WHERE location IS NOT NULL`);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const log = opts.log ?? (() => {});
  const m = await readBackup(opts.from);
  const known = new Set((await loadMigrationList()).migrationDirectories.map((d) => d.path));
  const unknown = m.migrations.filter((n) => !known.has(n));
  if (unknown.length) throw new Error(`The backup comes from a newer Modelhub (migrations ${unknown.join(", ")} are unknown here): restore it with that version or later`);

  const client = new pg.Client({ connectionString: opts.databaseUrl });
  client.on("error", () => {});
  await client.connect();
  let rows = 0;
  try {
    if (!(await isEmpty(client))) throw new Error("The target database already holds users or repos: a backup is restored into an empty data folder or database");
    const applied = await appliedMigrationNames(opts.databaseUrl).catch(() => [] as string[]);
    const beyond = applied.filter((n) => !m.migrations.includes(n));
    if (beyond.length) throw new Error(`The target database has migrations the backup does not (${beyond.slice(0, 3).join(", ")}…): restore into a database that has none`);
    // The schema as it was when the backup was taken, so every column matches.
    await applyMigrations(opts.databaseUrl, { upTo: m.migrations });

    await client.query("BEGIN");
    try {
      // Rows arrive table by table: foreign keys and triggers wait until all are in (superuser only).
      await client.query("SET LOCAL session_replication_role = replica").catch((e: Error) => {
        throw new Error(`Restoring needs a database role that may set session_replication_role (a superuser): ${e.message}`);
      });
      await client.query(`TRUNCATE ${m.tables.map((t) => tableRef(t.schema, t.name)).join(", ")}`);
      for (const t of m.tables) {
        const sink = client.query(copyFrom(`COPY ${tableRef(t.schema, t.name)} (${t.columns.map(quoteIdent).join(", ")}) FROM STDIN`));
        await pipeline(createReadStream(path.join(opts.from, t.file)), zlib.createGunzip(), sink);
        rows += t.rows;
      }
      for (const s of m.sequences) await client.query(`SELECT setval($1, $2::bigint, $3)`, [tableRef(s.schema, s.name), s.value, s.isCalled]);
      // Nothing was running when the restored hub starts: no workers, no locked queue jobs.
      await client.query(`DELETE FROM "Worker"`);
      await client.query(`UPDATE "FineTuneJob" SET status = 'queued', "workerId" = NULL WHERE status = 'running'`);
      await client.query(`UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL WHERE locked_at IS NOT NULL`);
      await client.query(`UPDATE graphile_worker._private_job_queues SET locked_at = NULL, locked_by = NULL WHERE locked_at IS NOT NULL`);
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    }
  } finally {
    await client.end().catch(() => {});
  }
  const later = await applyMigrations(opts.databaseUrl);
  log(`Database: ${m.tables.length} tables, ${rows} rows restored${later.length ? `; then applied ${later.join(", ")}` : ""}.`);
  // Copied files go back to their content addresses, wherever the old store held them.
  if (m.storage.copied) await relocateToContentAddresses(opts.databaseUrl);

  let blobs = 0;
  let missingObjects = 0;
  await forEachBlob(opts.from, async (sha256, size) => {
    blobs++;
    if (await opts.store.exists(sha256)) return;
    if (m.storage.copied) await putChecked(opts.store, blobPath(opts.from, sha256), sha256, size, opts.stagingDir);
    else missingObjects++;
    if (blobs % 500 === 0) log(`Files: ${blobs} of ${m.storage.blobs}…`);
  });
  log(
    m.storage.copied
      ? `Files: ${blobs} restored and checked.`
      : missingObjects
        ? `The bucket lacks ${missingObjects} of the ${blobs} objects the database names: restore the bucket's blobs/ prefix from its own backup.`
        : `Files: all ${blobs} objects the database names are in the bucket.`,
  );
  return { tables: m.tables.length, rows, blobs, missingObjects };
}
