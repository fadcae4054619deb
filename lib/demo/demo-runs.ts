// Visitors' demo runs: each widget reports its own load and first-inference times
// once per page view, and the model page shows the medians per backend before
// anyone loads anything. Reports are plain numbers, checked and clamped; the
// newest 200 runs of a commit make the figures.
import { db } from "../db/client";
import { badRequest, conflict } from "../errors";
import { resolveRevision } from "../repos/resolve-revision";

export const DEMO_BACKENDS = ["webgpu", "webgl", "wasm", "cpu"] as const;
export type DemoRunReport = { commit: string; backend: (typeof DEMO_BACKENDS)[number]; cached: boolean; loadMs: number; firstMs: number };
export type DemoTypical = { backend: string; runs: number; firstMs: number; loadMs: number | null; cachedLoadMs: number | null };

const MAX_MS = 10 * 60 * 1000;
const WINDOW = 200;

/** Records one run against the repo's current main commit (a stale page's report is refused). */
export async function recordDemoRun(repoId: string, r: DemoRunReport): Promise<void> {
  for (const [k, v] of [["loadMs", r.loadMs], ["firstMs", r.firstMs]] as const) {
    if (!Number.isFinite(v) || v < 0 || v > MAX_MS) throw badRequest(`${k} must be a duration in milliseconds, up to ${MAX_MS}`);
  }
  const head = await resolveRevision(repoId, "main");
  if (head.commitId !== r.commit) throw conflict("The model changed since this page was loaded: its demo figures are for the newest commit only");
  await db().demoRun.create({ data: { repoId, commitId: r.commit, backend: r.backend, cached: r.cached, loadMs: Math.round(r.loadMs), firstMs: Math.round(r.firstMs) } });
}

/** Medians of the newest runs of this commit, per backend, most used backend first. */
export async function demoTypical(repoId: string, commitId: string): Promise<DemoTypical[]> {
  const rows = await db().$queryRaw<{ backend: string; runs: bigint; first_ms: number; load_ms: number | null; cached_load_ms: number | null }[]>`
    WITH recent AS (
      SELECT backend, cached, "loadMs", "firstMs" FROM "DemoRun"
      WHERE "repoId" = ${repoId} AND "commitId" = ${commitId}
      ORDER BY "createdAt" DESC LIMIT ${WINDOW}
    )
    SELECT backend, count(*) AS runs,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "firstMs") AS first_ms,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "loadMs") FILTER (WHERE NOT cached) AS load_ms,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY "loadMs") FILTER (WHERE cached) AS cached_load_ms
    FROM recent GROUP BY backend ORDER BY count(*) DESC, backend`;
  return rows.map((r) => ({ backend: r.backend, runs: Number(r.runs), firstMs: r.first_ms, loadMs: r.load_ms, cachedLoadMs: r.cached_load_ms }));
}
