// The tags a model can carry, grouped by kind (HF get_model_tags, /api/models-tags-by-type):
// every task and license the hub knows, and the libraries and languages its public
// models use, each as { id, label, type }.
import { db } from "../db/client";
import { PIPELINE_TAGS } from "../cards/validate-card";
import { allLicenses } from "../licenses/catalog";
import { DATASET_TASKS, SIZE_CATEGORIES } from "../datasets/dataset-card";

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

/**
 * The tags a dataset can carry (HF get_dataset_tags, /api/datasets-tags-by-type): ids are
 * prefixed by kind as dataset tags are (task_categories:…, size_categories:…, license:…),
 * with the languages, formats and modalities the hub's public datasets use.
 */
export async function datasetTagsByType(): Promise<Record<string, TagItem[]>> {
  const used = await db().$queryRaw<{ tag: string }[]>`
    SELECT DISTINCT t AS tag FROM "Repo" r, unnest(r.tags) t
    WHERE r.type = 'dataset' AND NOT r.private AND r."hiddenAt" IS NULL AND split_part(t, ':', 1) IN ('language', 'format', 'modality', 'task_ids')
    ORDER BY 1 LIMIT 5000`;
  const of = (kind: string) => used.filter((u) => u.tag.startsWith(`${kind}:`)).map((u) => ({ id: u.tag, label: u.tag.slice(kind.length + 1), type: kind }));
  const all = (kind: string, ids: readonly string[], name = label) => ids.map((id) => ({ id: `${kind}:${id}`, label: name(id), type: kind }));
  return {
    task_categories: all("task_categories", DATASET_TASKS),
    size_categories: all("size_categories", SIZE_CATEGORIES, (id) => id),
    license: allLicenses().map((l) => ({ id: `license:${l.id}`, label: l.name, type: "license" })),
    language: of("language"),
    format: of("format"),
    modality: of("modality"),
    task_ids: of("task_ids"),
  };
}
