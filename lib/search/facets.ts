// Facet counts for the catalogue: how many matching models have each task,
// library, license, language, tag and base model. The in-memory index gives the
// exact number of matches and counts them all up to FACET_SAMPLE matches, beyond
// that an even sample of FACET_SAMPLE. PostgreSQL alone (the index off or loading)
// looks at no more than FACET_CAP matches, whichever it reaches first, so its cost
// does not grow with the hub either. Either way the answer says when counts come
// from a sample ("capped") and whether the total is exact.
import { db, Prisma } from "../db/client";
import { withSubstringFallback } from "../repos/list-repos";
import { listConditions, type ListOptions } from "../repos/list-query";
import { indexedFacets } from "./index/indexed-catalogue";

export const FACET_CAP = 1000;
export const FACET_SAMPLE = 3_000;
export const FACET_KEYS = ["task", "library", "license", "language", "tag", "baseModel"] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
export type FacetValue = { value: string; count: number };
/** total: matches (a lower bound when totalExact is false); capped: counts are from `sample` of them. */
export type Facets = { total: number; totalExact: boolean; capped: boolean; sample: number; counts: Record<FacetKey, FacetValue[]> };

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
  return withSubstringFallback(opts, facetsOnce, (f) => f.total === 0);
}

const noCounts = () => Object.fromEntries(FACET_KEYS.map((k) => [k, [] as FacetValue[]])) as Record<FacetKey, FacetValue[]>;

async function facetsOnce(opts: ListOptions): Promise<Facets> {
  const indexed = await indexedFacets(opts, FACET_SAMPLE);
  if (!indexed) return postgresFacets(opts);
  const counts = noCounts();
  for (const c of indexed.counts) if (!(c.field === "tag" && c.value.startsWith("license:"))) counts[c.field].push({ value: c.value, count: c.count });
  return { total: indexed.total, totalExact: true, capped: indexed.sampled < indexed.total, sample: indexed.sampled, counts: shown(counts) };
}

/** Facets from PostgreSQL alone, over at most FACET_CAP matches. */
export async function postgresFacets(opts: ListOptions): Promise<Facets> {
  const counts = noCounts();
  type Row = { f: FacetKey | "total"; v: string | null; n: number };
  const rows = await db().$queryRaw<Row[]>(facetsQuery(opts));
  const total = rows.find((r) => r.f === "total")?.n ?? 0;
  for (const r of rows) if (r.f !== "total" && r.v !== null) counts[r.f].push({ value: r.v, count: r.n });
  const sample = Math.min(total, FACET_CAP);
  return { total: sample, totalExact: total <= FACET_CAP, capped: total > FACET_CAP, sample, counts: shown(counts) };
}

/** The most frequent values of each facet; tags without those the tag list repeats (task, library, languages). */
function shown(counts: Record<FacetKey, FacetValue[]>): Record<FacetKey, FacetValue[]> {
  const derived = new Set([...counts.task, ...counts.library, ...counts.language].map((x) => x.value));
  counts.tag = counts.tag.filter((t) => !derived.has(t.value));
  for (const k of FACET_KEYS) counts[k] = counts[k].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, SHOWN);
  return counts;
}
