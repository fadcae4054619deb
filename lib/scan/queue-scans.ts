// Which committed files get a pickle scan, and queuing it inside the commit's
// transaction. Scans are per content (sha256): a file committed twice is scanned once.
import { enqueueJob } from "../jobs/queue";
import type { DbTx } from "../repos/tree-entries";

const PICKLE_PATH = /\.(bin|pt|pth|ckpt|pkl|pickle)$/i;

export const isPicklePath = (path: string) => PICKLE_PATH.test(path);

export async function queuePickleScans(tx: DbTx, files: { path: string; sha256: string }[]): Promise<void> {
  const shas = [...new Set(files.filter((f) => isPicklePath(f.path)).map((f) => f.sha256))];
  if (!shas.length) return;
  const claimed = await tx.$queryRaw<{ sha256: string }[]>`
    UPDATE "Blob" SET "scanStatus" = 'queued' WHERE sha256 = ANY(${shas}) AND "scanStatus" IS NULL RETURNING sha256`;
  for (const { sha256 } of claimed) await enqueueJob("scan-blob", { sha256 }, { jobKey: `scan:${sha256}` }, tx);
}

/**
 * Queues scans for committed pickle files that were never scanned (content
 * stored before scanning existed). Walks every tree once; returns how many were queued.
 */
export async function queueMissingScans(sql: DbTx): Promise<number> {
  const rows = await sql.$queryRaw<{ sha256: string }[]>`
    UPDATE "Blob" b SET "scanStatus" = 'queued'
    WHERE b."scanStatus" IS NULL AND b.sha256 IN (
      SELECT DISTINCT e->>'sha256' FROM "Tree" t, jsonb_array_elements(t.entries) e
      WHERE e->>'type' = 'file' AND e->>'name' ~* ${PICKLE_PATH.source})
    RETURNING b.sha256`;
  for (const { sha256 } of rows) await enqueueJob("scan-blob", { sha256 }, { jobKey: `scan:${sha256}` }, sql);
  return rows.length;
}
