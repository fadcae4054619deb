// The dataset catalogue's facet counts: datasets carry their facets as prefixed tags
// (task_categories:…, size_categories:…, language:…, license:…, format:…, modality:…),
// counted over the datasets that match the rest of the query. Datasets are far fewer
// than models, so PostgreSQL counts them directly (capped, like the model facets).
import { db, Prisma } from "../db/client";
import { listConditions, type ListOptions } from "../repos/list-query";

export const DATASET_FACETS = [
  { key: "task_categories", label: "Tasks" },
  { key: "modality", label: "Modalities" },
  { key: "size_categories", label: "Size (rows)" },
  { key: "format", label: "Formats" },
  { key: "language", label: "Languages" },
  { key: "license", label: "Licenses" },
] as const;

export type DatasetFacetCounts = { total: number; capped: boolean; facets: Record<string, { value: string; count: number }[]> };

const CAP = 10_000;
const PER_FACET = 15;

export async function datasetFacetCounts(opts: ListOptions): Promise<DatasetFacetCounts> {
  const prefixes = DATASET_FACETS.map((f) => `${f.key}:`);
  const rows = await db().$queryRaw<{ tag: string | null; n: number }[]>`
    WITH m AS MATERIALIZED (SELECT r.tags FROM "Repo" r WHERE ${Prisma.join(listConditions({ ...opts, type: "dataset" }), " AND ")} LIMIT ${CAP + 1})
    SELECT NULL AS tag, count(*)::int AS n FROM m
    UNION ALL
    SELECT t, count(*)::int FROM m, unnest(m.tags) t WHERE split_part(t, ':', 1) || ':' = ANY(${prefixes}::text[]) GROUP BY t`;
  const total = rows.find((r) => r.tag === null)?.n ?? 0;
  const facets: DatasetFacetCounts["facets"] = {};
  for (const f of DATASET_FACETS) {
    facets[f.key] = rows
      .filter((r) => r.tag?.startsWith(`${f.key}:`))
      .map((r) => ({ value: r.tag!.slice(f.key.length + 1), count: r.n }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, PER_FACET);
  }
  return { total: Math.min(total, CAP), capped: total > CAP, facets };
}
