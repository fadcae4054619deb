// Every new content a commit brings is scanned for pickles, by what it holds rather
// than by its name (lib/scan/scan-pickle-file), in jobs queued inside the commit's
// transaction. Scans are per content (sha256): a file committed twice is scanned once.
import { db } from "../db/client";
import { enqueueJobs } from "../jobs/queue";
import type { DbTx } from "../repos/tree-entries";

/** Queues a scan for each content never scanned before (claimed by setting its status to "queued"). */
export async function queuePickleScans(tx: DbTx, files: { sha256: string }[]): Promise<void> {
  const shas = [...new Set(files.map((f) => f.sha256))];
  if (!shas.length) return;
  const claimed = await tx.$queryRaw<{ sha256: string }[]>`
    UPDATE "Blob" SET "scanStatus" = 'queued' WHERE sha256 = ANY(${shas}) AND "scanStatus" IS NULL RETURNING sha256`;
  await enqueueJobs(tx, "scan-blob", claimed.map(({ sha256 }) => ({ payload: { sha256 }, jobKey: `scan:${sha256}` })));
}

/**
 * Queues scans for stored content that was never scanned, or was scanned by an
 * earlier scanner whose verdicts no longer stand (`hubctl scan backfill`, and the
 * hub's start). Returns how many were queued.
 */
export async function queueMissingScans(sql: DbTx, batch = 10_000): Promise<number> {
  const rows = await sql.$queryRaw<{ sha256: string }[]>`
    UPDATE "Blob" SET "scanStatus" = 'queued'
    WHERE sha256 IN (SELECT sha256 FROM "Blob" WHERE "scanStatus" IS NULL LIMIT ${batch})
    RETURNING sha256`;
  await enqueueJobs(sql, "scan-blob", rows.map(({ sha256 }) => ({ payload: { sha256 }, jobKey: `scan:${sha256}` })));
  return rows.length;
}

/** Every content never scanned, in batches (each its own transaction); returns how many were queued. */
export async function queueAllMissingScans(): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db().$transaction((tx) => queueMissingScans(tx));
    total += n;
    if (!n) return total;
  }
}
