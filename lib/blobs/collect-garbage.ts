// The blob collector: stored contents that no commit of any repo (its whole history)
// and no fine-tune job names any more are marked, and removed once they have stayed
// unreferenced for the grace period (BLOB_GC_GRACE_HOURS). Deleted repos, refused and
// abandoned uploads end here. Safe against work in flight:
// - an upload or commit that reuses a marked content clears its mark first
//   (reviveBlobs), and waits for a removal already under way, then stores it again;
// - the row and the stored file go together, in one transaction per content;
// - a backup holds the collector off while it copies (gc-lock).
import { historyContents } from "../repos/history-contents";
import { db, Prisma } from "../db/client";
import { env } from "../env";
import { errorFields, log } from "../observability/log";
import { blobStore } from "../storage";
import { BLOB_GC_LOCK } from "./gc-lock";

type Sql = { $executeRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<number> };

/**
 * Contents about to be named again (a commit, an upload that found them stored) lose
 * their mark. Returns how many of them are still stored: fewer than asked means one
 * was removed just before, and must be uploaded again.
 */
export async function reviveBlobs(shas: string[], sql: Sql = db()): Promise<number> {
  if (!shas.length) return 0;
  // An UPDATE of every row (not only marked ones): it waits for a removal in progress and counts what survived it.
  return sql.$executeRaw`UPDATE "Blob" SET "unreferencedSince" = NULL WHERE sha256 = ANY(${shas}::text[])`;
}

// Every content named by a commit reachable from any ref (branches, tags, pull
// requests; full history), or by a fine-tune job's dataset.
const REACHABLE = Prisma.sql`SELECT sha256 FROM ${historyContents(Prisma.sql`TRUE`)} h UNION SELECT "datasetSha256" FROM "FineTuneJob"`;

// Prisma keeps DateTime columns as UTC timestamps without a zone; so does the collector.
const UTC_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

export type GcResult = { skipped: boolean; marked: number; revived: number; removed: number; removedBytes: bigint };

export async function collectGarbage(opts: { dryRun?: boolean; graceMs?: number } = {}): Promise<GcResult> {
  const graceMs = opts.graceMs ?? env().BLOB_GC_GRACE_HOURS * 3600_000;
  const result: GcResult = { skipped: false, marked: 0, revived: 0, removed: 0, removedBytes: 0n };
  const candidates = await db().$transaction(
    async (tx) => {
      // Alone or not at all: a backup (shared) or another hub's collector holds it.
      const [{ locked }] = await tx.$queryRaw<[{ locked: boolean }]>`SELECT pg_try_advisory_xact_lock(${BLOB_GC_LOCK}::bigint) AS locked`;
      if (!locked) return null;
      await tx.$executeRaw`CREATE TEMP TABLE gc_reachable ON COMMIT DROP AS ${REACHABLE}`;
      await tx.$executeRaw`CREATE INDEX ON gc_reachable (sha256)`;
      // Candidates first: a content is never marked and removed in the same round.
      const due = await tx.$queryRaw<{ sha256: string; size: bigint }[]>`
        SELECT sha256, size FROM "Blob" b WHERE "unreferencedSince" < ${UTC_NOW} - make_interval(secs => ${graceMs / 1000}::float8)
          AND NOT EXISTS (SELECT 1 FROM gc_reachable r WHERE r.sha256 = b.sha256)`;
      if (!opts.dryRun) {
        result.revived = await tx.$executeRaw`UPDATE "Blob" b SET "unreferencedSince" = NULL WHERE "unreferencedSince" IS NOT NULL AND EXISTS (SELECT 1 FROM gc_reachable r WHERE r.sha256 = b.sha256)`;
        result.marked = await tx.$executeRaw`UPDATE "Blob" b SET "unreferencedSince" = ${UTC_NOW} WHERE "unreferencedSince" IS NULL AND NOT EXISTS (SELECT 1 FROM gc_reachable r WHERE r.sha256 = b.sha256)`;
      }
      return due;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
  if (candidates === null) return { ...result, skipped: true };
  for (const c of candidates) {
    if (opts.dryRun) {
      result.removed++;
      result.removedBytes += c.size;
      continue;
    }
    try {
      // The row goes only with the file. A commit or upload reviving it meanwhile wins: its
      // UPDATE clears the mark (this DELETE then matches nothing) or waits for this one to end.
      const gone = await db().$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ location: string | null }[]>`
          DELETE FROM "Blob" WHERE sha256 = ${c.sha256} AND "unreferencedSince" < ${UTC_NOW} - make_interval(secs => ${graceMs / 1000}::float8) RETURNING location`;
        if (!row) return false;
        await tx.$executeRaw`DELETE FROM "BlobGrant" WHERE sha256 = ${c.sha256}`;
        await tx.$executeRaw`DELETE FROM "TensorDigest" WHERE sha256 = ${c.sha256}`;
        await blobStore().delete(c.sha256, row.location);
        return true;
      });
      if (gone) {
        result.removed++;
        result.removedBytes += c.size;
      }
    } catch (e) {
      log().error({ sha256: c.sha256, ...errorFields(e) }, "blob collector: could not remove a stored file; it stays for the next round");
    }
  }
  if (result.removed || result.marked) log().info({ ...result, removedBytes: String(result.removedBytes), dryRun: opts.dryRun ?? false }, "blob collector");
  return result;
}
