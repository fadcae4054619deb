// The tags a model can carry, grouped by kind (HF get_model_tags, /api/models-tags-by-type):
// every task and license the hub knows, and the libraries and languages its public
// models use, each as { id, label, type }.
import { db } from "../db/client";
import { PIPELINE_TAGS } from "../cards/validate-card";
import { allLicenses } from "../licenses/catalog";

export type TagItem = { id: string; label: string; type: string };

const label = (id: string) => id.replace(/[-_]/g, " ").replace(/\b\w/g, (c) => c.toUpperCase());

export async function modelTagsByType(): Promise<Record<string, TagItem[]>> {
  const used = await db().$queryRaw<{ kind: string; value: string }[]>`
    SELECT DISTINCT 'library' AS kind, r."libraryName" AS value FROM "Repo" r WHERE r.type = 'model' AND NOT r.private AND r."hiddenAt" IS NULL AND r."libraryName" IS NOT NULL
    UNION SELECT DISTINCT 'language', l FROM "Repo" r, unnest(r.languages) l WHERE r.type = 'model' AND NOT r.private AND r."hiddenAt" IS NULL
    ORDER BY 1, 2 LIMIT 5000`;
  const of = (kind: string) => used.filter((u) => u.kind === kind).map((u) => ({ id: u.value, label: u.value, type: kind }));
  return {
    pipeline_tag: PIPELINE_TAGS.map((id) => ({ id, label: label(id), type: "pipeline_tag" })),
    library: of("library"),
    language: of("language"),
    license: allLicenses().map((l) => ({ id: l.id, label: l.name, type: "license" })),
  };
}
