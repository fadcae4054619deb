// Trending: attention in the last two weeks, each day worth less the older it is
// (downloads count once, a like five times; half-life about two days). Refreshed
// by the refresh-trending job every 15 minutes; only repos with recent activity
// (or a score to clear) are written.
import { db } from "../db/client";

const WINDOW_DAYS = 14;

export async function refreshTrending(): Promise<number> {
  return db().$executeRaw`
    WITH activity AS (
      SELECT "repoId", sum(count * exp(-(current_date - day) / 3.0)) AS score
      FROM "DownloadDay" WHERE day > current_date - ${WINDOW_DAYS}::int GROUP BY 1
      UNION ALL
      SELECT "repoId", sum(5 * exp(-extract(epoch FROM now() - "createdAt") / 86400 / 3.0)) FROM "Like"
      WHERE "createdAt" > now() - make_interval(days => ${WINDOW_DAYS}::int) GROUP BY 1
    ), scores AS (SELECT "repoId", sum(score)::float8 AS score FROM activity GROUP BY 1)
    UPDATE "Repo" r SET trending = coalesce(s.score, 0)
    FROM (SELECT id FROM "Repo" WHERE trending > 0 UNION SELECT "repoId" FROM scores) t
    LEFT JOIN scores s ON s."repoId" = t.id
    WHERE r.id = t.id AND r.trending IS DISTINCT FROM coalesce(s.score, 0)`;
}
