// Honest download counts: a GET of a file's bytes counts once per file, per
// client, per UTC day (HEADs, `bytes=0-0` probes and resumed tails never count).
// A client is the signed-in user, else a keyed hash of address and user agent:
// no address is stored. Counted downloads feed a daily series per repo.
import crypto from "node:crypto";
import { db } from "../db/client";
import { env } from "../env";

export type DownloadClient = { userId: string | null; ip: string; userAgent: string };

const today = () => new Date(new Date().toISOString().slice(0, 10));

export function clientKey(c: DownloadClient): string {
  const id = c.userId ? `u:${c.userId}` : `a:${c.ip}\n${c.userAgent.slice(0, 300)}`;
  return crypto.createHmac("sha256", env().NEXTAUTH_SECRET).update(id).digest("base64url").slice(0, 22);
}

/** Records a download; true when it counted (first time today for this client and file). */
export async function recordDownload(repoId: string, fileKey: string, client: DownloadClient): Promise<boolean> {
  const day = today();
  const rows = await db().$queryRaw<{ counted: boolean }[]>`
    WITH seen AS (
      INSERT INTO "DownloadSeen" (day, "repoId", "fileKey", "clientKey") VALUES (${day}::date, ${repoId}, ${fileKey}, ${clientKey(client)})
      ON CONFLICT DO NOTHING RETURNING 1
    ), daily AS (
      INSERT INTO "DownloadDay" ("repoId", day, count) SELECT ${repoId}, ${day}::date, 1 FROM seen
      ON CONFLICT ("repoId", day) DO UPDATE SET count = "DownloadDay".count + 1 RETURNING 1
    ), total AS (
      UPDATE "Repo" SET downloads = downloads + 1 WHERE id = ${repoId} AND EXISTS (SELECT 1 FROM seen) RETURNING 1
    )
    -- data-modifying CTEs run to completion whether or not they are read
    SELECT EXISTS (SELECT 1 FROM seen) AS counted`;
  return rows[0]?.counted ?? false;
}

/** The last `days` UTC days, oldest first, zero-filled. */
export async function downloadSeries(repoId: string, days = 30): Promise<{ day: string; count: number }[]> {
  const since = new Date(today().getTime() - (days - 1) * 86_400_000);
  // raw SQL: this runs on every model page view
  const rows = await db().$queryRaw<{ day: Date; count: number }[]>`SELECT day, count FROM "DownloadDay" WHERE "repoId" = ${repoId} AND day >= ${since}::date`;
  const by = new Map(rows.map((r) => [r.day.toISOString().slice(0, 10), r.count]));
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { day: d, count: by.get(d) ?? 0 };
  });
}

/** Downloads in the last 30 days (the API's `downloads`) for many repos at once. */
export async function recentDownloads(repoIds: string[]): Promise<Map<string, number>> {
  if (!repoIds.length) return new Map();
  const since = new Date(today().getTime() - 29 * 86_400_000);
  const rows = await db().$queryRaw<{ repoId: string; n: bigint }[]>`
    SELECT "repoId", sum(count) AS n FROM "DownloadDay" WHERE "repoId" = ANY(${repoIds}) AND day >= ${since}::date GROUP BY "repoId"`;
  return new Map(rows.map((r) => [r.repoId, Number(r.n)]));
}

/** Drops the per-client memory of days that can no longer count again. */
export async function sweepDownloadSeen(): Promise<number> {
  return db().downloadSeen.deleteMany({ where: { day: { lt: new Date(today().getTime() - 86_400_000) } } }).then((r) => r.count);
}
