// Facet counts for the catalogue: how many matching models have each task,
// library, license, language, tag and base model. Counting is bounded: it looks at
// no more than FACET_CAP matches (whichever the database reaches first, a sample of
// the matches rather than the top of one order), so its cost does not grow with the
// size of the hub; when more models match, the counts say so ("capped").
import { db, Prisma } from "../db/client";
import { listConditions, withSubstringFallback, type ListOptions } from "../repos/list-repos";

export const FACET_CAP = 1000;
export const FACET_KEYS = ["task", "library", "license", "language", "tag", "baseModel"] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
export type FacetValue = { value: string; count: number };
export type Facets = { total: number; capped: boolean; counts: Record<FacetKey, FacetValue[]> };

const SHOWN = 8;

/** The SQL of the facet counts (exported for bench/search, which times it raw). */
export function facetsQuery(opts: ListOptions): Prisma.Sql {
  return Prisma.sql`
    WITH m AS MATERIALIZED (
      SELECT r."pipelineTag", r."libraryName", r.license, r.languages, r.tags, r."baseModels"
      FROM "Repo" r WHERE ${Prisma.join(listConditions(opts), " AND ")}
      LIMIT ${FACET_CAP + 1}
    )
    SELECT 'total' AS f, NULL AS v, count(*)::int AS n FROM m
    UNION ALL SELECT 'task', "pipelineTag", count(*)::int FROM m WHERE "pipelineTag" IS NOT NULL GROUP BY 2
    UNION ALL SELECT 'library', "libraryName", count(*)::int FROM m WHERE "libraryName" IS NOT NULL GROUP BY 2
    UNION ALL SELECT 'license', license, count(*)::int FROM m WHERE license IS NOT NULL GROUP BY 2
    UNION ALL SELECT 'language', l, count(*)::int FROM m, unnest(languages) l GROUP BY 2
    UNION ALL SELECT 'tag', t, count(*)::int FROM m, unnest(tags) t WHERE t NOT LIKE 'license:%' GROUP BY 2
    UNION ALL SELECT 'baseModel', b, count(*)::int FROM m, unnest("baseModels") b GROUP BY 2`;
}

export async function catalogueFacets(opts: ListOptions): Promise<Facets> {
  type Row = { f: FacetKey | "total"; v: string | null; n: number };
  const rows = await withSubstringFallback(opts, (o) => db().$queryRaw<Row[]>(facetsQuery(o)), (r) => (r.find((x) => x.f === "total")?.n ?? 0) === 0);
  const total = rows.find((r) => r.f === "total")?.n ?? 0;
  const counts = Object.fromEntries(FACET_KEYS.map((k) => [k, [] as FacetValue[]])) as Record<FacetKey, FacetValue[]>;
  for (const r of rows) if (r.f !== "total" && r.v !== null) counts[r.f].push({ value: r.v, count: r.n });
  // the tag list repeats the task, library and languages: keep the card's own tags
  const derived = new Set([...counts.task, ...counts.library, ...counts.language].map((x) => x.value));
  counts.tag = counts.tag.filter((t) => !derived.has(t.value));
  for (const k of FACET_KEYS) counts[k] = counts[k].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, SHOWN);
  return { total: Math.min(total, FACET_CAP), capped: total > FACET_CAP, counts };
}
