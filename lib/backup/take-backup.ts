// A consistent backup while the hub serves: every table is read in one
// REPEATABLE READ snapshot, and the files that snapshot names are copied while the
// blob collector is held off (lib/blobs/gc-lock). Contents are immutable and stored
// by hash, so a copy taken after the snapshot holds exactly the bytes it names.
import { createReadStream, createWriteStream } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import crypto from "node:crypto";
import path from "node:path";
import readline from "node:readline";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { BLOB_GC_LOCK } from "../blobs/gc-lock";
import { appliedMigrationNames } from "../db/migrations";
import type { BlobStore } from "../storage";
import { blobPath, FORMAT, FORMAT_VERSION, type Manifest, SCHEMAS, SKIPPED_TABLES, quoteIdent, tableRef } from "./backup-format";

export type BackupOptions = {
  databaseUrl: string;
  store: BlobStore;
  out: string;
  /** The data folder's auth secret file, when the hub's secret lives there (not in NEXTAUTH_SECRET). */
  secretFile?: string;
  /** For S3: copy the objects into the folder too (by default the manifest lists their keys). */
  copyObjects?: boolean;
  log?: (line: string) => void;
};

/** Counts lines (COPY text rows) and hashes what passes. */
function meter(): Transform & { lines: number; hash: crypto.Hash } {
  const t = new Transform({
    transform(chunk: Buffer, _e, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) t.lines++;
      done(null, chunk);
    },
  }) as Transform & { lines: number; hash: crypto.Hash };
  t.lines = 0;
  return t;
}

async function writeHashed(source: Readable, file: string, gzip: boolean): Promise<{ lines: number; sha256: string }> {
  const m = meter();
  const hash = crypto.createHash("sha256");
  const hasher = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(source, m, ...(gzip ? [zlib.createGzip({ level: 6 })] : []), hasher, createWriteStream(file));
  return { lines: m.lines, sha256: hash.digest("hex") };
}

async function copyBlob(store: BlobStore, sha256: string, dest: string): Promise<number> {
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial`;
  const hash = crypto.createHash("sha256");
  let bytes = 0;
  await pipeline(
    await store.read(sha256),
    new Transform({
      transform(chunk: Buffer, _e, done) {
        hash.update(chunk);
        bytes += chunk.length;
        done(null, chunk);
      },
    }),
    createWriteStream(tmp),
  );
  // A stored file whose bytes no longer match their name is damage to report, not to back up.
  if (hash.digest("hex") !== sha256) {
    await rm(tmp, { force: true });
    throw new Error(`The stored file ${sha256} does not match its hash: the blob store is damaged`);
  }
  await rename(tmp, dest);
  return bytes;
}

async function forEachLine(file: string, fn: (line: string) => Promise<void>, parallel = 4): Promise<void> {
  const running = new Set<Promise<void>>();
  let failed: unknown;
  for await (const line of readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (failed) break;
    if (!line) continue;
    const p = fn(line).catch((e) => void (failed ??= e)).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= parallel) await Promise.race(running);
  }
  await Promise.all(running);
  if (failed) throw failed;
}

export async function takeBackup(opts: BackupOptions): Promise<Manifest> {
  const log = opts.log ?? (() => {});
  const out = path.resolve(opts.out);
  await mkdir(out, { recursive: true });
  if ((await readdir(out)).length) throw new Error(`${out} is not empty: a backup goes into a new folder`);
  await mkdir(path.join(out, "db"));

  const migrations = await appliedMigrationNames(opts.databaseUrl);
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // Held until the end: the collector cannot remove a file this snapshot names.
    await client.query("SELECT pg_advisory_xact_lock_shared($1)", [BLOB_GC_LOCK]);
    const { rows: tableRows } = await client.query<{ schema: string; name: string; columns: string[] }>(
      `SELECT n.nspname AS schema, c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
       WHERE c.relkind = 'r' AND n.nspname = ANY($1) GROUP BY 1, 2 ORDER BY 1, 2`,
      [SCHEMAS],
    );
    const tables: Manifest["tables"] = [];
    for (const t of tableRows.filter((t) => !SKIPPED_TABLES.has(`${t.schema}.${t.name}`))) {
      const file = `db/${t.schema}.${t.name}.copy.gz`;
      const cols = t.columns.map(quoteIdent).join(", ");
      const { lines, sha256 } = await writeHashed(client.query(copyTo(`COPY (SELECT ${cols} FROM ${tableRef(t.schema, t.name)}) TO STDOUT`)), path.join(out, file), true);
      tables.push({ schema: t.schema, name: t.name, columns: t.columns, rows: lines, file, sha256 });
    }
    const { rows: seqRows } = await client.query<{ schema: string; name: string }>(
      `SELECT schemaname AS schema, sequencename AS name FROM pg_sequences WHERE schemaname = ANY($1) ORDER BY 1, 2`,
      [SCHEMAS],
    );
    const sequences: Manifest["sequences"] = [];
    for (const s of seqRows) {
      const { rows } = await client.query<{ value: string; isCalled: boolean }>(`SELECT last_value::text AS value, is_called AS "isCalled" FROM ${tableRef(s.schema, s.name)}`);
      sequences.push({ ...s, ...rows[0]! });
    }
    log(`Database: ${tables.length} tables, ${tables.reduce((n, t) => n + t.rows, 0)} rows.`);

    // Every content the snapshot names, with its size.
    const list = await writeHashed(client.query(copyTo(`COPY (SELECT sha256, size FROM "Blob" ORDER BY sha256) TO STDOUT`)), path.join(out, "blobs.tsv"), false);
    const copy = opts.store.kind === "disk" || opts.copyObjects === true;
    let count = 0;
    let bytes = 0n;
    let copiedBytes = 0;
    await forEachLine(path.join(out, "blobs.tsv"), async (line) => {
      const [sha256, size] = line.split("\t");
      count++;
      bytes += BigInt(size!);
      if (!copy) return;
      copiedBytes += await copyBlob(opts.store, sha256!, blobPath(out, sha256!));
      if (count % 500 === 0) log(`Files: ${count} copied (${(copiedBytes / 1024 ** 2).toFixed(0)} MiB)…`);
    });
    log(copy ? `Files: ${count} copied, ${bytes} bytes.` : `Files: ${count} objects listed in blobs.tsv (the bucket is backed up separately).`);
    await client.query("COMMIT");

    if (opts.secretFile) await copyFile(opts.secretFile, path.join(out, "auth-secret"));
    const s3 = opts.store.kind === "s3" ? (opts.store as BlobStore & { bucket?: string }) : null;
    const manifest: Manifest = {
      format: FORMAT,
      version: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      migrations,
      tables,
      sequences,
      storage: { driver: opts.store.kind, blobs: count, bytes: String(bytes), copied: copy, ...(s3?.bucket ? { bucket: s3.bucket } : {}) },
      blobList: { file: "blobs.tsv", sha256: list.sha256 },
      secret: opts.secretFile ? "file" : "env",
    };
    await writeFile(path.join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
    return manifest;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}
